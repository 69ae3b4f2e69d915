package io.github.secrets4j.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.testkit.SecretsProviderContract;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentVariableProviderTest extends SecretsProviderContract {
  private final Map<String, String> environment = new HashMap<>();

  @Override
  protected String slug() {
    return "environment-variable";
  }

  @Override
  protected Map<String, String> seed(String key, String value) {
    environment.put("S4J_" + key, value);
    return Map.of("variable", "S4J_" + key);
  }

  @Override
  protected Map<String, String> absent(String key) {
    return Map.of("variable", "S4J_" + key);
  }

  @Override
  protected Secrets newSecrets() {
    return Secrets.builder().environment(environment).build();
  }

  private Secret napalm(Secrets secrets, String variable) {
    return secrets.secret("NAPALM Secret").provider("environment-variable")
        .parameter("variable", variable).build();
  }

  @Test
  void readsTheRealProcessEnvironmentByDefault() {
    String path = System.getenv("PATH");
    assertThat(path).as("PATH is set in any test JVM").isNotNull();
    try (Secrets secrets = Secrets.builder().build()) {
      assertThat(napalm(secrets, "PATH").getValue()).isEqualTo(path);
    }
  }

  @Test
  void unsetVariableReadsAsInNautobot() {
    Secrets secrets = secrets();
    assertThatThrownBy(() -> napalm(secrets, "NAPALM_SECRET").getValue())
        .isInstanceOf(SecretValueNotFoundError.class)
        .hasToString("SecretValueNotFoundError: Secret \"NAPALM Secret\" (provider "
            + "\"environment-variable\"): Undefined environment variable \"NAPALM_SECRET\"!");
  }

  @Test
  void emptyValueIsAValue() {
    environment.put("EMPTY_ONE", "");
    assertThat(napalm(secrets(), "EMPTY_ONE").getValue()).isEmpty();
  }

  @Test
  void templatedVariableAsInTheNautobotDocs() {
    environment.put("GIT_TOKEN_GOLDEN_CONFIG", "tok");
    Secret secret = secrets().secret("Git token").provider("environment-variable")
        .parameter("variable", "GIT_TOKEN_{{ obj.slug | replace('-', '_') | upper }}").build();
    assertThat(secret.renderedParameters(Map.of("slug", "golden-config")))
        .containsEntry("variable", "GIT_TOKEN_GOLDEN_CONFIG");
    assertThat(secret.getValue(Map.of("slug", "golden-config"))).isEqualTo("tok");
  }

  @Test
  void missingVariableParameterIsMandatory() {
    Secret secret = secrets().secret("No variable").provider("environment-variable").build();
    assertThatThrownBy(secret::getValue)
        .isInstanceOf(SecretParametersError.class)
        .hasMessage("Secret \"No variable\" (provider \"environment-variable\"): "
            + "The \"variable\" parameter is mandatory!");
  }

  @Test
  void allowedPrefixesRefuseRenderedNamesOutsideThem() {
    environment.put("NAPALM_PASSWORD", "ok");
    environment.put("HOME", "/root");
    try (Secrets secrets = Secrets.builder().environment(environment)
        .setting(EnvironmentVariableProvider.ALLOWED_PREFIXES, "NAPALM_, NETCONF_").build()) {
      Secret templated = secrets.secret("Per device").provider("environment-variable")
          .parameter("variable", "{{ obj.name }}").build();
      assertThat(templated.getValue(Map.of("name", "NAPALM_PASSWORD"))).isEqualTo("ok");
      assertThatThrownBy(() -> templated.getValue(Map.of("name", "HOME")))
          .isInstanceOf(SecretAccessDeniedError.class)
          .hasMessage("Secret \"Per device\" (provider \"environment-variable\"): Access denied: "
              + "the \"variable\" parameter \"HOME\" does not start with one of [NAPALM_, NETCONF_] "
              + "(rule environment-variable: variable prefix NAPALM_|NETCONF_ "
              + "[from secrets4j.environment-variable.allowed-prefixes])");
    }
  }

  @Test
  void allowedPrefixesAlsoComeFromTheEnvironment() {
    environment.put("SECRETS4J_ENVIRONMENT_VARIABLE_ALLOWED_PREFIXES", "APP_");
    environment.put("OTHER", "x");
    assertThatThrownBy(() -> napalm(secrets(), "OTHER").getValue())
        .isInstanceOf(SecretAccessDeniedError.class);
  }

  @Test
  void namesThatCannotBeVariablesAreParameterErrors() {
    Secrets secrets = secrets();
    assertThatThrownBy(() -> napalm(secrets, "A=B").getValue())
        .isInstanceOf(SecretParametersError.class)
        .hasMessageEndingWith("\"A=B\" is not a valid environment variable name");
    assertThatThrownBy(() -> napalm(secrets, "A\0B").getValue())
        .isInstanceOf(SecretParametersError.class)
        .hasMessageEndingWith("\"A\\0B\" is not a valid environment variable name");
  }
}
