package io.github.secrets4j.encryptedfile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The key file: no copies left behind, never overwritten, and rotation never fails a reader. */
class KeyFileTest {
  @TempDir Path dir;

  private static String[] temps(Path folder) {
    return folder.toFile().list((d, n) -> n.endsWith(AtomicFiles.TEMP_SUFFIX));
  }

  @Test
  void aLeftoverCopyOfTheKeyFileIsRemovedByTheNextWrite() throws Exception {
    Path store = dir.resolve("store.json");
    Path key = dir.resolve("store.key");
    EncryptedFileEngine engine = EncryptedFileEngine.withKeyFile(store, key, 5);
    engine.put("k", "v1", EntryMetadata.empty(), Optional.empty());
    // What a writer killed during the first put or a rotation leaves: a full copy of the keyset.
    Path leftover = dir.resolve(AtomicFiles.tempPrefix(key) + "0b4e7c1a-dead-beef-0000-000000000000"
        + AtomicFiles.TEMP_SUFFIX);
    Files.write(leftover, Files.readAllBytes(key));

    EncryptedFileEngine.withKeyFile(store, key, 5).put("k", "v2", EntryMetadata.empty(), Optional.empty());

    assertThat(leftover).doesNotExist();
    assertThat(temps(dir)).isEmpty();
  }

  @Test
  void aLeftoverCopyOfAKeyFileInAnotherFolderIsRemovedByTheFirstPut() throws Exception {
    Path keys = Files.createDirectory(dir.resolve("keys"));
    Path key = keys.resolve("store.key");
    Path leftover = keys.resolve(AtomicFiles.tempPrefix(key) + "x" + AtomicFiles.TEMP_SUFFIX);
    Files.writeString(leftover, "a keyset");

    EncryptedFileEngine.withKeyFile(dir.resolve("store.json"), key, 5)
        .put("k", "v", EntryMetadata.empty(), Optional.empty());

    assertThat(leftover).doesNotExist();
    assertThat(key).exists();
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void storesSharingOneNewKeyFileAndCreateKeyFileRacingThemAllEndWithOneKey() throws Exception {
    for (int round = 0; round < 10; round++) {
      Path folder = Files.createDirectory(dir.resolve("round" + round));
      Path key = folder.resolve("shared.key");
      int threads = 6;
      CountDownLatch start = new CountDownLatch(1);
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      AtomicInteger created = new AtomicInteger();
      List<Thread> all = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int n = t;
        all.add(new Thread(() -> {
          try {
            start.await();
            if (n % 3 == 2) {
              try {
                EncryptedFileEngine.createKeyFile(key);
                created.incrementAndGet();
              } catch (FileAlreadyExistsException e) {
                // another thread's key is there: it was not touched
              }
            } else {
              EncryptedFileEngine.withKeyFile(folder.resolve("store" + n + ".json"), key, 5)
                  .put("k", "value " + n, EntryMetadata.empty(), Optional.empty());
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        }));
      }
      all.forEach(Thread::start);
      start.countDown();
      for (Thread t : all) {
        t.join();
      }
      assertThat(failures).isEmpty();
      assertThat(created.get()).isLessThanOrEqualTo(1);
      for (int n = 0; n < threads; n++) {
        if (n % 3 != 2) {
          assertThat(EncryptedFileEngine.withKeyFile(folder.resolve("store" + n + ".json"), key, 5)
              .value("k", OptionalLong.empty())).as("round %d store %d", round, n).contains("value " + n);
        }
      }
      assertThat(temps(folder)).isEmpty();
    }
  }

  @Test
  void createKeyFileOnAnExistingFileRefusesWithoutTouchingIt() throws Exception {
    Path key = dir.resolve("store.key");
    Files.writeString(key, "not even a key");
    byte[] before = Files.readAllBytes(key);
    var stamp = FileStamp.of(key).orElseThrow();

    assertThatThrownBy(() -> EncryptedFileEngine.createKeyFile(key)).isInstanceOf(FileAlreadyExistsException.class);

    assertThat(Files.readAllBytes(key)).isEqualTo(before);
    assertThat(FileStamp.of(key)).contains(stamp);
    assertThat(temps(dir)).isEmpty();
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void readsNeverFailWhileAnotherEngineRotatesTheKey() throws Exception {
    Path store = dir.resolve("store.json");
    Path key = dir.resolve("store.key");
    EncryptedFileEngine writer = EncryptedFileEngine.withKeyFile(store, key, 5);
    for (int i = 0; i < 400; i++) {
      writer.put("k" + i, "value " + i, EntryMetadata.empty(), Optional.empty());
    }
    EncryptedFileEngine reader = EncryptedFileEngine.withKeyFile(store, key, 5);
    AtomicBoolean done = new AtomicBoolean();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    AtomicInteger reads = new AtomicInteger();
    Thread readerThread = new Thread(() -> {
      while (!done.get()) {
        try {
          // One engine reading on, and a fresh one (a process starting) reading the whole file:
          // a rotation often completes while it parses the bytes it read.
          assertThat(reader.value("k7", OptionalLong.empty())).contains("value 7");
          assertThat(EncryptedFileEngine.withKeyFile(store, key, 5).value("k7", OptionalLong.empty()))
              .contains("value 7");
          reads.incrementAndGet();
        } catch (Throwable e) {
          failures.add(e);
        }
      }
    });
    readerThread.start();
    try {
      for (int r = 0; r < 20; r++) {
        writer.rotateKey();
      }
    } finally {
      done.set(true);
      readerThread.join();
    }
    assertThat(failures).isEmpty();
    assertThat(reads.get()).isPositive();
    assertThat(new String(Files.readAllBytes(key), StandardCharsets.UTF_8)).isNotEmpty();
  }
}
