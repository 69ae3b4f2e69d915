package io.github.secrets4j.encryptedfile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.secrets4j.testkit.CapturingLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A canary value is never in the store file, the key file, a log line, a toString or an error. */
class CanaryTest {
  private static final String CANARY = "CANARY-7f3a9c-do-not-leak";
  @TempDir Path dir;

  @Test
  void theCanaryNeverLeaves() throws Exception {
    CapturingLogs.clear();
    Path store = dir.resolve("store.json");
    Path key = dir.resolve("store.key");
    EncryptedFileEngine engine = EncryptedFileEngine.withKeyFile(store, key, 5);
    List<Object> printed = new ArrayList<>();
    printed.add(engine);
    printed.add(engine.put("k", CANARY, EntryMetadata.empty(), Optional.empty()));
    printed.add(engine.put("k", CANARY + "2", EntryMetadata.empty(), Optional.empty()));
    assertThat(engine.value("k", OptionalLong.empty())).contains(CANARY + "2");
    printed.addAll(engine.list());
    printed.add(engine.describe("k").orElseThrow());
    engine.rotateKey();
    assertThat(engine.value("k", OptionalLong.of(1))).contains(CANARY);

    // Errors along the way: a swapped ciphertext re-sealed, a wrong key, a broken file.
    List<Throwable> errors = new ArrayList<>();
    engine.put("other", "x", EntryMetadata.empty(), Optional.empty());
    String good = Files.readString(store);
    Path other = dir.resolve("other.key");
    EncryptedFileEngine.createKeyFile(other);
    errors.add(catchThrowable(() -> EncryptedFileEngine.withKeyFile(store, other, 5).value("k", OptionalLong.empty())));
    Files.writeString(store, good.substring(0, good.length() / 3));
    errors.add(catchThrowable(() -> EncryptedFileEngine.withKeyFile(store, key, 5).value("k", OptionalLong.empty())));
    Files.writeString(store, CANARY + " is not JSON");
    errors.add(catchThrowable(() -> EncryptedFileEngine.withKeyFile(store, key, 5).value("k", OptionalLong.empty())));
    errors.add(catchThrowable(() -> EncryptedFileEngine.withInlineKey(store, CANARY, 5)));
    errors.add(catchThrowable(() -> EncryptedFileEngine.withInlineKey(store, "{\"x\":\"" + CANARY + "\"}", 5)));
    Files.writeString(store, good);

    assertThat(errors).allSatisfy(e -> {
      assertThat(e).isNotNull();
      for (Throwable t = e; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(CANARY);
        assertThat(t.toString()).doesNotContain(CANARY);
      }
    });
    assertThat(printed).allSatisfy(o -> assertThat(o.toString()).doesNotContain(CANARY));
    assertThat(CapturingLogs.events()).noneMatch(line -> line.contains(CANARY));
    byte[] canary = CANARY.getBytes(StandardCharsets.UTF_8);
    byte[] canary64 = Base64.getEncoder().encodeToString(canary).substring(0, 16).getBytes(StandardCharsets.US_ASCII);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        byte[] bytes = Files.readAllBytes(f);
        assertThat(indexOf(bytes, canary)).as(f.toString()).isEqualTo(-1);
        assertThat(indexOf(bytes, canary64)).as(f.toString()).isEqualTo(-1);
      }
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
