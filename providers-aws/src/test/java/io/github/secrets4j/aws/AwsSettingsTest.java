package io.github.secrets4j.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.aws.fake.FakeSecretsManager;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings are checked when the provider is created, with errors that name the setting. */
class AwsSettingsTest {
  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "region|Not A Region|an AWS region id such as eu-west-1",
      "endpoint|ftp://example.com|an absolute http or https URI",
      "endpoint|http://[broken|an absolute http or https URI",
      "connect-timeout|2h|a duration such as 2s, 500ms or PT2S, at most 60s",
      "call-timeout|0s|a duration such as 10s, 500ms or PT10S, at most 300s",
      "call-timeout|PT10M|a duration such as 10s, 500ms or PT10S, at most 300s",
      "max-attempts|0|a whole number from 1 to 10",
      "max-clients|0|a whole number from 1 to 1000",
      "max-clients|1001|a whole number from 1 to 1000",
  })
  void invalidSettingIsProviderErrorNamingIt(String setting, String value, String expected) {
    try (Secrets secrets = Secrets.builder()
        .setting(AwsTests.PREFIX + setting, value).environment(Map.of()).build()) {
      assertThatThrownBy(() -> secrets.secret("S").provider(AwsTests.SLUG)
          .parameter("name", "x").build().getValue())
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessage("Secret \"S\" (provider \"aws-secrets-manager\"): Invalid setting "
              + AwsTests.PREFIX + setting + " '" + value + "': expected " + expected);
    }
  }

  /** A value that does not parse gets the runtime's one-grammar message, the same in every module. */
  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "connect-timeout|soon|a duration such as 0, 30s, 5m or PT5M",
      "max-attempts|eleven|a whole number",
  })
  void malformedSettingIsProviderErrorWithTheOneGrammarMessage(String setting, String value,
      String expected) {
    try (Secrets secrets = Secrets.builder()
        .setting(AwsTests.PREFIX + setting, value).environment(Map.of()).build()) {
      assertThatThrownBy(() -> secrets.secret("S").provider(AwsTests.SLUG)
          .parameter("name", "x").build().getValue())
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessage("Secret \"S\" (provider \"aws-secrets-manager\"): Setting "
              + AwsTests.PREFIX + setting + " must be " + expected + ", not \"" + value + "\"");
    }
  }

  /** Outside AWS's partitions a region is only a signing scope: accepted with an endpoint only. */
  @Test
  void regionOutsideAwsPartitionsNeedsAnEndpointOverride() {
    try (Secrets secrets = Secrets.builder()
        .setting(AwsTests.PREFIX + "region", "zz-invented-1").environment(Map.of()).build()) {
      assertThatThrownBy(() -> secrets.provider(AwsTests.SLUG))
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessageEndingWith("Invalid setting secrets4j.aws-secrets-manager.region "
              + "'zz-invented-1': expected an AWS region id such as eu-west-1 (any well-formed id "
              + "only with the setting secrets4j.aws-secrets-manager.endpoint)");
    }
    try (Secrets secrets = Secrets.builder()
        .setting(AwsTests.PREFIX + "region", "local")
        .setting(AwsTests.PREFIX + "endpoint", "http://127.0.0.1:4566")
        .setting(AwsTests.PREFIX + "max-clients", "3")
        .environment(Map.of()).build()) {
      assertThat(secrets.provider(AwsTests.SLUG).orElseThrow().toString())
          .contains("region=local", "maxClients=3");
    }
    assertThatThrownBy(() -> AwsSecretsManagerProvider.builder().region("local").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AwsSecretsManagerProvider.builder().maxClients(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void endpointWithUserInformationIsNotRepeated() {
    try (Secrets secrets = Secrets.builder()
        .setting(AwsTests.PREFIX + "endpoint", "https://user:hunter2@example.com")
        .environment(Map.of()).build()) {
      assertThatThrownBy(() -> secrets.provider(AwsTests.SLUG))
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessageEndingWith("Invalid setting secrets4j.aws-secrets-manager.endpoint "
              + "(not shown): expected an absolute http or https URI")
          .hasMessageNotContaining("hunter2");
    }
  }

  @Test
  void builderChecksEveryArgument() {
    AwsSecretsManagerProvider.Builder builder = AwsSecretsManagerProvider.builder();
    assertThatThrownBy(() -> builder.region(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("region");
    assertThatThrownBy(() -> builder.profile(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.endpoint(URI.create("/relative")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.callTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.connectTimeout(Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.maxAttempts(11)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void explicitlyWiredProviderWorksWithoutDiscovery() {
    try (FakeSecretsManager fake = FakeSecretsManager.start()) {
      fake.putSecretString("wired", "wired-value");
      System.setProperty("aws.accessKeyId", FakeSecretsManager.DEFAULT_ACCESS_KEY_ID);
      System.setProperty("aws.secretAccessKey", FakeSecretsManager.DEFAULT_SECRET_ACCESS_KEY);
      try (Secrets secrets = Secrets.builder().discoverProviders(false)
          .provider(AwsSecretsManagerProvider.builder().region("us-east-1")
              .endpoint(fake.endpoint()).callTimeout(Duration.ofSeconds(5)).maxAttempts(1).build())
          .build()) {
        assertThat(secrets.secret("W").provider(AwsTests.SLUG).parameter("name", "wired").build()
            .getValue()).isEqualTo("wired-value");
      } finally {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
      }
    }
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "connect-timeout|500ms|PT0.5S",
      "call-timeout|' 2m '|PT2M",
      "connect-timeout|PT1.5S|PT1.5S",
      "connect-timeout|1m|PT1M",
      "call-timeout|5s|PT5S",
      "call-timeout|PT5M|PT5M",
      "call-timeout|5 m|PT5M",
  })
  void durationsUseTheRuntimesOneGrammar(String setting, String value, String shown) {
    try (Secrets secrets = Secrets.builder()
        .setting(AwsTests.PREFIX + setting, value).environment(Map.of()).build()) {
      String field = setting.equals("connect-timeout") ? "connectTimeout=" : "callTimeout=";
      assertThat(secrets.provider(AwsTests.SLUG).orElseThrow().toString())
          .contains(field + shown + ",");
    }
  }

  /** Hours and days are durations now (one grammar); past the bound they are refused as such. */
  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "call-timeout|1h|a duration such as 10s, 500ms or PT10S, at most 300s",
      "call-timeout|2d|a duration such as 10s, 500ms or PT10S, at most 300s",
      "connect-timeout|PT5M|a duration such as 2s, 500ms or PT2S, at most 60s",
      "max-attempts|99999999999|a whole number from 1 to 10",
  })
  void wellFormedValueOutOfBoundsNamesTheBound(String setting, String value, String expected) {
    try (Secrets secrets = Secrets.builder()
        .setting(AwsTests.PREFIX + setting, value).environment(Map.of()).build()) {
      assertThatThrownBy(() -> secrets.provider(AwsTests.SLUG))
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessageEndingWith("(provider \"aws-secrets-manager\"): Invalid setting "
              + AwsTests.PREFIX + setting + " '" + value + "': expected " + expected);
    }
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "connect-timeout|5",
      "connect-timeout|PTxS",
      "connect-timeout|-PT5S",
      "call-timeout|10 seconds",
  })
  void whatIsNotADurationIsRefusedByTheGrammar(String setting, String value) {
    try (Secrets secrets = Secrets.builder()
        .setting(AwsTests.PREFIX + setting, value).environment(Map.of()).build()) {
      assertThatThrownBy(() -> secrets.provider(AwsTests.SLUG))
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessageEndingWith("Setting " + AwsTests.PREFIX + setting
              + " must be a duration such as 0, 30s, 5m or PT5M, not \"" + value + "\"");
    }
  }

  @Test
  void hostileSettingValuesAreShownEscaped() {
    try (Secrets secrets = Secrets.builder()
        .setting(AwsTests.PREFIX + "connect-timeout", "5s\u001b[2J\nforged")
        .environment(Map.of()).build()) {
      assertThatThrownBy(() -> secrets.provider(AwsTests.SLUG))
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessageEndingWith("Setting secrets4j.aws-secrets-manager.connect-timeout must be a "
              + "duration such as 0, 30s, 5m or PT5M, not \"5s\\u001b[2J\\u000aforged\"")
          .hasMessageNotContaining("\u001b").hasMessageNotContaining("\n");
    }
    try (Secrets secrets = Secrets.builder()
        .setting(AwsTests.PREFIX + "region", "eu-west-1\u001b[31m\nforged")
        .environment(Map.of()).build()) {
      assertThatThrownBy(() -> secrets.provider(AwsTests.SLUG))
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessageEndingWith("Invalid setting secrets4j.aws-secrets-manager.region "
              + "'eu-west-1\\u001b[31m\\u000aforged': expected an AWS region id such as eu-west-1")
          .hasMessageNotContaining("\u001b").hasMessageNotContaining("\n");
    }
  }
}
