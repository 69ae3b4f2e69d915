package io.github.secrets4j.microprofile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source and the handler in a real SmallRyeConfig, on an encrypted-file store in a temp folder. */
class SecretsConfigSourceTest {
  private static final String DB_PASSWORD = "canary-db-Hunter2";
  private static final String API_TOKEN = "canary-token-Swordfish";

  @TempDir Path dir;
  private Path store;
  private Path definitions;
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private Secrets secrets;

  @BeforeEach
  void seed() throws Exception {
    store = dir.resolve("store.json");
    definitions = dir.resolve("mp.yaml");
    Files.writeString(definitions, String.join("\n",
        "apiVersion: secrets4j/v1",
        "kind: SecretsDefinition",
        "metadata: { name: mp-test }",
        "secrets:",
        "  - name: api-token",
        "    store: encrypted-file",
        "    key: api-token",
        "    value: { fromEnv: API_TOKEN }",
        "groups:",
        "  - name: app",
        "    secrets:",
        "      - { access: Generic, type: token, secret: api-token }",
        ""));
    secrets = Secrets.builder().setting("secrets4j.encrypted-file.path", store.toString())
        .setting("secrets4j.encrypted-file.cache.ttl", "1m").definitions(definitions)
        .timeSource(now::get).random(() -> 0L).build();
    secrets.store().put("db-password", DB_PASSWORD);
    secrets.store().put("api-token", API_TOKEN);
  }

  @AfterEach
  void close() {
    secrets.close();
  }

  @Test
  void answersOnlyItsNamesAndReadsThroughTheCacheOnEveryGet() {
    SecretsConfigSource source = SecretsConfigSource.of(secrets, Map.of(
        "db.password", "secret:db-password",
        "api.token", "api-token",
        "db.password2", "db-password@encrypted-file"));
    SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(source).build();
    assertThat(config.getValue("db.password", String.class)).isEqualTo(DB_PASSWORD);
    assertThat(config.getValue("db.password2", String.class)).isEqualTo(DB_PASSWORD);
    assertThat(config.getValue("api.token", String.class)).isEqualTo(API_TOKEN);
    assertThat(source.getPropertyNames())
        .containsExactlyInAnyOrder("db.password", "api.token", "db.password2");
    assertThat(source.getValue("db-password")).isNull();
    assertThat(config.getOptionalValue("secret.db-password", String.class)).isEmpty();

    // Rotated in the store: served from the cache until its ttl, then the new value.
    secrets.store().put("db-password", "canary-rotated");
    now.updateAndGet(t -> t.plus(Duration.ofMinutes(2)));
    assertThat(config.getValue("db.password", String.class)).isEqualTo("canary-rotated");
    assertThat(source.toString()).doesNotContain("canary");
    assertThat(source.getOrdinal()).isEqualTo(100);
    assertThat(SecretsConfigSource.of(secrets, Map.of(), 275).getOrdinal()).isEqualTo(275);
    assertThat(source.getName()).isEqualTo("secrets4j");
  }

