package io.github.secrets4j.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.secrets4j.testkit.CapturingLogs;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The quiet signer signs exactly as the SDK's SigV4 signer does (same headers, same signature),
 * and logs nothing, where the SDK's logs the canonical request with the session token.
 */
class TokenSafeSignerTest {
  private static final String TOKEN = "FwoGZXIvYXdzEFAKE//session+token=";

  private static SignRequest<AwsCredentialsIdentity> request(AwsCredentialsIdentity identity,
      String protocol, int port, String path, String body) {
    SdkHttpRequest.Builder http = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
        .protocol(protocol).host("secretsmanager.eu-west-1.amazonaws.com").port(port)
        .encodedPath(path)
        .putHeader("Content-Type", "application/x-amz-json-1.1")
        .putHeader("X-Amz-Target", "secretsmanager.GetSecretValue")
        .putHeader("Content-Length", Integer.toString(body.length()))
        .putHeader("User-Agent", "aws-sdk-java/2 test")
        .putHeader("amz-sdk-request", "attempt=1;  max=3");
    if (path.contains("?")) {
      http.encodedPath(path.substring(0, path.indexOf('?')))
          .putRawQueryParameter("b", "2 two").putRawQueryParameter("a", "1");
    }
    return SignRequest.builder(identity).request(http.build())
        .payload(ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "secretsmanager")
        .putProperty(HttpSigner.SIGNING_CLOCK,
            Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC))
        .build();
  }

  @ParameterizedTest(name = "{0}://…:{1}{2} {3}")
  @CsvSource(delimiter = '|', value = {
      "https|443|/|{\"SecretId\":\"prod/db\"}",
      "https|-1|/|{\"SecretId\":\"prod/db\",\"VersionStage\":\"AWSPREVIOUS\"}",
      "http|4566|/|{\"SecretId\":\"a b ☃\"}",
      "https|8443|/a%20b/c~d|''",
      "https|443|/x?q|{}",
  })
  void signsExactlyAsTheSdksSignerDoes(String protocol, int port, String path, String body) {
    for (AwsCredentialsIdentity identity : new AwsCredentialsIdentity[] {
        AwsSessionCredentialsIdentity.create("ASIAFAKE0000000001", "fake-secret", TOKEN),
        AwsCredentialsIdentity.create("AKIAFAKE0000000001", "fake-secret")}) {
      SignRequest<AwsCredentialsIdentity> request = request(identity, protocol, port, path, body);
      SignedRequest sdk = AwsV4HttpSigner.create().sign(request);
      SignedRequest ours = TokenSafeSigner.signQuietly(request);
      assertThat(ours.request().headers()).isEqualTo(sdk.request().headers());
      assertThat(ours.request().getUri()).isEqualTo(sdk.request().getUri());
    }
  }

  @ParameterizedTest(name = "session token: {0}")
  @CsvSource({"true", "false"})
  void neverLogsTheSessionTokenAndSignsValidly(boolean session) {
    CapturingLogs.clear();
    AwsCredentialsIdentity identity = session
        ? AwsSessionCredentialsIdentity.create("ASIAFAKE0000000001", "fake-secret", TOKEN)
        : AwsCredentialsIdentity.create("AKIAFAKE0000000001", "fake-secret");
    SignRequest<AwsCredentialsIdentity> request =
        request(identity, "https", 443, "/", "{\"SecretId\":\"x\"}");

    SignedRequest signed = new TokenSafeSigner().sign(request);

    assertThat(signed.request().headers()).isEqualTo(
        AwsV4HttpSigner.create().sign(request).request().headers());
    assertThat(signed.request().firstMatchingHeader("X-Amz-Security-Token"))
        .isEqualTo(session ? java.util.Optional.of(TOKEN) : java.util.Optional.empty());
    // The SDK's signer was asked to sign above for the comparison and logged; the quiet path not.
    CapturingLogs.clear();
    new TokenSafeSigner().sign(request);
    assertThat(CapturingLogs.events()).allSatisfy(event -> assertThat(event).doesNotContain(TOKEN));
    if (session) {
      assertThat(CapturingLogs.events()).noneMatch(e -> e.contains("Canonical Request"));
    }
  }
}
