package io.github.secrets4j.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.aws.fake.FakeSecretsManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wire error codes and client faults become the right secrets4j errors, naming the secret, the
 * region and the code; every test is bounded in time.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AwsErrorMappingTest {
  private static final String PREFIX =
      "Secret \"Faulty\" (provider \"aws-secrets-manager\"): GetSecretValue of 'app/faulty' "
          + "(version stage 'AWSCURRENT') in region 'eu-west-1' ";

  private FakeSecretsManager fake;
  private Secrets secrets;

  @BeforeEach
  void start() {
    fake = FakeSecretsManager.start();
    fake.putSecretString(FakeSecretsManager.DEFAULT_ACCOUNT, "eu-west-1", "app/faulty", "fine");
    secrets = AwsTests.secrets(fake, Map.of(AwsTests.PREFIX + "max-attempts", "2"));
  }

  @AfterEach
  void stop() {
    secrets.close();
    fake.close();
  }

  private Secret faulty() {
    return faulty(secrets);
  }

  private static Secret faulty(Secrets runtime) {
    return runtime.secret("Faulty").provider(AwsTests.SLUG)
        .parameters(Map.of("name", "app/faulty", "region", "eu-west-1")).build();
  }

  @ParameterizedTest(name = "{0} HTTP {1} -> {2}, {3} attempt(s)")
  @CsvSource({
      "ResourceNotFoundException, 400, SecretValueNotFoundError, 1",
      "InvalidParameterException, 400, SecretParametersError, 1",
      "InvalidRequestException, 400, SecretProviderError, 1",
      "DecryptionFailure, 400, SecretProviderError, 1",
      "AccessDeniedException, 400, SecretProviderError, 1",
      "InternalServiceError, 500, SecretProviderError, 2",
      "ThrottlingException, 400, SecretProviderError, 2",
  })
  void serviceErrorCodeDecidesTheErrorType(String code, int status, String type, int attempts) {
    fake.failNext(2, status, code, "Message from the service about " + code);

    SecretError error = (SecretError) org.assertj.core.api.Assertions.catchThrowable(
        faulty()::getValue);

    assertThat(error).isNotNull();
    assertThat(error.getClass().getSimpleName()).isEqualTo(type);
    assertThat(error.getMessage())
        .startsWith(PREFIX)
        .contains(code + " (HTTP " + status + "): Message from the service about " + code);
    assertThat(fake.requestCount()).as("attempts made").isEqualTo(attempts);
  }

  @Test
  void exactMessagesOfTheCommonFailures() {
    fake.failNext(1, 400, "AccessDeniedException", "User: arn:aws:iam::111111111111:user/app is not "
        + "authorized to perform: secretsmanager:GetSecretValue");
    assertThatThrownBy(faulty()::getValue).isExactlyInstanceOf(SecretProviderError.class)
        .hasMessage(PREFIX + "failed: AccessDeniedException (HTTP 400): User: "
            + "arn:aws:iam::111111111111:user/app is not authorized to perform: "
            + "secretsmanager:GetSecretValue. The credentials in use may not call "
            + "secretsmanager:GetSecretValue on this secret (or kms:Decrypt on its key)");

    fake.failNext(2, 400, "ThrottlingException", "Rate exceeded");
    assertThatThrownBy(faulty()::getValue).isExactlyInstanceOf(SecretProviderError.class)
        .hasMessage(PREFIX + "failed: ThrottlingException (HTTP 400): Rate exceeded. Still "
            + "throttled after 2 attempt(s); cache values or raise "
            + "secrets4j.aws-secrets-manager.max-attempts");
  }

  @Test
  void secretScheduledForDeletionIsInvalidRequest() {
    fake.scheduleDeletion(FakeSecretsManager.DEFAULT_ACCOUNT, "eu-west-1", "app/faulty");
    assertThatThrownBy(faulty()::getValue).isExactlyInstanceOf(SecretProviderError.class)
        .hasMessage(PREFIX + "failed: InvalidRequestException (HTTP 400): You can't perform this "
            + "operation on the secret because it was marked for deletion.. The secret may be "
            + "scheduled for deletion or the request may not suit its current state");
  }

  @Test
  void throttlingThenSuccessIsRetriedTransparently() {
    fake.failNext(1, 400, "ThrottlingException", "Rate exceeded");
    assertThat(faulty().getValue()).isEqualTo("fine");
    assertThat(fake.requestCount()).isEqualTo(2);
  }

  @Test
  void internalErrorThenSuccessIsRetriedTransparently() {
    fake.failNext(1, 500, "InternalServiceError", "An error occurred on the server side.");
    assertThat(faulty().getValue()).isEqualTo("fine");
    assertThat(fake.requestCount()).isEqualTo(2);
  }

  @Test
  void slowResponsesBeyondTheCallTimeoutAreProviderErrors() {
    fake.delayNext(5, Duration.ofSeconds(5));
    try (Secrets quick = AwsTests.secrets(fake, Map.of(
        AwsTests.PREFIX + "call-timeout", "700ms", AwsTests.PREFIX + "max-attempts", "2"))) {
      assertThatThrownBy(faulty(quick)::getValue)
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessage(PREFIX + "failed: Timeout: no answer within the call timeout of 700ms "
              + "(connect timeout 1s, 2 attempt(s) at most); see "
              + "secrets4j.aws-secrets-manager.call-timeout");
    }
  }

  @Test
  void connectionRefusedIsNetworkProviderError() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    try (Secrets refused = Secrets.builder()
        .settings(Map.of(AwsTests.PREFIX + "endpoint", "http://127.0.0.1:" + port,
            AwsTests.PREFIX + "call-timeout", "5s", AwsTests.PREFIX + "max-attempts", "2"))
        .environment(AwsTests.defaultEnvironment()).build()) {
      assertThatThrownBy(faulty(refused)::getValue)
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessage(PREFIX + "failed: NetworkError: ConnectException reaching http://127.0.0.1:"
              + port + " (after 2 attempt(s) at most)");
    }
  }

  @Test
  void malformedSuccessBodyIsProviderErrorWithoutDetails() {
    fake.respondNext(2, 200, "application/x-amz-json-1.1", "{\"SecretString\": not json at all");
    assertThatThrownBy(faulty()::getValue)
        .isExactlyInstanceOf(SecretProviderError.class)
        .hasMessage(PREFIX + "failed: ClientError: SdkClientException (the response from "
            + fake.endpoint() + " could not be used; details withheld because they may quote the "
            + "response)")
        .hasNoCause();
    assertThat(fake.requestCount()).as("the SDK retries unreadable responses").isEqualTo(2);
  }

  @Test
  void malformedThenGoodBodyIsRetried() {
    fake.respondNext(1, 200, "application/x-amz-json-1.1", "<html>proxy</html>");
    assertThat(faulty().getValue()).isEqualTo("fine");
  }

  @Test
  void emptyObjectBodyIsValueNotFound() {
    fake.respondNext(1, 200, "application/x-amz-json-1.1", "{}");
    assertThatThrownBy(faulty()::getValue)
        .isExactlyInstanceOf(SecretValueNotFoundError.class)
        .hasMessage(PREFIX + "returned neither SecretString nor SecretBinary");
  }

  @Test
  void errorWithoutACodeIsProviderErrorWithTheStatus() {
    fake.respondNext(2, 502, "text/html", "<html>Bad Gateway</html>");
    assertThatThrownBy(faulty()::getValue)
        .isExactlyInstanceOf(SecretProviderError.class)
        .hasMessage(PREFIX + "failed: no error code (HTTP 502)");
  }

  @Test
  void unknownAccessKeyAndBadSignatureAreCredentialProviderErrors() {
    try (Secrets stranger = AwsTests.secrets(fake, Map.of(), Map.of(
        "AWS_ACCESS_KEY_ID", "AKIAUNKNOWN000000000", "AWS_SECRET_ACCESS_KEY", "whatever-key"))) {
      assertThatThrownBy(faulty(stranger)::getValue)
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessage(PREFIX + "failed: UnrecognizedClientException (HTTP 400): The security token "
              + "included in the request is invalid.. AWS rejected the credentials in use");
    }
    try (Secrets wrongKey = AwsTests.secrets(fake, Map.of(), Map.of(
        "AWS_ACCESS_KEY_ID", FakeSecretsManager.DEFAULT_ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", "not-the-right-secret-key"))) {
      assertThatThrownBy(faulty(wrongKey)::getValue)
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessageStartingWith(PREFIX + "failed: InvalidSignatureException (HTTP 400): The "
              + "request signature we calculated does not match")
          .hasMessageEndingWith("AWS rejected the credentials in use")
          .hasMessageNotContaining("not-the-right-secret-key");
    }
  }
}
