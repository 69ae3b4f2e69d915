package io.github.secrets4j.vault;

import static io.github.secrets4j.vault.VaultTesting.P;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretMetadata;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.SecretStore;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.StoredSecret;
import io.github.secrets4j.spi.SecretWriter;
import io.github.secrets4j.vault.fake.FakeVault;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code hashicorp-vault} store against FakeVault: what goes over the wire, and its limits. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VaultStoreTest {
  private static final String CAS_MISMATCH = "{\"errors\":[\"check-and-set parameter did not "
      + "match the current version\"]}";
  private FakeVault vault;
  private Secrets secrets;
  private SecretStore store;

  @BeforeEach
  void start() {
    vault = FakeVault.start().mountKv("secret", 2).mountKv("kv1", 1);
    secrets = VaultTesting.runtime(VaultTesting.tokenSettings(vault.url(), vault.rootToken()));
    store = secrets.store("hashicorp-vault");
  }

  @AfterEach
  void stop() {
    secrets.close();
    vault.close();
  }

  private SecretWriter writer(Secrets runtime) {
    return runtime.provider("hashicorp-vault").orElseThrow().writer().orElseThrow();
  }

  private JsonObject lastBody(String method, String path) {
    FakeVault.Request last = null;
    for (FakeVault.Request request : vault.requests()) {
      if (request.method().equals(method) && request.path().equals(path)) {
        last = request;
      }
    }
    assertThat(last).as(method + " " + path).isNotNull();
    return Json.parse(last.body()).asObject();
  }

  @Test
  void putWritesFieldValueAtPrefixPlusKeyWithCasOnTheVersionLastRead() {
    store.put("db", "one");
    assertThat(lastBody("POST", "/v1/secret/data/secrets4j/db").toString())
        .isEqualTo("{\"data\":{\"value\":\"one\"},\"options\":{\"cas\":0}}");
    store.put("db", "two");
    assertThat(lastBody("POST", "/v1/secret/data/secrets4j/db").get("options").asObject()
        .get("cas").asLong()).isEqualTo(1);
    assertThat(VaultTesting.read(secrets, "path", "secrets4j/db", "key", "value")).isEqualTo("two");
  }

  @Test
  void customMetadataHoldsKindDescriptionLabelsOwnerAndGrants() {
    SecretMetadata metadata = SecretMetadata.builder().kind("env").description("d")
        .label("team", "core").build();
    secrets.forPrincipal("alice").store("hashicorp-vault").put("k", "TOKEN=v", metadata);
    store.grant("k", "bob");
    JsonObject custom = lastBody("POST", "/v1/secret/metadata/secrets4j/k")
        .get("custom_metadata").asObject();
    Map<String, String> pairs = new HashMap<>();
    custom.forEach(member -> pairs.put(member.getName(), member.getValue().asString()));
    assertThat(pairs).isEqualTo(Map.of("kind", "env", "description", "d", "owner", "alice",
        "grant.bob", "read", "label.team", "core"));
    StoredSecret described = store.describe("k").orElseThrow();
    assertThat(described.metadata()).isEqualTo(metadata);
    assertThat(described.owner()).contains("alice");
    assertThat(described.grants()).containsExactly("bob");
  }

  @Test
  void oneCasMismatchIsRetriedFromAFreshRead() {
    vault.failNext("/v1/secret/data/secrets4j/k", 1, 400, CAS_MISMATCH);
    assertThat(store.put("k", "v").version()).isEqualTo(1);
    assertThat(vault.count("POST", "/v1/secret/data/secrets4j/k")).isEqualTo(2);
    assertThat(vault.count("GET", "/v1/secret/metadata/secrets4j/k")).isEqualTo(2);
  }

  @Test
  void casMismatchOnEveryAttemptIsAConflictErrorThatWroteNothing() {
    vault.failNext("/v1/secret/data/secrets4j/k", 1000, 400, CAS_MISMATCH);
    assertThatThrownBy(() -> store.put("k", "canary-value"))
        .isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("Conflict")
        .hasMessageContaining("nothing was written")
        .hasMessageNotContaining("canary-value");
    assertThat(vault.count("POST", "/v1/secret/metadata/")).isZero();
    vault.clearRequests();
  }

  @Test
  void customMetadataBeyondVaultsLimitsIsRefusedBeforeAnythingIsSent() {
    SecretMetadata.Builder many = SecretMetadata.builder();
    for (int i = 0; i < 64; i++) {
      many.label("l" + i, "x");
    }
    assertThatThrownBy(() -> store.put("k", "v", many.build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 64");
    assertThatThrownBy(() -> store.put("k", "v",
        SecretMetadata.builder().description("\u00e9".repeat(300)).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512 bytes")
        .hasMessageContaining("description");
    assertThatThrownBy(() -> store.put("k", "v", SecretMetadata.builder().label("e", "").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label.e");
    assertThatThrownBy(() -> store.put("k", "v",
        SecretMetadata.builder().label("n".repeat(125), "x").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("128 bytes");
    assertThat(vault.count("POST", "/v1/")).isZero();
    assertThat(store.describe("k")).isEmpty();
  }

  @Test
  void aGrantThatWouldOverflowCustomMetadataIsRefused() {
    SecretMetadata.Builder labels = SecretMetadata.builder();
    for (int i = 0; i < 63; i++) {
      labels.label("l" + i, "x");
    }
    store.put("k", "v", labels.build());
    assertThatThrownBy(() -> store.grant("k", "bob"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 64");
    assertThat(store.describe("k").orElseThrow().grants()).isEmpty();
  }

  @Test
  void readOnlyTokenIsSecretAccessDeniedErrorWithoutTokenOrValue() {
    String token = vault.createToken(Duration.ofHours(1), true);
    vault.denyWrites("secret/data/secrets4j").denyWrites("secret/metadata/secrets4j");
    try (Secrets readOnly = VaultTesting.runtime(VaultTesting.tokenSettings(vault.url(), token))) {
      assertThatThrownBy(() -> readOnly.store("hashicorp-vault").put("k", "canary-value"))
          .isInstanceOf(SecretAccessDeniedError.class)
          .hasMessageContaining("permission denied")
          .hasMessageNotContaining("canary-value")
          .hasMessageNotContaining(token);
      store.put("k", "v");
      assertThatThrownBy(() -> readOnly.store("hashicorp-vault").remove("k"))
          .isInstanceOf(SecretAccessDeniedError.class).hasMessageNotContaining(token);
      assertThat(readOnly.store("hashicorp-vault").describe("k")).isPresent();
    }
  }

  @Test
  void removeDeletesMetadataAndEveryVersion() {
    store.put("k", "1");
    store.put("k", "2");
    assertThat(store.remove("k")).isTrue();
    assertThat(vault.count("DELETE", "/v1/secret/metadata/secrets4j/k")).isEqualTo(1);
    assertThat(store.remove("k")).isFalse();
    assertThat(store.put("k", "3").version()).isEqualTo(1);
  }

  @Test
  void listOfManyKeysSkipsFoldersAndOtherPaths() {
    for (int i = 0; i < 300; i++) {
      store.put("key-" + i, "v" + i);
    }
    vault.put("secret", "secrets4j/folder/inner", Map.of("value", "x"));
    vault.put("secret", "elsewhere", Map.of("value", "x"));
    vault.clearRequests();
    assertThat(store.list()).extracting(StoredSecret::key).hasSize(300).contains("key-0", "key-299")
        .doesNotContain("folder/", "folder", "elsewhere");
    assertThat(vault.count("GET", "/v1/secret/metadata/secrets4j")).isEqualTo(301);
    assertThat(vault.requests().stream().filter(r -> "list=true".equals(r.query())).count())
        .isEqualTo(1);
  }

  @Test
  void listOfAnEmptyStoreIsEmpty() {
    assertThat(store.list()).isEmpty();
  }

  @Test
  void keysThatAreNotOnePathSegmentAreRefusedBeforeAnythingIsSent() {
    for (String key : new String[] {"a/b", "..", ".", "%2e%2e", "a%2Fb", "a\\b"}) {
      assertThatThrownBy(() -> store.put(key, "v")).as(key)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one path segment");
    }
    assertThat(vault.requests()).isEmpty();
  }

  @Test
  void parametersAndKeyAreInverses() {
    SecretWriter writer = writer(secrets);
    Map<String, String> parameters = writer.parameters("db");
    assertThat(parameters).isEqualTo(Map.of("path", "secrets4j/db", "key", "value",
        "mount_point", "secret", "kv_version", "v2"));
    assertThat(writer.key(parameters)).contains("db");
    assertThat(writer.key(Map.of("path", "/secrets4j/db/", "key", "other", "mount_point",
        "/secret/", "version", "1"))).contains("db");
    assertThat(writer.key(Map.of("path", "secrets4j/db", "key", "value", "vault", "other")))
        .contains("db");
    assertThat(writer.key(Map.of("path", "secrets4j/db", "key", "value", "mount_point", "kv1")))
        .isEmpty();
    assertThat(writer.key(Map.of("path", "app/db", "key", "value"))).isEmpty();
    assertThat(writer.key(Map.of("path", "secrets4j", "key", "value"))).isEmpty();
  }

  @Test
  void aPrincipalCannotReadAStoredSecretNamedAnotherWay() {
    // The same Vault secret through another split of mount and path, KV v1 reads of the v2 API
    // paths (data/, metadata/), and another view of the secret: all are reads of the entry.
    secrets.forPrincipal("alice").store("hashicorp-vault").put("alice-key", "canary-alice");
    Secrets bob = secrets.forPrincipal("bob");
    java.util.List<Map<String, String>> aliases = java.util.List.of(
        Map.of("path", "data/secrets4j/alice-key", "kv_version", "v1", "key", "data"),
        Map.of("path", "secrets4j/alice-key", "mount_point", "secret/data", "kv_version", "v1",
            "key", "data"),
        Map.of("path", "metadata/secrets4j/alice-key", "kv_version", "v1",
            "key", "custom_metadata"),
        Map.of("path", "alice-key", "mount_point", "secret/data/secrets4j", "kv_version", "v1",
            "key", "value"),
        Map.of("path", "secrets4j/alice-key", "mount_point", "/secret//", "key", "value"));
    SecretWriter writer = writer(secrets);
    for (Map<String, String> alias : aliases) {
      assertThat(writer.key(alias)).as(alias.toString()).contains("alice-key");
      io.github.secrets4j.Secret secret = bob.secret("alias").provider("hashicorp-vault")
          .parameters(alias).build();
      Throwable refused = org.assertj.core.api.Assertions.catchThrowable(secret::getValue);
      assertThat(refused).as(alias.toString()).isInstanceOf(SecretAccessDeniedError.class);
      assertThat(refused.getMessage()).doesNotContain("canary-alice");
    }
    // Not the store's: another mount, a deeper path, the prefix folder itself.
    assertThat(writer.key(Map.of("path", "data/secrets4j/alice-key", "mount_point", "kv1",
        "kv_version", "v1"))).isEmpty();
    assertThat(writer.key(Map.of("path", "secrets4j/alice-key/deeper"))).isEmpty();
    assertThat(writer.key(Map.of("path", "metadata/secrets4j", "kv_version", "v1"))).isEmpty();
  }

  @Test
  void storePrefixSettingMovesTheStore() {
    Map<String, String> settings = new HashMap<>(VaultTesting.tokenSettings(vault.url(),
        vault.rootToken()));
    settings.put(P + "store-prefix", "/team/app/");
    try (Secrets other = VaultTesting.runtime(settings)) {
      other.store("hashicorp-vault").put("k", "v");
      assertThat(writer(other).parameters("k")).containsEntry("path", "team/app/k");
    }
    assertThat(VaultTesting.read(secrets, "path", "team/app/k", "key", "value")).isEqualTo("v");
  }

  @Test
  void anUnsafeStorePrefixIsRefused() {
    Map<String, String> settings = new HashMap<>(VaultTesting.tokenSettings(vault.url(),
        vault.rootToken()));
    settings.put(P + "store-prefix", "a/../sys");
    try (Secrets other = VaultTesting.runtime(settings)) {
      assertThatThrownBy(() -> other.store("hashicorp-vault").put("k", "v"))
          .isInstanceOf(SecretProviderError.class).hasMessageContaining("store-prefix");
      vault.put("secret", "plain/x", Map.of("value", "x"));
      assertThat(VaultTesting.read(other, "path", "plain/x", "key", "value"))
          .as("reads still work").isEqualTo("x");
    }
  }

  @Test
  void kvVersion1PutsReplacesListsAndRemovesWithTheStoresOwnCounter() {
    Map<String, String> settings = new HashMap<>(VaultTesting.tokenSettings(vault.url(),
        vault.rootToken()));
    settings.put(P + "default-mount-point", "kv1");
    settings.put(P + "kv-version", "v1");
    try (Secrets v1 = VaultTesting.runtime(settings)) {
      SecretStore kv1 = v1.store("hashicorp-vault");
      SecretMetadata metadata = SecretMetadata.builder().kind("env").label("a", "b").build();
      StoredSecret first = kv1.put("k", "A=one", metadata);
      assertThat(first.version()).isEqualTo(1);
      assertThat(first.updated()).isEqualTo(first.created());
      StoredSecret second = kv1.put("k", "A=two", metadata);
      assertThat(second.version()).isEqualTo(2);
      assertThat(second.created()).isEqualTo(first.created());
      assertThat(kv1.describe("k")).contains(second);
      assertThat(kv1.secret("k").getValue()).isEqualTo("A=two");
      assertThat(writer(v1).parameters("k")).containsEntry("kv_version", "v1");
      kv1.grant("k", "bob");
      assertThat(kv1.secret("k").getValue()).as("a grant keeps the value").isEqualTo("A=two");
      assertThat(kv1.describe("k").orElseThrow().grants()).containsExactly("bob");
      assertThat(kv1.list()).extracting(StoredSecret::key).containsExactly("k");
      assertThat(kv1.remove("k")).isTrue();
      assertThat(kv1.remove("k")).isFalse();
      assertThat(kv1.list()).isEmpty();
      assertThat(vault.requests().stream().map(FakeVault.Request::path)
          .collect(Collectors.toList())).noneMatch(path -> path.contains("/metadata/"));
    }
  }

  @Test
  void aPrincipalCannotPutOverAnotherOwnersKeyOnKvVersion1() {
    Map<String, String> settings = new HashMap<>(VaultTesting.tokenSettings(vault.url(),
        vault.rootToken()));
    settings.put(P + "default-mount-point", "kv1");
    settings.put(P + "kv-version", "v1");
    try (Secrets v1 = VaultTesting.runtime(settings)) {
      v1.forPrincipal("alice").store("hashicorp-vault").put("k", "v");
      assertThatThrownBy(() -> v1.forPrincipal("bob").store("hashicorp-vault").put("k", "w"))
          .isInstanceOf(SecretAccessDeniedError.class);
      assertThat(v1.store("hashicorp-vault").secret("k").getValue()).isEqualTo("v");
    }
  }
}
