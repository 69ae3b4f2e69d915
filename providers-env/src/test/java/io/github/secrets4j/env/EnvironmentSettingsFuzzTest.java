package io.github.secrets4j.env;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.Secrets;
import java.util.Arrays;
import java.util.Map;

/**
 * Fuzzes {@code secrets4j.environment-variable.allowed-prefixes} and the variable name. Oracle:
 * creating or looking up the provider and reading a value only ever fail with a
 * {@link SecretError}; a value is returned only for a name that starts with one of the configured
 * (stripped, non-empty) prefixes, or when none is configured; the value never appears in an error.
 */
class EnvironmentSettingsFuzzTest {
  private static final String VALUE = "canary-\u2603-env-fuzz";

  @FuzzTest(maxDuration = "5s")
  void arbitraryPrefixesAndNames(FuzzedDataProvider data) {
    String prefixes = data.consumeString(120);
    String variable = data.consumeString(120);
    boolean templated = data.consumeBoolean();
    Map<String, String> environment = Map.of(
        variable.isEmpty() ? "EMPTY" : variable.replace("\0", "").replace("=", ""), VALUE,
        "NAPALM_PASSWORD", VALUE);
    Secrets secrets;
    try {
      secrets = Secrets.builder().setting(EnvironmentVariableProvider.ALLOWED_PREFIXES, prefixes)
          .environment(environment).build();
    } catch (IllegalArgumentException e) {
      return;
    }
    try (secrets) {
      try {
        secrets.provider("environment-variable");
      } catch (SecretError e) {
        return;
      }
      Secret secret = secrets.secret("Fuzz").provider("environment-variable")
          .parameter("variable", templated ? "{{ obj.name }}" : variable.replace("{", "")).build();
      String rendered = templated ? variable : variable.replace("{", "");
      String value;
      try {
        value = secret.getValue(Map.of("name", variable));
      } catch (SecretError e) {
        assertThat(e.getMessage()).doesNotContain(VALUE);
        return;
      }
      assertThat(value).isEqualTo(VALUE);
      String[] allowed = Arrays.stream(prefixes.strip().split(",")).map(String::strip)
          .filter(p -> !p.isEmpty()).toArray(String[]::new);
      if (prefixes.isBlank() || allowed.length == 0) {
        return;
      }
      assertThat(Arrays.stream(allowed).anyMatch(rendered::startsWith))
          .as("\"%s\" was read although allowed-prefixes is \"%s\"", rendered, prefixes).isTrue();
    }
  }
}
