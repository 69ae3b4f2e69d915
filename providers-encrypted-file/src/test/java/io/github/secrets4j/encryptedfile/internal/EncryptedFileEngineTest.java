package io.github.secrets4j.encryptedfile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.secrets4j.SecretProviderError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedFileEngineTest {
  @TempDir Path dir;

  private EncryptedFileEngine engine() {
    return EncryptedFileEngine.withKeyFile(dir.resolve("store.json"), dir.resolve("store.key"), 5);
  }

  private static EntryMetadata meta(String description) {
    return new EntryMetadata("password", Optional.of(description), Map.of("team", "ops"));
  }

  @Test
  void putThenReadBackTheValueAndItsMetadata() {
    EncryptedFileEngine store = engine();
    EntryInfo info = store.put("db/password", "s3cr3t", meta("the db"), Optional.of("alice"));

    assertThat(info.key()).isEqualTo("db/password");
    assertThat(info.version()).isEqualTo(1);
    assertThat(info.created()).isEqualTo(info.updated());
    assertThat(info.kind()).isEqualTo("password");
    assertThat(info.description()).contains("the db");
    assertThat(info.labels()).containsExactly(Map.entry("team", "ops"));
    assertThat(info.owner()).contains("alice");
    assertThat(info.grants()).isEmpty();
    assertThat(info.toString()).isEqualTo("EntryInfo[db/password, version 1]");
    assertThat(store.value("db/password", OptionalLong.empty())).contains("s3cr3t");
    // A fresh engine (another process) reads the same file.
    assertThat(engine().value("db/password", OptionalLong.empty())).contains("s3cr3t");
    assertThat(engine().describe("db/password")).get().extracting(EntryInfo::owner).isEqualTo(Optional.of("alice"));
  }

  @Test
  void eachPutAddsAVersionAndOnlyTheLastMaxVersionsAreKept() {
    EncryptedFileEngine store = EncryptedFileEngine.withKeyFile(dir.resolve("s.json"), dir.resolve("s.key"), 3);
    for (int i = 1; i <= 5; i++) {
      store.put("k", "value " + i, EntryMetadata.empty(), Optional.empty());
    }
    EntryInfo info = store.describe("k").orElseThrow();
    assertThat(info.version()).isEqualTo(5);
    assertThat(info.versions()).containsExactly(3L, 4L, 5L);
    assertThat(store.value("k", OptionalLong.of(3))).contains("value 3");
    assertThat(store.value("k", OptionalLong.of(2))).isEmpty();
    assertThat(store.value("k", OptionalLong.empty())).contains("value 5");
    assertThat(info.created()).isBefore(info.updated().plusNanos(1));
  }

  @Test
  void aReplaceKeepsCreatedOwnerAndGrantsAndReplacesTheMetadata() {
    EncryptedFileEngine store = engine();
    EntryInfo first = store.put("k", "v1", meta("one"), Optional.of("alice"));
    store.setGrants("k", Set.of("bob", "carol"));
    EntryInfo second = store.put("k", "v2", EntryMetadata.empty(), Optional.empty());
    assertThat(second.created()).isEqualTo(first.created());
    assertThat(second.owner()).contains("alice");
    assertThat(second.grants()).containsExactly("bob", "carol");
    assertThat(second.kind()).isEqualTo("opaque");
    assertThat(second.description()).isEmpty();
    assertThat(second.labels()).isEmpty();
  }

  @Test
  void listIsSortedAndRemoveDropsEveryVersion() {
    EncryptedFileEngine store = engine();
    store.put("b", "1", EntryMetadata.empty(), Optional.empty());
    store.put("a", "2", EntryMetadata.empty(), Optional.empty());
    store.put("a", "3", EntryMetadata.empty(), Optional.empty());
    assertThat(store.list()).extracting(EntryInfo::key).containsExactly("a", "b");
    assertThat(store.remove("a")).isTrue();
    assertThat(store.remove("a")).isFalse();
    assertThat(store.value("a", OptionalLong.of(1))).isEmpty();
    assertThat(store.list()).extracting(EntryInfo::key).containsExactly("b");
    assertThat(store.setGrants("a", Set.of("x"))).isEmpty();
  }

  @Test
  void readingAStoreThatDoesNotExistYetFindsNothingAndCreatesNothing() {
    EncryptedFileEngine store = engine();
    assertThat(store.list()).isEmpty();
    assertThat(store.value("k", OptionalLong.empty())).isEmpty();
    assertThat(dir.resolve("store.json")).doesNotExist();
    assertThat(dir.resolve("store.key")).doesNotExist();
  }

  @Test
  void aChangeByAnotherWriterIsSeenByAReaderThatHasTheFileCached() {
    EncryptedFileEngine reader = engine();
    EncryptedFileEngine writer = engine();
    writer.put("k", "one", EntryMetadata.empty(), Optional.empty());
    assertThat(reader.value("k", OptionalLong.empty())).contains("one");
    writer.put("k", "two", EntryMetadata.empty(), Optional.empty());
    assertThat(reader.value("k", OptionalLong.empty())).contains("two");
  }

  @Test
  void theStoreTheKeyAndTheLockFileAreOwnerOnly() throws IOException {
    engine().put("k", "v", EntryMetadata.empty(), Optional.empty());
    for (String name : List.of("store.json", "store.key", "store.json.lock")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))))
          .as(name).isEqualTo("rw-------");
    }
    engine().put("k", "v2", EntryMetadata.empty(), Optional.empty());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("store.json"))))
        .isEqualTo("rw-------");
  }

  @Test
  void aFolderThatDoesNotExistIsCreatedOwnerOnly() throws IOException {
    Path folder = dir.resolve("new/.secrets4j");
    EncryptedFileEngine.withKeyFile(folder.resolve("store.json"), folder.resolve("store.key"), 5)
        .put("k", "v", EntryMetadata.empty(), Optional.empty());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
  }

  @Test
  void aKeyFileGroupOrOthersMayReadIsRefusedAsSshDoes() throws IOException {
    engine().put("k", "v", EntryMetadata.empty(), Optional.empty());
    for (String mode : List.of("rw-r-----", "rw----r--", "rw--w----")) {
      Files.setPosixFilePermissions(dir.resolve("store.key"), PosixFilePermissions.fromString(mode));
      assertThatThrownBy(() -> engine().value("k", OptionalLong.empty()))
          .isInstanceOf(SecretProviderError.class)
          .hasMessageContaining("store.key")
          .hasMessageContaining("secrets4j.encrypted-file.key-file")
          .hasMessageContaining("group or others")
          .hasMessageContaining("chmod 600");
    }
  }

  @Test
  void aKeyFileOwnedByAnotherUserIsRefusedAsSshDoes() throws IOException {
    assumeTrue(KeySource.processUid().orElse(-1) == 0,
        "giving a file to another user (chown) needs root; this run is not root");
    engine().put("k", "v", EntryMetadata.empty(), Optional.empty());
    Files.setAttribute(dir.resolve("store.key"), "unix:uid", 54321);
    assertThatThrownBy(() -> engine().value("k", OptionalLong.empty()))
        .isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("store.key")
        .hasMessageContaining("owned by uid 54321")
        .hasMessageContaining("chown");
    Files.setAttribute(dir.resolve("store.key"), "unix:uid", 0);
    assertThat(engine().value("k", OptionalLong.empty())).contains("v");
  }

  @Test
  void aMissingKeyFileForAnExistingStoreSaysHowToGetOne() throws IOException {
    engine().put("k", "v", EntryMetadata.empty(), Optional.empty());
    Files.delete(dir.resolve("store.key"));
    assertThatThrownBy(() -> engine().value("k", OptionalLong.empty()))
        .isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("store.key\" (setting secrets4j.encrypted-file.key-file) does not exist")
        .hasMessageContaining("secrets4j.encrypted-file.key")
        .hasMessageContaining("createKeyFile");
    // And a put does not silently create a new key for the old store.
    assertThatThrownBy(() -> engine().put("k2", "v", EntryMetadata.empty(), Optional.empty()))
        .isInstanceOf(SecretProviderError.class).hasMessageContaining("does not exist");
    assertThat(dir.resolve("store.key")).doesNotExist();
  }

  @Test
  void theWrongKeyIsNamedAsSuch() throws IOException {
    engine().put("k", "v", EntryMetadata.empty(), Optional.empty());
    Path other = dir.resolve("other.key");
    EncryptedFileEngine.createKeyFile(other);
    assertThatThrownBy(() -> EncryptedFileEngine.withKeyFile(dir.resolve("store.json"), other, 5)
            .value("k", OptionalLong.empty()))
        .isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("other.key")
        .hasMessageContaining("wrong key");
  }

  @Test
  void anInlineKeyOpensTheStoreItsKeyFileOpens() throws IOException {
    engine().put("k", "v", EntryMetadata.empty(), Optional.empty());
    String key = Files.readString(dir.resolve("store.key"));
    assertThat(EncryptedFileEngine.withInlineKey(dir.resolve("store.json"), key, 5)
        .value("k", OptionalLong.empty())).contains("v");
    String base64 = java.util.Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    EncryptedFileEngine inline = EncryptedFileEngine.withInlineKey(dir.resolve("store.json"), base64, 5);
    inline.put("k2", "v2", EntryMetadata.empty(), Optional.empty());
    assertThat(engine().value("k2", OptionalLong.empty())).contains("v2");
    assertThatThrownBy(inline::rotateKey).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("secrets4j.encrypted-file.key");
  }

  @Test
  void anInlineKeyThatIsNotAKeyIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> EncryptedFileEngine.withInlineKey(dir.resolve("s.json"), "{\"hunter2\": 1}", 5))
        .isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("secrets4j.encrypted-file.key")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> EncryptedFileEngine.withInlineKey(dir.resolve("s.json"), "hunter2!", 5))
        .isInstanceOf(SecretProviderError.class)
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void rotationReEncryptsEveryValueAndDropsTheOldKeyAfterwards() throws Exception {
    EncryptedFileEngine store = engine();
    store.put("a", "one", EntryMetadata.empty(), Optional.empty());
    store.put("a", "two", EntryMetadata.empty(), Optional.empty());
    store.put("b", "three", EntryMetadata.empty(), Optional.empty());
    String oldKey = Files.readString(dir.resolve("store.key"));
    byte[] oldStore = Files.readAllBytes(dir.resolve("store.json"));

    store.rotateKey();

    String newKey = Files.readString(dir.resolve("store.key"));
    assertThat(StoreKey.parse(newKey).aeadKeyCount()).isEqualTo(1);
    assertThat(StoreKey.parse(newKey).macKeyIds()).doesNotContainAnyElementsOf(StoreKey.parse(oldKey).macKeyIds());
    assertThat(Files.readAllBytes(dir.resolve("store.json"))).isNotEqualTo(oldStore);
    for (EncryptedFileEngine reader : List.of(store, engine())) {
      assertThat(reader.value("a", OptionalLong.of(1))).contains("one");
      assertThat(reader.value("a", OptionalLong.empty())).contains("two");
      assertThat(reader.value("b", OptionalLong.empty())).contains("three");
    }
    // The old key opens the new file no more.
    assertThatThrownBy(() -> EncryptedFileEngine.withInlineKey(dir.resolve("store.json"), oldKey, 5)
            .value("a", OptionalLong.empty()))
        .isInstanceOf(SecretProviderError.class).hasMessageContaining("wrong key");
  }

  @Test
  void keysAreCheckedAsTheStoreApiRequires() {
    EncryptedFileEngine store = engine();
    for (String bad : List.of("", "  ", "a\nb", "tab\there", "x".repeat(513))) {
      assertThatThrownBy(() -> store.put(bad, "v", EntryMetadata.empty(), Optional.empty()))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(store.put("x".repeat(512), "v", EntryMetadata.empty(), Optional.empty()).version()).isEqualTo(1);
    assertThatThrownBy(() -> EncryptedFileEngine.withKeyFile(dir.resolve("s"), dir.resolve("k"), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-versions");
  }

  @Test
  void createKeyFileNeverOverwritesAKey() throws IOException {
    Path key = dir.resolve("k/store.key");
    EncryptedFileEngine.createKeyFile(key);
    String before = Files.readString(key);
    assertThatThrownBy(() -> EncryptedFileEngine.createKeyFile(key))
        .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    assertThat(Files.readString(key)).isEqualTo(before);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
  }
}
