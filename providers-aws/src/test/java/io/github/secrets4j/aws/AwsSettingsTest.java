package io.github.secrets4j.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.aws.fake.FakeSecretsManager;
import io.github.secrets4j.aws.internal.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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
      "connect-timeout|soon|a duration such as 2s, 500ms or PT2S, at most 60s",
      "connect-timeout|2h|a duration such as 2s, 500ms or PT2S, at most 60s",
      "call-timeout|0s|a duration such as 10s, 500ms or PT10S, at most 300s",
      "call-timeout|PT10M|a duration such as 10s, 500ms or PT10S, at most 300s",
      "max-attempts|0|a whole number from 1 to 10",
      "max-attempts|eleven|a whole number from 1 to 10",
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

  @Test
  void durationsAcceptMillisSecondsMinutesAndIso() {
    assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
    assertThat(Durations.parse("5s")).contains(Duration.ofSeconds(5));
    assertThat(Durations.parse(" 2m ")).contains(Duration.ofMinutes(2));
    assertThat(Durations.parse("PT1.5S")).contains(Duration.ofMillis(1500));
    assertThat(Durations.parse("5")).isEqualTo(Optional.empty());
    assertThat(Durations.parse("PTxS")).isEqualTo(Optional.empty());
  }
}
