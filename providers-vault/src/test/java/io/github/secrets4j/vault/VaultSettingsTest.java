package io.github.secrets4j.vault;

import static io.github.secrets4j.vault.VaultTesting.P;
import static io.github.secrets4j.vault.VaultTesting.read;
import static io.github.secrets4j.vault.VaultTesting.runtime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.vault.internal.VaultSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Timeouts, retries and tls-verify are read with the runtime's one grammar, for the default Vault
 * and for named ones; the bounds are the provider's. Nothing here reaches a Vault: settings are
 * checked before the first request.
 */
class VaultSettingsTest {
  /** Nothing listens here; no test sends a request. */
  private static final String URL = "http://127.0.0.1:1";

  private static VaultSettings load(String vault, Map<String, String> settings) throws Exception {
    return VaultSettings.load(new TestContext(settings, Map.of()), vault);
  }

  private static Map<String, String> defaultVault(String key, String value) {
    return Map.of(P + "url", URL, P + "token", "hvs.t", P + key, value);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "read-timeout|PT5M|PT5M",
      "read-timeout|5m|PT5M",
      "read-timeout|' 90 s '|PT1M30S",
      "open-timeout|1500ms|PT1.5S",
      "open-timeout|pt2s|PT2S",
      "retry-backoff|10ms|PT0.01S",
  })
  void durationsUseTheRuntimesOneGrammar(String key, String value, Duration expected)
      throws Exception {
    VaultSettings settings = load("default", defaultVault(key, value));
    Duration actual = switch (key) {
      case "read-timeout" -> settings.readTimeout();
      case "open-timeout" -> settings.openTimeout();
      default -> settings.retryBackoff();
    };
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void defaultsAreUnchanged() throws Exception {
    VaultSettings settings = load("default", Map.of(P + "url", URL, P + "token", "hvs.t"));
    assertThat(settings.openTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(settings.retryBackoff()).isEqualTo(Duration.ofMillis(250));
    assertThat(settings.retries()).isEqualTo(2);
    assertThat(settings.tlsVerify()).isTrue();
  }

  @Test
  void booleansAndWholeNumbersUseTheOneGrammar() throws Exception {
    assertThat(load("default", defaultVault("tls-verify", "FALSE")).tlsVerify()).isFalse();
    assertThat(load("default", defaultVault("tls-verify", "True")).tlsVerify()).isTrue();
    assertThat(load("default", defaultVault("retries", " 0 ")).retries()).isZero();
    assertThat(load("default", defaultVault("retries", "10")).retries()).isEqualTo(10);
  }

  /** Hours and days are durations now, as in every module; the 10-minute bound refuses them. */
  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "read-timeout|1h",
      "open-timeout|2d",
      "retry-backoff|PT11M",
      "read-timeout|0",
  })
  void wellFormedDurationOutOfBoundsNamesTheBound(String key, String value) {
    assertMisconfigured(defaultVault(key, value),
        "Setting " + P + key + " must be more than zero and at most 10 minutes");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "read-timeout|10|a duration such as 0, 30s, 5m or PT5M",
      "open-timeout|soon|a duration such as 0, 30s, 5m or PT5M",
      "retry-backoff|-PT1S|a duration such as 0, 30s, 5m or PT5M",
      "tls-verify|yes|true or false",
      "tls-verify|0|true or false",
      "retries|two|a whole number",
      "retries|1.5|a whole number",
  })
  void malformedValueIsProviderErrorWithTheOneGrammarMessage(String key, String value,
      String expected) {
    assertMisconfigured(defaultVault(key, value),
        "Setting " + P + key + " must be " + expected + ", not \"" + value + "\"");
  }

  @Test
  void retriesOutOfBoundsKeepTheirMessage() {
    assertMisconfigured(defaultVault("retries", "-1"),
        "Setting " + P + "retries must be a whole number from 0 to 10");
    assertMisconfigured(defaultVault("retries", "99999999999"),
        "Setting " + P + "retries must be a whole number from 0 to 10");
  }

  @Test
  void namedVaultsReadTheirOwnKeysWithTheSameGrammar() throws Exception {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(P + "vaults.emea.url", URL);
    settings.put(P + "vaults.emea.token", "hvs.t");
    settings.put(P + "vaults.emea.read-timeout", "PT2M");
    settings.put(P + "vaults.emea.tls-verify", "false");
    settings.put(P + "vaults.emea.retries", "4");
    // The flat keys configure the default Vault only.
    settings.put(P + "read-timeout", "not read for emea");
    VaultSettings emea = load("emea", settings);
    assertThat(emea.readTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(emea.tlsVerify()).isFalse();
    assertThat(emea.retries()).isEqualTo(4);

    settings.put(P + "vaults.emea.read-timeout", "forever");
    try (Secrets secrets = runtime(settings)) {
      assertThatThrownBy(() -> read(secrets, "path", "a", "key", "k", "vault", "emea"))
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessage("Secret \"S\" (provider \"hashicorp-vault\"): Setting "
              + "secrets4j.hashicorp-vault.vaults.emea.read-timeout must be a duration such as 0, "
              + "30s, 5m or PT5M, not \"forever\"");
    }
    settings.put(P + "vaults.emea.read-timeout", "PT2M");
    settings.put(P + "vaults.emea.open-timeout", "2d");
    assertMisconfigured("emea", settings,
        "Setting secrets4j.hashicorp-vault.vaults.emea.open-timeout must be more than zero and "
            + "at most 10 minutes");
  }

  @Test
  void hostileSettingValueIsShownEscaped() {
    assertThatThrownBy(() -> load("default", defaultVault("read-timeout", "5s\u001b[2J\nforged")))
        .hasMessage("Setting secrets4j.hashicorp-vault.read-timeout must be a duration such as 0, "
            + "30s, 5m or PT5M, not \"5s\\u001b[2J\\u000aforged\"");
  }

  private static void assertMisconfigured(Map<String, String> settings, String reason) {
    assertMisconfigured("default", settings, reason);
  }

  private static void assertMisconfigured(String vault, Map<String, String> settings,
      String reason) {
    try (Secrets secrets = runtime(settings)) {
      assertThatThrownBy(() -> read(secrets, "path", "a", "key", "k", "vault", vault))
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessage("Secret \"S\" (provider \"hashicorp-vault\"): " + reason);
    }
  }
}
