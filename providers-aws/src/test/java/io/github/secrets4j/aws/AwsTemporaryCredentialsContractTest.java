package io.github.secrets4j.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.secrets4j.Secrets;
import io.github.secrets4j.aws.fake.FakeSecretsManager;
import io.github.secrets4j.aws.fake.FakeSecretsManager.RecordedRequest;
import io.github.secrets4j.testkit.CapturingLogs;
import io.github.secrets4j.testkit.SecretsProviderContract;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole contract again with temporary credentials (a session token), every log level captured
 * (TRACE and DEBUG of every logger, the AWS SDK's included): after every test, neither the session
 * token nor the secret key is in any captured log line.
 */
class AwsTemporaryCredentialsContractTest extends SecretsProviderContract {
  static final String ACCESS_KEY_ID = "ASIAFAKETEMPORARY001";
  static final String SECRET_ACCESS_KEY = "fake-temporary-secret-access-key";
  static final String SESSION_TOKEN =
      "FwoGZXIvYXdzEFAKE-session-token-0123456789abcdefABCDEF+/=";

  private static FakeSecretsManager fake;

  @BeforeAll
  static void startFake() {
    fake = FakeSecretsManager.start()
        .addTemporaryCredentials(FakeSecretsManager.DEFAULT_ACCOUNT, ACCESS_KEY_ID,
            SECRET_ACCESS_KEY, SESSION_TOKEN);
  }

  @AfterAll
  static void stopFake() {
    fake.close();
  }

  @Override
  protected String slug() {
    return "aws-secrets-manager";
  }

  @Override
  protected Map<String, String> seed(String key, String value) {
    fake.putSecretString("temporary/" + key, value);
    return Map.of("name", "temporary/" + key, "region", FakeSecretsManager.DEFAULT_REGION);
  }

  @Override
  protected Map<String, String> absent(String key) {
    return Map.of("name", "temporary/absent-" + key, "region", FakeSecretsManager.DEFAULT_REGION);
  }

  @Override
  protected Secrets newSecrets() {
    // The store's writes (the contract's Writable group) are signed with the session token too.
    return AwsTests.secrets(fake, Map.of(
        AwsTests.PREFIX + "region", FakeSecretsManager.DEFAULT_REGION,
        AwsTests.PREFIX + "force-delete", "true"), Map.of(
        "AWS_ACCESS_KEY_ID", ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY,
        "AWS_SESSION_TOKEN", SESSION_TOKEN));
  }

  @AfterEach
  void noCredentialInAnyLogLine() {
    assertThat(CapturingLogs.events())
        .allSatisfy(event -> assertThat(event).doesNotContain(SESSION_TOKEN, SECRET_ACCESS_KEY));
  }

  @Test
  void sessionTokenIsSentButNeverLoggedAtAnyLevel() {
    CapturingLogs.clear();
    fake.putSecretString("temporary/logged", "v");
    try (Secrets secrets = newSecrets()) {
      assertThat(secrets.secret("S").provider(slug())
          .parameters(Map.of("name", "temporary/logged", "region", "us-east-1")).build()
          .getValue()).isEqualTo("v");
    }
    assertThat(fake.requests()).last().satisfies(request -> {
      assertThat(request.accessKeyId()).isEqualTo(ACCESS_KEY_ID);
      assertThat(request.sessionTokenSent()).isTrue();
      assertThat(request.signatureValid()).isTrue();
    });
    assertThat(fake.requests()).allMatch(RecordedRequest::signatureValid);
    // The SDK logged at DEBUG while signing (the capture saw its loggers), and no line holds the
    // token.
    assertThat(CapturingLogs.events()).anyMatch(event -> event.startsWith("DEBUG software.amazon"));
    assertThat(CapturingLogs.events())
        .allSatisfy(event -> assertThat(event).doesNotContain(SESSION_TOKEN, SECRET_ACCESS_KEY));
  }
}
