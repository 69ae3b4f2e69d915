package io.github.secrets4j.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.SecretReference;
import io.github.secrets4j.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.ConfigTransformerResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider as Kafka runs it: a real {@link AbstractConfig} (and Kafka's
 * {@link ConfigTransformer}, which reports the ttls) resolving placeholders with
 * {@code config.providers} set, on an encrypted-file store in a temporary folder.
 */
class SecretsConfigProviderTest {
  private static final String DB_PASSWORD = "canary-db-Hunter2";
  private static final String NAPALM_PASSWORD = "canary-napalm-Swordfish";

  @TempDir Path dir;
  private Path store;
  private Path definitions;

  @BeforeEach
  void seed() throws Exception {
    store = dir.resolve("store.json");
    try (Secrets secrets = Secrets.builder()
        .setting("secrets4j.encrypted-file.path", store.toString()).build()) {
      secrets.store().put("db-password", DB_PASSWORD);
      secrets.store().put("napalm-pw", NAPALM_PASSWORD);
    }
    definitions = dir.resolve("kafka.yaml");
    Files.writeString(definitions, String.join("\n",
        "apiVersion: secrets4j/v1",
        "kind: SecretsDefinition",
        "metadata: { name: kafka-test }",
        "secrets:",
        "  - name: napalm-password",
        "    store: encrypted-file",
        "    key: napalm-pw",
        "    value: { fromEnv: NAPALM_PASSWORD }",
        "groups:",
        "  - name: napalm",
        "    secrets:",
        "      - { access: Generic, type: password, secret: napalm-password }",
        ""));
  }

  private Map<String, Object> props(String allowed, Map<String, String> more) {
    Map<String, Object> props = new HashMap<>();
    props.put("config.providers", "s4j");
    props.put("config.providers.s4j.class", SecretsConfigProvider.class.getName());
    if (allowed != null) {
      props.put("config.providers.s4j.param.allowed.secrets", allowed);
    }
    props.put("config.providers.s4j.param.secrets4j.encrypted-file.path", store.toString());
    props.put("config.providers.s4j.param.secrets4j.definitions", definitions.toString());
    more.forEach(props::put);
    return props;
  }

  private static final ConfigDef DEF = new ConfigDef()
      .define("db.password", ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.HIGH, "db")
      .define("napalm.password", ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.HIGH, "n");

  private SecretsConfigProvider provider(String allowed, Map<String, String> settings) {
    SecretsConfigProvider provider = new SecretsConfigProvider();
    Map<String, Object> params = new HashMap<>(settings);
    params.put("allowed.secrets", allowed);
    params.put("secrets4j.encrypted-file.path", store.toString());
    params.put("secrets4j.definitions", definitions.toString());
    provider.configure(params);
    return provider;
  }

