package io.github.secrets4j.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.SecretsPolicy;
import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretsProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the environment-variable provider through the object a template renders: a hostile
 * field must not make a secret read a variable outside the allowed prefixes, and a refused
 * request never reads the environment at all (the context records every read).
 */
class HostileEnvironmentTest {
  private static final String CANARY = "canary-\u2603-env";

  /** Records every environment read; settings from a map. */
  private final List<String> reads = new ArrayList<>();

  private final ProviderContext context = new ProviderContext() {
    @Override
    public Optional<String> setting(String key) {
      return Optional.ofNullable(
          Map.of(EnvironmentVariableProvider.ALLOWED_PREFIXES, "NAPALM_, GIT_TOKEN_").get(key));
    }

    @Override
    public Optional<String> environmentVariable(String name) {
      reads.add(name);
      return Optional.ofNullable(Map.of("NAPALM_PASSWORD", "ok", "AWS_SECRET_ACCESS_KEY", CANARY)
          .get(name));
    }
  };

  private final Secrets secrets = Secrets.builder().discoverProviders(false)
      .provider(EnvironmentVariableProvider.create(context)).build();

  @AfterEach
  void close() {
    secrets.close();
  }

  private Secret secret(String template) {
    return secrets.secret("Env").provider("environment-variable")
        .parameter("variable", template).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"AWS_SECRET_ACCESS_KEY", "napalm_PASSWORD", " NAPALM_PASSWORD",
      "NAPALM", "NAPALM\uff3fPASSWORD", "\u200bNAPALM_PASSWORD", "PATH", "GIT_TOKEN", ""})
  void renderedNamesOutsideThePrefixesAreDeniedWithoutReadingTheEnvironment(String name) {
    Secret secret = secret("{{ obj.name }}");
    if (name.isEmpty()) {
      assertThatThrownBy(() -> secret.getValue(Map.of("name", name)))
          .isInstanceOf(SecretParametersError.class)
          .hasMessageEndingWith("The \"variable\" parameter is mandatory!");
    } else {
      assertThatThrownBy(() -> secret.getValue(Map.of("name", name)))
          .isInstanceOf(SecretAccessDeniedError.class)
          .hasMessageContaining(EnvironmentVariableProvider.ALLOWED_PREFIXES)
          .hasMessageNotContaining(CANARY);
    }
    assertThat(reads).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"PASSWORD\u0000AWS", "PASSWORD=AWS_SECRET_ACCESS_KEY", "X\u0000"})
  void invalidVariableNamesAreParameterErrorsWithoutReadingTheEnvironment(String name) {
    assertThatThrownBy(() -> secret("NAPALM_{{ obj.name }}").getValue(Map.of("name", name)))
        .isInstanceOf(SecretParametersError.class)
        .hasMessageContaining("is not a valid environment variable name")
        .hasMessageNotContaining("\u0000");
    assertThat(reads).isEmpty();
  }

  @Test
  void aPrefixedTemplateCannotBeEscapedByTheObject() {
    for (String name : List.of("../AWS_SECRET_ACCESS_KEY", "\nAWS_SECRET_ACCESS_KEY",
        "PASSWORD\rAWS_SECRET_ACCESS_KEY", "{{ 'AWS_SECRET_ACCESS_KEY' }}")) {
      assertThatThrownBy(() -> secret("NAPALM_{{ obj.name }}").getValue(Map.of("name", name)))
          .as(name)
          .isInstanceOf(SecretValueNotFoundError.class)
          .hasMessageNotContaining(CANARY);
    }
    assertThat(reads).allMatch(read -> read.startsWith("NAPALM_"));
    assertThat(secret("NAPALM_{{ obj.name }}").getValue(Map.of("name", "PASSWORD")))
        .isEqualTo("ok");
  }

  @Test
  void theProviderEnforcesItsPrefixesWhenCalledDirectly() {
    SecretsProvider raw = secrets.provider("environment-variable").orElseThrow();
    for (SecretsProvider provider : List.of(raw, EnvironmentVariableProvider.create(context))) {
      // The request names the provider; a caller may name another slug, which must not matter.
      for (String slug : List.of("environment-variable", "other-slug")) {
        SecretRequest request = SecretRequest.of("Raw", "raw", slug,
            Map.of("variable", "AWS_SECRET_ACCESS_KEY"), null);
        assertThatThrownBy(() -> provider.getValue(request)).as(slug)
            .isInstanceOf(SecretAccessDeniedError.class)
            .hasMessageContaining(EnvironmentVariableProvider.ALLOWED_PREFIXES)
            .hasMessageNotContaining(CANARY);
      }
    }
    assertThat(reads).isEmpty();
    assertThat(raw.getValue(SecretRequest.of("Raw", "raw", "environment-variable",
        Map.of("variable", "NAPALM_PASSWORD"), null))).isEqualTo("ok");
    assertThatThrownBy(() -> secrets.withPolicy(SecretsPolicy.allowAll())
        .provider("environment-variable"))
        .as("a view hands out no provider")
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> secrets.withPolicy(SecretsPolicy.allowAll())
        .setting(EnvironmentVariableProvider.ALLOWED_PREFIXES))
        .as("nor a setting or an environment variable")
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void veryLongNamesAreOrdinaryMisses() {
    String name = "NAPALM_" + "X".repeat(1_000_000);
    assertThatThrownBy(() -> secret(name).getValue())
        .isInstanceOf(SecretValueNotFoundError.class);
    assertThatThrownBy(() -> secret("NAPALM_{{ obj.name }}").getValue(Map.of("name", name)))
        .isInstanceOf(SecretParametersError.class)
        .hasMessageContaining("over limit");
  }

  @Test
  void controlCharactersFromTheObjectCannotForgeLinesInErrorMessages() {
    assertThatThrownBy(() -> secret("NAPALM_{{ obj.name }}")
        .getValue(Map.of("name", "X\n[ERROR] forged \u202e line")))
        .isInstanceOf(SecretValueNotFoundError.class)
        .hasMessageEndingWith(
            "Undefined environment variable \"NAPALM_X\\u000a[ERROR] forged \\u202e line\"!");
    assertThatThrownBy(() -> secret("{{ obj.name }}").getValue(Map.of("name", "AWS\r\nX")))
        .isInstanceOf(SecretAccessDeniedError.class)
        .hasMessageContaining("\"AWS\\u000d\\u000aX\"");
  }
}
