package io.github.secrets4j.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.Secrets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Regression tests for settings and environments that reached the runtime through raw types. */
class SettingsRegressionTest {
  @SuppressWarnings({"unchecked", "rawtypes"})
  @Test
  void nonStringEnvironmentValuesAreRefusedAtBuildNamingTheVariableNotTheValue() {
    Map raw = new HashMap();
    raw.put("SECRETS4J_X", 4242);
    assertThatThrownBy(() -> Secrets.builder().environment(raw).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the value of environment variable \"SECRETS4J_X\" must be a string, "
            + "not a java.lang.Integer");
    Map rawKey = new HashMap();
    rawKey.put(7, "x");
    assertThatThrownBy(() -> Secrets.builder().environment(rawKey).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("every environment variable name must be a string, not a java.lang.Integer");
  }

  @Test
  void blankSettingKeysAreIllegalArgumentsNamingTheProblem() {
    try (Secrets secrets = Secrets.builder().discoverProviders(false).build()) {
      assertThatThrownBy(() -> secrets.setting(""))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("setting key must not be blank");
      assertThat(secrets.setting("no.such.setting")).isEmpty();
    }
  }
}
