package io.github.secrets4j.encryptedfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretMetadata;
import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.SecretStore;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.StoredSecret;
import io.github.secrets4j.spi.SecretWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encrypted-file store end to end: the default store of a runtime, its settings, its key. */
class EncryptedFileStoreTest {
  @TempDir Path dir;

  private Secrets.Builder runtime() {
    return Secrets.builder().setting(EncryptedFileProvider.PATH, dir.resolve("store.json").toString());
  }

  @Test
  void theDefaultStoreIsTheEncryptedFileEndToEnd() throws Exception {
    try (Secrets secrets = runtime().setting("secrets4j.cache.ttl", "5m").build()) {
      SecretStore store = secrets.store();
      assertThat(store.provider()).isEqualTo("encrypted-file");
      StoredSecret first = store.put("db/password", "s3cr3t-one",
          SecretMetadata.builder().description("the database").label("team", "ops").build());
      assertThat(first.version()).isEqualTo(1);
      assertThat(store.list()).extracting(StoredSecret::key).containsExactly("db/password");
      assertThat(store.describe("db/password").orElseThrow().metadata().description()).contains("the database");
      assertThat(store.secret("db/password").getValue()).isEqualTo("s3cr3t-one");

      // The value is cached for 5 minutes, but a put through the store drops it.
      assertThat(store.put("db/password", "s3cr3t-two").version()).isEqualTo(2);
      assertThat(store.secret("db/password").getValue()).isEqualTo("s3cr3t-two");
      // The first version is kept and readable by its number.
      assertThat(secrets.secret("Old").provider("encrypted-file").parameter("key", "db/password")
          .parameter("version", "1").build().getValue()).isEqualTo("s3cr3t-one");

      assertThat(store.remove("db/password")).isTrue();
      assertThat(store.list()).isEmpty();
      assertThatThrownBy(() -> store.secret("db/password").getValue()).isInstanceOf(SecretValueNotFoundError.class);
    }
    assertThat(Files.exists(dir.resolve("store.key"))).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("store.key"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("store.json"))))
        .isEqualTo("rw-------");
    String file = Files.readString(dir.resolve("store.json"), StandardCharsets.UTF_8);
    assertThat(file).doesNotContain("s3cr3t");
  }

  @Test
  void aSecondRuntimeReadsWhatTheFirstPut() {
    try (Secrets writer = runtime().build(); Secrets reader = runtime().build()) {
      writer.store().put("api", "token-1");
      assertThat(reader.store().secret("api").getValue()).isEqualTo("token-1");
      writer.store().put("api", "token-2");
      assertThat(reader.store().secret("api").getValue()).isEqualTo("token-2");
    }
  }

  @Test
  void ownersAndGrantsThroughPrincipalViews() {
    try (Secrets secrets = runtime().build()) {
      SecretStore alice = secrets.forPrincipal("alice").store();
      SecretStore bob = secrets.forPrincipal("bob").store();
      assertThat(alice.put("alice-key", "a").owner()).contains("alice");
      assertThatThrownBy(() -> bob.secret("alice-key").getValue()).isInstanceOf(SecretAccessDeniedError.class);
      assertThatThrownBy(() -> bob.put("alice-key", "stolen")).isInstanceOf(SecretAccessDeniedError.class);
      assertThat(bob.remove("alice-key")).as("a key bob cannot see counts as absent").isFalse();
      alice.grant("alice-key", "bob");
      assertThat(bob.secret("alice-key").getValue()).isEqualTo("a");
      assertThatThrownBy(() -> bob.remove("alice-key")).isInstanceOf(SecretAccessDeniedError.class);
      assertThatThrownBy(() -> bob.put("alice-key", "stolen")).isInstanceOf(SecretAccessDeniedError.class);
      alice.revoke("alice-key", "bob");
      assertThatThrownBy(() -> bob.secret("alice-key").getValue()).isInstanceOf(SecretAccessDeniedError.class);
      assertThat(secrets.store().secret("alice-key").getValue()).isEqualTo("a");
      assertThat(secrets.store().describe("alice-key").orElseThrow().version()).isEqualTo(1);

      // A key the host put has no owner: no principal reads it or replaces it.
      secrets.store().put("host-key", "h");
      assertThatThrownBy(() -> alice.secret("host-key").getValue()).isInstanceOf(SecretAccessDeniedError.class);
      assertThatThrownBy(() -> alice.put("host-key", "mine")).isInstanceOf(SecretAccessDeniedError.class);
      assertThat(secrets.store().secret("host-key").getValue()).isEqualTo("h");
    }
  }

  /** The writer itself refuses a put by another owner, in the same locked step: nothing written. */
  @Test
  void theWriterChecksTheOwnerOfAPut() {
    try (Secrets secrets = runtime().build()) {
      SecretWriter writer = secrets.provider("encrypted-file").orElseThrow().writer().orElseThrow();
      writer.put("k", "v1", SecretMetadata.empty(), "alice");
      assertThatThrownBy(() -> writer.put("k", "v2", SecretMetadata.empty(), "bob"))
          .isInstanceOf(SecretAccessDeniedError.class).hasMessageNotContaining("v2");
      writer.put("host", "h", SecretMetadata.empty(), null);
      assertThatThrownBy(() -> writer.put("host", "x", SecretMetadata.empty(), "bob"))
          .isInstanceOf(SecretAccessDeniedError.class);
      assertThat(writer.describe("k").orElseThrow().version()).isEqualTo(1);
      assertThat(writer.describe("host").orElseThrow().owner()).isEmpty();
      StoredSecret byHost = writer.put("k", "v3", SecretMetadata.empty(), null);
      assertThat(byHost.owner()).contains("alice");
      assertThat(byHost.version()).isEqualTo(2);
      assertThat(writer.parameters("k")).isEqualTo(Map.of("key", "k"));
      assertThat(writer.key(Map.of("key", "k", "version", "1"))).contains("k");
    }
  }

  @Test
  void putsAreTimedByTheRuntimesTimeSource() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-02T03:04:05Z"));
    InstantSource clock = now::get;
    try (Secrets secrets = runtime().timeSource(clock).build()) {
      StoredSecret first = secrets.store().put("k", "v");
      assertThat(first.created()).isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
      now.set(Instant.parse("2030-01-02T04:00:00Z"));
      StoredSecret second = secrets.store().put("k", "w");
      assertThat(second.created()).isEqualTo(first.created());
      assertThat(second.updated()).isEqualTo(Instant.parse("2030-01-02T04:00:00Z"));
      now.set(Instant.parse("2029-01-01T00:00:00Z")); // stepped back
      assertThat(secrets.store().put("k", "x").updated()).isEqualTo(first.created());
    }
  }

  @Test
  void maxVersionsKeepsTheLastVersions() {
    try (Secrets secrets = runtime().setting(EncryptedFileProvider.MAX_VERSIONS, "2").build()) {
      for (int i = 1; i <= 4; i++) {
        secrets.store().put("k", "v" + i);
      }
      assertThat(version(secrets, "3").getValue()).isEqualTo("v3");
      assertThatThrownBy(() -> version(secrets, "2").getValue()).isInstanceOf(SecretValueNotFoundError.class)
          .hasMessageContaining("with version 2").hasMessageContaining(EncryptedFileProvider.MAX_VERSIONS);
      assertThatThrownBy(() -> version(secrets, "latest").getValue()).isInstanceOf(SecretParametersError.class)
          .hasMessageContaining("\"version\" parameter must be a positive whole number");
      assertThatThrownBy(() -> version(secrets, "0").getValue()).isInstanceOf(SecretParametersError.class);
      assertThatThrownBy(() -> version(secrets, "99999999999999999999").getValue())
          .isInstanceOf(SecretParametersError.class);
    }
  }

  private static io.github.secrets4j.Secret version(Secrets secrets, String version) {
    return secrets.secret("Versioned").provider("encrypted-file").parameter("key", "k")
        .parameter("version", version).build();
  }

  @Test
  void aKeyParameterNoStoreCanHoldIsAParametersError() {
    try (Secrets secrets = runtime().build()) {
      String tooLong = "k".repeat(600);
      assertThatThrownBy(() -> secrets.secret("Long").provider("encrypted-file").parameter("key", tooLong)
          .build().getValue()).isInstanceOf(SecretParametersError.class)
          .hasMessageContaining("\"key\" parameter is not a valid store key");
    }
  }

  @Test
  void badSettingsAreProviderErrorsNamingTheSetting() {
    assertSettingRefused(EncryptedFileProvider.MAX_VERSIONS, "0", "between 1 and 1000");
    assertSettingRefused(EncryptedFileProvider.MAX_VERSIONS, "1001", "between 1 and 1000");
    assertSettingRefused(EncryptedFileProvider.MAX_VERSIONS, "many", "many");
    assertSettingRefused(EncryptedFileProvider.PATH, "bad\0path", "invalid path");
    assertSettingRefused(EncryptedFileProvider.KEY, "not a key", EncryptedFileProvider.KEY);
    try (Secrets secrets = runtime().setting(EncryptedFileProvider.KEY, "x")
        .setting(EncryptedFileProvider.KEY_FILE, dir.resolve("k").toString()).build()) {
      assertThatThrownBy(secrets::store).isInstanceOf(SecretProviderError.class)
          .hasMessageContaining("are both set");
    }
  }

  private void assertSettingRefused(String setting, String value, String expected) {
    try (Secrets secrets = runtime().setting(setting, value).build()) {
      assertThatThrownBy(secrets::store).isInstanceOf(SecretProviderError.class)
          .hasMessageContaining(setting).hasMessageContaining(expected);
    }
  }

  @Test
  void theKeyFileSettingPlacesTheKeyElsewhere() {
    Path key = dir.resolve("keys").resolve("mine.key");
    try (Secrets secrets = runtime().setting(EncryptedFileProvider.KEY_FILE, key.toString()).build()) {
      secrets.store().put("k", "v");
      assertThat(Files.exists(key)).isTrue();
      assertThat(Files.exists(dir.resolve("store.key"))).isFalse();
      assertThat(secrets.store().secret("k").getValue()).isEqualTo("v");
    }
    try (Secrets wrongKey = runtime().build()) {
      assertThatThrownBy(() -> wrongKey.store().secret("k").getValue()).isInstanceOf(SecretProviderError.class)
          .hasMessageContaining("store.key").hasMessageContaining("does not exist");
    }
  }

  @Test
  void anInlineKeyFromTheEnvironment() throws Exception {
    Path keyFile = dir.resolve("made.key");
    EncryptedFileStores.createKeyFile(keyFile);
    String key = Files.readString(keyFile);
    try (Secrets secrets = runtime().environment(Map.of("SECRETS4J_ENCRYPTED_FILE_KEY", key)).build()) {
      secrets.store().put("k", "v");
      assertThat(secrets.store().secret("k").getValue()).isEqualTo("v");
      assertThat(Files.exists(dir.resolve("store.key"))).isFalse();
      assertThatThrownBy(() -> EncryptedFileStores.rotateKey(secrets)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(EncryptedFileProvider.KEY);
    }
    try (Secrets byFile = runtime().setting(EncryptedFileProvider.KEY_FILE, keyFile.toString()).build()) {
      assertThat(byFile.store().secret("k").getValue()).isEqualTo("v");
    }
  }

  @Test
  void rotateKeyKeepsEveryValueAndChangesTheKeyFile() throws Exception {
    try (Secrets secrets = runtime().build()) {
      secrets.store().put("a", "va1");
      secrets.store().put("a", "va2");
      secrets.forPrincipal("alice").store().put("b", "vb");
      secrets.forPrincipal("alice").store().grant("b", "bob");
      String before = Files.readString(dir.resolve("store.key"));
      EncryptedFileStores.rotateKey(secrets);
      assertThat(Files.readString(dir.resolve("store.key"))).isNotEqualTo(before);
      assertThat(secrets.store().secret("a").getValue()).isEqualTo("va2");
      assertThat(secrets.secret("Old").provider("encrypted-file").parameter("key", "a")
          .parameter("version", "1").build().getValue()).isEqualTo("va1");
      assertThat(secrets.forPrincipal("bob").store().secret("b").getValue()).isEqualTo("vb");
      assertThat(secrets.store().describe("b").orElseThrow().owner()).contains("alice");
    }
    try (Secrets fresh = runtime().build()) {
      assertThat(fresh.store().secret("a").getValue()).isEqualTo("va2");
    }
  }

  @Test
  void rotateKeyNeedsAnEncryptedFileProvider() {
    try (Secrets none = Secrets.builder().discoverProviders(false).build()) {
      assertThatThrownBy(() -> EncryptedFileStores.rotateKey(none)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no encrypted-file provider");
    }
    assertThatThrownBy(() -> EncryptedFileStores.rotateKey(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void toStringNamesTheStoreFileOnly() {
    try (Secrets secrets = runtime().build()) {
      secrets.store().put("k", "canary-value");
      var provider = secrets.provider("encrypted-file").orElseThrow();
      assertThat(provider.toString()).contains("store.json").doesNotContain("canary-value");
      assertThat(((EncryptedFileProvider) provider).storeFile()).isEqualTo(dir.resolve("store.json").toAbsolutePath());
    }
  }
}