  private static String chain(Throwable error) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause()) {
      all.append(t).append('\n');
    }
    return all.toString();
  }

  @Test
  void aRealAbstractConfigResolvesADefaultStoreKeyAndAGroupSlot() {
    AbstractConfig config = new AbstractConfig(DEF, props("secret:db-password,group/napalm:*",
        Map.of("db.password", "${s4j:secret:db-password}",
            "napalm.password", "${s4j:group/napalm:generic/password}")));
    assertThat(config.getPassword("db.password").value()).isEqualTo(DB_PASSWORD);
    assertThat(config.getPassword("napalm.password").value()).isEqualTo(NAPALM_PASSWORD);
  }

  @Test
  void definedSecretsAndStoresBySlugResolve() {
    AbstractConfig config = new AbstractConfig(DEF, props(
        "db-password@encrypted-file,napalm-password",
        Map.of("db.password", "${s4j:db-password@encrypted-file}",
            "napalm.password", "${s4j:napalm-password}")));
    assertThat(config.getPassword("db.password").value()).isEqualTo(DB_PASSWORD);
    assertThat(config.getPassword("napalm.password").value()).isEqualTo(NAPALM_PASSWORD);
  }

  @Test
  void environmentVariablesAndFilesResolveInTheOneGrammar() throws Exception {
    Path file = Files.writeString(dir.resolve("token.txt"), NAPALM_PASSWORD);
    AbstractConfig config = new AbstractConfig(DEF, props("env:*,file:" + file,
        Map.of("db.password", "${s4j:env:PATH}", "napalm.password", "${s4j:file:" + file + "}")));
    assertThat(config.getPassword("db.password").value()).isEqualTo(System.getenv("PATH"));
    assertThat(config.getPassword("napalm.password").value()).isEqualTo(NAPALM_PASSWORD);
    // A path's wildcard never covers references without a path.
    assertThatThrownBy(() -> new AbstractConfig(DEF, props(":*",
        Map.of("db.password", "${s4j:napalm-password}"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Secret \"napalm-password\" is not in allowed.secrets");
  }

  @Test
  void aTtlOnlyForValuesWhoseProviderCachesThem() {
    Map<String, String> configs = Map.of("db.password", "${s4j:secret:db-password}");
    try (SecretsConfigProvider uncached = provider("*", Map.of())) {
      ConfigTransformerResult result =
          new ConfigTransformer(Map.of("s4j", uncached)).transform(configs);
      assertThat(result.data()).containsEntry("db.password", DB_PASSWORD);
      assertThat(result.ttls()).isEmpty();
      assertThat(uncached.get("secret", Set.of("db-password")).ttl()).isNull();
    }
    try (SecretsConfigProvider cached =
        provider("*", Map.of("secrets4j.encrypted-file.cache.ttl", "5m"))) {
      ConfigTransformerResult result =
          new ConfigTransformer(Map.of("s4j", cached)).transform(configs);
      assertThat(result.data()).containsEntry("db.password", DB_PASSWORD);
      assertThat(result.ttls()).containsExactly(Map.entry("secret", 300_000L));
    }
  }

  @Test
  void whatIsNotAllowedIsRefusedNamingItNeverTheValue() {
    assertThatThrownBy(() -> new AbstractConfig(DEF, props("secret:other,group/napalm:*",
        Map.of("db.password", "${s4j:secret:db-password}"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Secret \"secret:db-password\" is not in allowed.secrets of "
            + "SecretsConfigProvider")
        .satisfies(e -> assertThat(chain(e)).doesNotContain(DB_PASSWORD));
  }

  @Test
  void namesInMessagesAreEscaped() {
    try (SecretsConfigProvider provider = provider("secret:db-password", Map.of())) {
      assertThatThrownBy(() -> provider.get("secret", Set.of("db\npassword\u202e")))
          .isInstanceOf(ConfigException.class)
          .hasMessage("Secret \"secret:db\\u000apassword\\u202e\" is not in allowed.secrets of "
              + "SecretsConfigProvider");
    }
  }

  @Test
  void anAllowListIsRequired() {
    assertThatThrownBy(() -> new AbstractConfig(DEF, props(null,
        Map.of("db.password", "${s4j:secret:db-password}"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SecretsConfigProvider needs the parameter allowed.secrets");
  }

  @Test
  void anUnknownSecretIsAConfigExceptionNamingIt() {
    assertThatThrownBy(() -> new AbstractConfig(DEF, props("*",
        Map.of("db.password", "${s4j:secret:no-such-key}",
            "napalm.password", "${s4j:secret:db-password}"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Secret \"secret:no-such-key\" could not be resolved: "
            + "SecretValueNotFoundError")
        .hasCauseInstanceOf(SecretValueNotFoundError.class)
        .satisfies(e -> assertThat(chain(e)).doesNotContain(DB_PASSWORD));
    SecretsConfigProvider provider = provider("*", Map.of());
    assertThatThrownBy(() -> provider.get("group/napalm", Set.of("ssh/password")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Secret \"group/napalm:ssh/password\" could not be resolved: "
            + "IllegalArgumentException: Group \"napalm\" has no secret for access type \"SSH\" "
            + "and secret type \"password\"");
    assertThatThrownBy(() -> provider.get("group/nope", Set.of("generic/password")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Secret \"group/nope:generic/password\" could not be resolved: "
            + "IllegalArgumentException: No group named \"nope\" is defined");
    assertThatThrownBy(() -> provider.get("vault", Set.of("x")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Secret \"vault:x\" could not be resolved: IllegalArgumentException: No "
            + "secret named \"vault:x\" is defined (closest defined: \"napalm-password\")");
    assertThatThrownBy(() -> provider.get("group/napalm", Set.of("password")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("a group's slot is group/NAME:ACCESS/TYPE");
    assertThatThrownBy(() -> provider.get("file", Set.of("relative")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("the path of file: must be absolute; " + SecretReference.GRAMMAR);
    provider.close();
  }

  @Test
  void unknownParametersAreRefused() {
    SecretsConfigProvider provider = new SecretsConfigProvider();
    assertThatThrownBy(() -> provider.configure(Map.of("allowed.secrets", "*",
        "allowed.paths", "/etc")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Unknown parameter \"allowed.paths\" of SecretsConfigProvider");
  }

  @Test
  void listingAPathReturnsNothing() {
    try (SecretsConfigProvider provider = provider("*", Map.of())) {
      ConfigData data = provider.get("secret");
      assertThat(data.data()).isEmpty();
      assertThat(data.ttl()).isNull();
    }
  }

  @Test
  void closeClosesTheRuntime() {
    SecretsConfigProvider provider = provider("*", Map.of());
    assertThat(provider.get("secret", Set.of("db-password")).data())
        .containsEntry("db-password", DB_PASSWORD);
    provider.close();
    assertThatThrownBy(() -> provider.get("secret", Set.of("db-password")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void anInvalidDefinitionPathIsAConfigExceptionQuotingItEscaped() {
    SecretsConfigProvider provider = new SecretsConfigProvider();
    assertThatThrownBy(() -> provider.configure(Map.of("allowed.secrets", "*",
        "secrets4j.definitions", "/tmp/a\u0000b\u202e.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Definition file \"/tmp/a\\0b\\u202e.yaml\" of secrets4j.definitions of "
            + "SecretsConfigProvider is not a valid path: Nul character not allowed");
  }

  @Test
  void aSecondConfigureReplacesTheAllowListAndClosesTheFormerRuntime() {
    SecretsConfigProvider provider = provider("*", Map.of());
    assertThat(provider.get("secret", Set.of("db-password")).data())
        .containsEntry("db-password", DB_PASSWORD);
    String before = provider.toString();
    provider.configure(Map.of("allowed.secrets", "secret:napalm-pw",
        "secrets4j.encrypted-file.path", store.toString()));
    assertThat(before).doesNotContain("closed");
    assertThatThrownBy(() -> provider.get("secret", Set.of("db-password")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not in allowed.secrets");
    assertThat(provider.get("secret", Set.of("napalm-pw")).data())
        .containsEntry("napalm-pw", NAPALM_PASSWORD);
    // A configure that fails keeps the runtime and the list that work.
    assertThatThrownBy(() -> provider.configure(Map.of("allowed.secrets", "*", "x", "y")))
        .isInstanceOf(ConfigException.class);
    assertThat(provider.get("secret", Set.of("napalm-pw")).data())
        .containsEntry("napalm-pw", NAPALM_PASSWORD);
    provider.close();
  }
}
