package io.github.secrets4j.encryptedfile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.secrets4j.SecretProviderError;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults of the file system: nothing lost, a clear error naming the file. */
class FaultTest {
  @TempDir Path dir;

  private EncryptedFileEngine engine(Path folder, AtomicFiles files) {
    return new EncryptedFileEngine(folder.resolve("store.json"),
        KeySource.file(folder.resolve("store.key"), AtomicFiles.standard()), 5, Clock.systemUTC(), files);
  }

  private static List<String> leftovers(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
    }
  }

  @Test
  void aWriteThatFailsHalfwayLeavesThePreviousFileIntact() throws IOException {
    engine(dir, AtomicFiles.standard()).put("k", "old", EntryMetadata.empty(), Optional.empty());
    byte[] before = Files.readAllBytes(dir.resolve("store.json"));
    for (long budget : new long[] {0, 10, before.length / 2}) {
      EncryptedFileEngine failing = engine(dir, new AtomicFiles(
          (path, options, attributes) -> new FailingChannel(FileChannel.open(path, options, attributes), budget)));
      assertThatThrownBy(() -> failing.put("k", "new", EntryMetadata.empty(), Optional.empty()))
          .isInstanceOf(SecretProviderError.class)
          .hasMessageContaining("cannot write the store file \"" + dir.resolve("store.json"))
          .hasMessageContaining("the previous file is intact")
          .hasMessageContaining("No space left on device");
      assertThat(Files.readAllBytes(dir.resolve("store.json"))).isEqualTo(before);
      assertThat(leftovers(dir)).isEmpty();
      assertThat(engine(dir, AtomicFiles.standard()).value("k", OptionalLong.empty())).contains("old");
    }
  }

  @Test
  void aFullDiskLeavesThePreviousFileIntact() throws Exception {
    Path mount = Files.createDirectory(dir.resolve("tiny"));
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", mount.toString()),
        "needs root to mount a 64 KiB tmpfs");
    try {
      EncryptedFileEngine store = engine(mount, AtomicFiles.standard());
      String big = "x".repeat(2_000);
      List<String> put = new ArrayList<>();
      SecretProviderError failure = null;
      for (int i = 0; i < 200 && failure == null; i++) {
        try {
          store.put("key-" + i, big + i, EntryMetadata.empty(), Optional.empty());
          put.add("key-" + i);
        } catch (SecretProviderError e) {
          failure = e;
        }
      }
      assertThat(failure).as("the 64 KiB file system filled up").isNotNull();
      assertThat(failure).hasMessageContaining("store.json").hasMessageContaining("the previous file is intact");
      assertThat(put).isNotEmpty();
      EncryptedFileEngine reader = engine(mount, AtomicFiles.standard());
      assertThat(reader.list()).hasSize(put.size());
      for (int i = 0; i < put.size(); i++) {
        assertThat(reader.value("key-" + i, OptionalLong.empty())).contains(big + i);
      }
      assertThat(leftovers(mount)).isEmpty();
    } finally {
      run("umount", mount.toString());
    }
  }

  @Test
  void anUnwritableFolderIsAClearErrorAndReadsStillWork() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("ro"));
    boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", folder.toString());
    // Root writes through any folder mode: without a read-only mount nothing stops it.
    assumeTrue(mounted || KeySource.processUid().orElse(-1) != 0,
        "root that cannot mount a tmpfs cannot make a folder unwritable");
    try {
      engine(folder, AtomicFiles.standard()).put("k", "v", EntryMetadata.empty(), Optional.empty());
      if (mounted) {
        // root writes through any mode: a read-only mount is what stops it.
        assertThat(run("mount", "-o", "remount,ro", folder.toString())).isTrue();
      } else {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-x------"));
        Files.setPosixFilePermissions(folder.resolve("store.json.lock"), PosixFilePermissions.fromString("r--------"));
      }
      EncryptedFileEngine store = engine(folder, AtomicFiles.standard());
      assertThatThrownBy(() -> store.put("k", "v2", EntryMetadata.empty(), Optional.empty()))
          .isInstanceOf(SecretProviderError.class)
          .hasMessageContaining("store.json\" (setting secrets4j.encrypted-file.path)")
          .hasMessageContaining("is the folder writable?");
      assertThat(store.value("k", OptionalLong.empty())).contains("v");
    } finally {
      if (mounted) {
        run("umount", folder.toString());
      } else {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
      }
    }
  }

  private static boolean run(String... command) throws Exception {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
