package io.github.secrets4j.encryptedfile.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real JVMs on one store: the lock file serialises them, a SIGKILL never leaves a broken file. */
class MultiProcessTest {
  @TempDir Path dir;

  private Process worker(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        EngineWorker.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void fourJvmsPutting250KeysEachEndWithExactly1000Entries() throws Exception {
    Path store = dir.resolve("store.json");
    Path key = dir.resolve("store.key");
    List<Process> processes = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      processes.add(worker("put", store.toString(), key.toString(), "jvm" + p, "250"));
    }
    for (Process p : processes) {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(output).isZero();
    }
    EncryptedFileEngine engine = EncryptedFileEngine.withKeyFile(store, key, 5);
    assertThat(engine.list()).hasSize(1_000);
    for (int p = 0; p < 4; p++) {
      for (int i = 0; i < 250; i += 49) {
        assertThat(engine.value("jvm" + p + "-" + i, OptionalLong.empty())).contains("value of jvm" + p + "-" + i);
      }
    }
    assertThat(engine.list()).allSatisfy(e -> assertThat(e.version()).isEqualTo(1));
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aJvmKilledInTheMiddleOfAPutLeavesTheOldOrTheNewStoreNeverABrokenOne() throws Exception {
    Path store = dir.resolve("store.json");
    Path key = dir.resolve("store.key");
    long lastSeen = 0;
    for (int round = 0; round < 20; round++) {
      Process p = worker("forever", store.toString(), key.toString(), "k");
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("ready");
      Thread.sleep(ThreadLocalRandom.current().nextInt(5, 300));
      p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

      EncryptedFileEngine engine = EncryptedFileEngine.withKeyFile(store, key, 5);
      var entries = engine.list();
      assertThat(entries).hasSize(1);
      long version = entries.get(0).version();
      assertThat(version).isGreaterThan(lastSeen); // the worker's first put is always there
      lastSeen = version;
      for (long v : entries.get(0).versions()) {
        assertThat(engine.value("k", OptionalLong.of(v))).contains(EngineWorker.expected(v));
      }
    }
    assertThat(lastSeen).as("the workers got puts done").isPositive();
    // The next writer removes the temporary files a killed writer left.
    EncryptedFileEngine.withKeyFile(store, key, 5).remove("k");
    assertThat(dir.toFile().list((d, n) -> n.endsWith(".tmp"))).isEmpty();
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aJvmKilledDuringKeyRotationLeavesAKeyThatOpensTheStoreAndNoKeyCopyAfterTheNextWrite() throws Exception {
    for (int round = 0; round < 8; round++) {
      Path store = dir.resolve("store" + round + ".json");
      Path key = dir.resolve("store" + round + ".key");
      Process p = worker("rotate", store.toString(), key.toString(), "k");
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("ready");
      Thread.sleep(ThreadLocalRandom.current().nextInt(5, 300));
      p.destroyForcibly(); // SIGKILL, often between writing a key copy and renaming it
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

      EncryptedFileEngine engine = EncryptedFileEngine.withKeyFile(store, key, 5);
      assertThat(engine.value("k", OptionalLong.empty())).contains(EngineWorker.expected(1));
      engine.put("k", "next", EntryMetadata.empty(), java.util.Optional.empty());
    }
    assertThat(dir.toFile().list((d, n) -> n.endsWith(".tmp"))).isEmpty();
  }
}