  @Test
  void everyFormOfTheOneGrammarResolves() throws Exception {
    Path file = Files.writeString(dir.resolve("token.txt"), API_TOKEN);
    SecretsConfigSource source = SecretsConfigSource.of(secrets, Map.of(
        "a", "env:PATH",
        "b", "file:" + file,
        "c", "group/app:generic/token"));
    SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(source).build();
    assertThat(config.getValue("a", String.class)).isEqualTo(System.getenv("PATH"));
    assertThat(config.getValue("b", String.class)).isEqualTo(API_TOKEN);
    assertThat(config.getValue("c", String.class)).isEqualTo(API_TOKEN);
    assertThatThrownBy(() -> SecretsConfigSource.of(secrets, Map.of("g", "group:app")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Property \"g\": \"group:app\" names a whole group where one secret is "
            + "expected; name one of its slots as group/NAME:ACCESS/TYPE");
    assertThatThrownBy(() -> SecretsConfigSource.of(secrets, Map.of("x\ny", "file:rel")))
        .hasMessageStartingWith("Property \"x\\u000ay\": Invalid reference \"file:rel\"");
  }

  @Test
  void anInvalidReferenceIsRefusedWhenTheSourceIsMade() {
    assertThatThrownBy(() -> SecretsConfigSource.of(secrets, Map.of("db.password", "no-such")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Property \"db.password\": No secret named \"no-such\" is defined");
  }

  @Test
  void aMissingValueIsTheSecretErrorNeverAValue() {
    SecretsConfigSource source = SecretsConfigSource.of(secrets, Map.of("x", "secret:absent"));
    SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(source).build();
    assertThatThrownBy(() -> config.getValue("x", String.class))
        .satisfies(e -> {
          Throwable root = e;
          while (root.getCause() != null && !(root instanceof SecretValueNotFoundError)) {
            root = root.getCause();
          }
          assertThat(root).isInstanceOf(SecretValueNotFoundError.class);
          for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("canary");
          }
        });
  }

  @Test
  void theHandlerResolvesS4jExpressionsFromServiceLoader() {
    SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
        .addDiscoveredSecretKeysHandlers()
        .withDefaultValues(Map.of(
            "secrets4j.encrypted-file.path", store.toString(),
            "secrets4j.definitions", definitions.toString(),
            "db.password", "${s4j::secret:db-password}",
            "api.token", "${s4j::api-token}",
            "db.url", "jdbc:postgresql://db/orders?password=${s4j::db-password@encrypted-file}"))
        .build();
    assertThat(config.getValue("db.password", String.class)).isEqualTo(DB_PASSWORD);
    assertThat(config.getValue("api.token", String.class)).isEqualTo(API_TOKEN);
    assertThat(config.getValue("db.url", String.class))
        .isEqualTo("jdbc:postgresql://db/orders?password=" + DB_PASSWORD);
  }

  @Test
  void aWiredHandlerReadsThroughTheCache() {
    SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
        .withSecretKeysHandlers(new SecretsKeysHandler(secrets))
        .withDefaultValues(Map.of("db.password", "${s4j::secret:db-password}"))
        .build();
    assertThat(config.getValue("db.password", String.class)).isEqualTo(DB_PASSWORD);
    secrets.store().put("db-password", "canary-rotated");
    now.updateAndGet(t -> t.plus(Duration.ofMinutes(2)));
    assertThat(config.getValue("db.password", String.class)).isEqualTo("canary-rotated");
  }

  @Test
  void anInvalidDefinitionPathIsQuotedEscaped() {
    assertThatThrownBy(() -> new SmallRyeConfigBuilder().addDefaultInterceptors()
        .addDiscoveredSecretKeysHandlers()
        .withDefaultValues(Map.of(
            "secrets4j.definitions", "/tmp/a\u0000b\u202e.yaml",
            "db.password", "${s4j::secret:db-password}"))
        .build().getValue("db.password", String.class))
        .satisfies(e -> {
          StringBuilder all = new StringBuilder();
          for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
          }
          assertThat(all.toString()).contains("Definition file \"/tmp/a\\0b\\u202e.yaml\" of "
              + "secrets4j.definitions is not a valid path: Nul character not allowed")
              .doesNotContain("\u0000").doesNotContain("\u202e");
        });
  }

  @Test
  void toStringEscapesAndBoundsTheNames() {
    Map<String, String> properties = new java.util.LinkedHashMap<>();
    properties.put("db\npassword\u202e", "secret:db-password");
    for (int i = 0; i < 30; i++) {
      properties.put("p" + i, "secret:db-password");
    }
    SecretsConfigSource source = SecretsConfigSource.of(secrets, properties, 7);
    assertThat(source.toString())
        .startsWith("SecretsConfigSource{properties=[\"db\\u000apassword\\u202e\", \"p0\", ")
        .endsWith(", \"p18\", ... (31 in all)], ordinal=7}")
        .doesNotContain("\n").doesNotContain("canary");
  }
}
