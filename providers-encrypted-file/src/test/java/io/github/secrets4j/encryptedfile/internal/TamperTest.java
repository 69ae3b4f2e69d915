package io.github.secrets4j.encryptedfile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.secrets4j.SecretProviderError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of edit to the store file is detected, and the error says which file and setting. */
class TamperTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  Path storeFile;

  private EncryptedFileEngine engine() {
    return EncryptedFileEngine.withKeyFile(storeFile, dir.resolve("store.key"), 5);
  }

  @BeforeEach
  void fill() {
    storeFile = dir.resolve("store.json");
    EncryptedFileEngine store = engine();
    store.put("alpha", "value-a1", new EntryMetadata("password", Optional.of("first"), Map.of("env", "prod")),
        Optional.of("alice"));
    store.put("alpha", "value-a2", new EntryMetadata("password", Optional.of("first"), Map.of("env", "prod")),
        Optional.empty());
    store.setGrants("alpha", Set.of("bob"));
    store.put("beta", "value-b1", EntryMetadata.empty(), Optional.empty());
  }

  private void edit(Consumer<ObjectNode> change) throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(Files.readAllBytes(storeFile));
    change.accept(root);
    Files.write(storeFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  private static ObjectNode entry(ObjectNode root, int i) {
    return (ObjectNode) root.get("entries").get(i);
  }

  static Stream<Arguments> edits() {
    return Stream.<Arguments>of(
        Arguments.of("an entry removed", (Consumer<ObjectNode>) r -> ((ArrayNode) r.get("entries")).remove(1)),
        Arguments.of("an entry's description edited", (Consumer<ObjectNode>) r -> entry(r, 0).put("description", "edited")),
        Arguments.of("an entry's description removed", (Consumer<ObjectNode>) r -> entry(r, 0).remove("description")),
        Arguments.of("a label's value edited", (Consumer<ObjectNode>) r -> ((ObjectNode) entry(r, 0).get("labels")).put("env", "dev")),
        Arguments.of("a label added", (Consumer<ObjectNode>) r -> ((ObjectNode) entry(r, 1).get("labels")).put("x", "y")),
        Arguments.of("a label removed", (Consumer<ObjectNode>) r -> ((ObjectNode) entry(r, 0).get("labels")).remove("env")),
        Arguments.of("the owner edited", (Consumer<ObjectNode>) r -> entry(r, 0).put("owner", "mallory")),
        Arguments.of("the owner removed", (Consumer<ObjectNode>) r -> entry(r, 0).remove("owner")),
        Arguments.of("an owner added", (Consumer<ObjectNode>) r -> entry(r, 1).put("owner", "mallory")),
        Arguments.of("a grant added", (Consumer<ObjectNode>) r -> ((ArrayNode) entry(r, 0).get("grants")).add("mallory")),
        Arguments.of("a grant removed", (Consumer<ObjectNode>) r -> ((ArrayNode) entry(r, 0).get("grants")).remove(0)),
        Arguments.of("a grant replaced", (Consumer<ObjectNode>) r -> ((ArrayNode) entry(r, 0).get("grants")).set(0, "mallory")),
        Arguments.of("the kind edited", (Consumer<ObjectNode>) r -> entry(r, 1).put("kind", "password")),
        Arguments.of("created edited", (Consumer<ObjectNode>) r -> entry(r, 0).put("created", "2001-01-01T00:00:00Z")),
        Arguments.of("updated edited", (Consumer<ObjectNode>) r -> entry(r, 0).put("updated", "2001-01-01T00:00:00Z")),
        Arguments.of("a key renamed", (Consumer<ObjectNode>) r -> entry(r, 0).put("key", "aardvark")),
        Arguments.of("a version dropped", (Consumer<ObjectNode>) r -> ((ArrayNode) entry(r, 0).get("versions")).remove(1)),
        Arguments.of("a version renumbered", (Consumer<ObjectNode>) r -> ((ObjectNode) entry(r, 0).get("versions").get(1)).put("version", 7)),
        Arguments.of("a version's time edited", (Consumer<ObjectNode>) r -> ((ObjectNode) entry(r, 0).get("versions").get(0)).put("created", "2001-01-01T00:00:00Z")),
        Arguments.of("ciphertexts swapped between entries", (Consumer<ObjectNode>) r -> {
          ObjectNode a = (ObjectNode) entry(r, 0).get("versions").get(1);
          ObjectNode b = (ObjectNode) entry(r, 1).get("versions").get(0);
          String va = a.get("value").asText();
          a.put("value", b.get("value").asText());
          b.put("value", va);
        }),
        Arguments.of("a ciphertext flipped", (Consumer<ObjectNode>) r -> {
          ObjectNode v = (ObjectNode) entry(r, 1).get("versions").get(0);
          byte[] c = java.util.Base64.getDecoder().decode(v.get("value").asText());
          c[c.length - 1] ^= 1;
          v.put("value", java.util.Base64.getEncoder().encodeToString(c));
        }),
        Arguments.of("the generation edited", (Consumer<ObjectNode>) r -> r.put("generation", r.get("generation").asLong() + 1)),
        Arguments.of("the mac's tag edited", (Consumer<ObjectNode>) r -> {
          byte[] m = java.util.Base64.getDecoder().decode(r.get("mac").asText());
          m[m.length - 1] ^= 1;
          r.put("mac", java.util.Base64.getEncoder().encodeToString(m));
        }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edits")
  void anEditIsDetected(String what, Consumer<ObjectNode> change) throws Exception {
    EncryptedFileEngine reader = engine();
    assertThat(reader.value("beta", OptionalLong.empty())).contains("value-b1");
    edit(change);
    for (EncryptedFileEngine e : new EncryptedFileEngine[] {reader, engine()}) {
      assertThatThrownBy(() -> e.value("beta", OptionalLong.empty()))
          .as(what)
          .isInstanceOf(SecretProviderError.class)
          .hasMessageContaining("store.json\" (setting secrets4j.encrypted-file.path) failed its integrity check");
      assertThatThrownBy(e::list).isInstanceOf(SecretProviderError.class);
      // A write refuses to build on a tampered file too (it would seal the edit).
      assertThatThrownBy(() -> e.put("gamma", "v", EntryMetadata.empty(), Optional.empty()))
          .isInstanceOf(SecretProviderError.class).hasMessageContaining("integrity check");
    }
  }

  @Test
  void entriesReorderedAreDetected() throws Exception {
    edit(r -> {
      ArrayNode entries = (ArrayNode) r.get("entries");
      entries.insert(0, entries.remove(1));
    });
    assertThatThrownBy(() -> engine().list())
        .isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("store.json")
        .hasMessageContaining("out of order");
  }

  @Test
  void aCiphertextMovedToAnotherEntryDoesNotDecryptEvenWithAValidMac() throws Exception {
    // The MAC is re-computed with the real key, as someone holding only the MAC key could: the
    // associated data (store id, key, version) still refuses the swapped value.
    edit(r -> {
      ObjectNode a = (ObjectNode) entry(r, 0).get("versions").get(1);
      ObjectNode b = (ObjectNode) entry(r, 1).get("versions").get(0);
      b.put("value", a.get("value").asText());
    });
    reseal();
    assertThatThrownBy(() -> engine().value("beta", OptionalLong.empty()))
        .isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("cannot be decrypted")
        .hasMessageNotContaining("value-a2");
  }

  private void reseal() throws Exception {
    StoreKey key = StoreKey.parse(Files.readString(dir.resolve("store.key")));
    byte[] bytes = Files.readAllBytes(storeFile);
    ObjectNode root = (ObjectNode) JSON.readTree(bytes);
    root.put("mac", "AA==");
    StoreFormat.Sealed sealed = StoreFormat.read(JSON.writeValueAsBytes(root));
    Files.write(storeFile, StoreFormat.write(sealed.state, key.mac().computeMac(StoreFormat.canonical(sealed.state))));
  }

  @Test
  void aRollbackToAnOlderFileIsDetectedByAnEngineThatSawANewerOne() throws Exception {
    byte[] old = Files.readAllBytes(storeFile);
    EncryptedFileEngine store = engine();
    store.put("beta", "value-b2", EntryMetadata.empty(), Optional.empty());
    assertThat(store.value("beta", OptionalLong.empty())).contains("value-b2");
    Files.write(storeFile, old);
    assertThatThrownBy(() -> store.value("beta", OptionalLong.empty()))
        .isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("rollback");
    // Documented limit: an engine that never saw the newer file (a fresh process) cannot tell.
    assertThat(engine().value("beta", OptionalLong.empty())).contains("value-b1");
  }

  @Test
  void aStoreFileRemovedUnderARunningEngineIsDetected() throws Exception {
    EncryptedFileEngine store = engine();
    store.list();
    Files.delete(storeFile);
    assertThatThrownBy(store::list).isInstanceOf(SecretProviderError.class).hasMessageContaining("was removed");
  }

  @Test
  void aStoreFileFromAnotherStoreIsRefused() throws Exception {
    Path other = dir.resolve("other");
    EncryptedFileEngine.withKeyFile(other.resolve("store.json"), other.resolve("store.key"), 5)
        .put("beta", "other", EntryMetadata.empty(), Optional.empty());
    Files.copy(other.resolve("store.json"), storeFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> engine().value("beta", OptionalLong.empty()))
        .isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("belongs to store");
  }

  @Test
  void aTruncatedFileIsReportedWithLineAndColumn() throws Exception {
    byte[] bytes = Files.readAllBytes(storeFile);
    Files.write(storeFile, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> engine().list())
        .isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("store.json\" (setting secrets4j.encrypted-file.path) is not valid JSON (line ")
        .hasMessageContaining(", column ")
        .hasMessageContaining("truncated");
  }

  @Test
  void aFileThatIsNotJsonIsReportedWithLineAndColumnAndNotQuoted() throws Exception {
    Files.writeString(storeFile, "{\n  \"format\": hunter2-plaintext\n}", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> engine().list())
        .isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("is not valid JSON (line 2, column ")
        .hasMessageNotContaining("hunter2")
        .satisfies(e -> assertThat(e.getCause()).isNull());
    Files.writeString(storeFile, "[1, 2]", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> engine().list()).isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("not a JSON object");
    Files.writeString(storeFile, "", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> engine().list()).isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("store.json");
  }

  @Test
  void anUnknownOrDuplicatedFieldIsRefused() throws Exception {
    edit(r -> entry(r, 0).put("admin", true));
    assertThatThrownBy(() -> engine().list()).isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("unknown field");
    String text = Files.readString(storeFile).replaceFirst("\"admin\" : true", "\"owner\" : \"mallory\"");
    Files.writeString(storeFile, text);
    assertThatThrownBy(() -> engine().list()).isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("not valid JSON");
  }
}
