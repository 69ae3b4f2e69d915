package io.github.secrets4j.aws;

import io.github.secrets4j.Secrets;
import io.github.secrets4j.aws.fake.FakeSecretsManager;
import io.github.secrets4j.testkit.SecretsProviderContract;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The provider passes the common contract against the fake, discovered through ServiceLoader. */
class AwsSecretsManagerProviderContractTest extends SecretsProviderContract {
  private static FakeSecretsManager fake;

  @BeforeAll
  static void startFake() {
    fake = FakeSecretsManager.start();
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
    fake.putSecretString("contract/" + key, value);
    return Map.of("name", "contract/" + key, "region", FakeSecretsManager.DEFAULT_REGION);
  }

  @Override
  protected Map<String, String> absent(String key) {
    return Map.of("name", "contract/absent-" + key, "region", FakeSecretsManager.DEFAULT_REGION);
  }

  /**
   * The store writes to the fake's default region; removals skip the recovery window, as the
   * contract puts a key again right after removing it (see AwsStoreTest for the window).
   */
  @Override
  protected Secrets newSecrets() {
    return AwsTests.secrets(fake, Map.of(
        AwsTests.PREFIX + "region", FakeSecretsManager.DEFAULT_REGION,
        AwsTests.PREFIX + "force-delete", "true"));
  }

  @Override
  protected boolean writable() {
    return true;
  }

  /** Failure paths after the canary was read: none may carry it. */
  @Override
  protected List<Throwable> extraFailures(Secrets secrets, String canary) {
    String name = "contract/canary-" + key();
    fake.putSecretString(name, canary);
    String json = "contract/canary-json-" + key();
    fake.putSecretString(json, "{\"password\":\"" + canary + "\"}");
    String binary = "contract/canary-binary-" + key();
    byte[] bytes = canary.getBytes(StandardCharsets.UTF_8);
    byte[] invalid = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, invalid, 0, bytes.length);
    invalid[bytes.length] = (byte) 0xff;
    fake.putSecretBinary(binary, invalid);
    String region = FakeSecretsManager.DEFAULT_REGION;

    List<Throwable> failures = new ArrayList<>();
    // key on a value that is not JSON
    failures.add(failure(() -> secret(secrets, "Not JSON",
        Map.of("name", name, "region", region, "key", "password")).getValue()));
    // key missing from a JSON value
    failures.add(failure(() -> secret(secrets, "Missing Key",
        Map.of("name", json, "region", region, "key", "nope")).getValue()));
    // binary that is not UTF-8
    failures.add(failure(() -> secret(secrets, "Bad Binary",
        Map.of("name", binary, "region", region)).getValue()));
    // a malformed response that quotes the value (the JSON parser would repeat it), on every
    // attempt: the SDK retries responses it cannot read
    fake.respondNext(3, 200, "application/x-amz-json-1.1", "{\"SecretString\": " + canary + "}");
    failures.add(failure(() -> secret(secrets, "Malformed",
        Map.of("name", name, "region", region)).getValue()));
    // a truncated body around the value
    fake.respondNext(3, 200, "application/x-amz-json-1.1", "{\"SecretString\":\"" + canary);
    failures.add(failure(() -> secret(secrets, "Truncated",
        Map.of("name", name, "region", region)).getValue()));
    // wrong version stage and a service error
    failures.add(failure(() -> secret(secrets, "Stage",
        Map.of("name", name, "region", region, "version_stage", "NOPE")).getValue()));
    fake.failNext(1, 400, "AccessDeniedException", "User is not authorized");
    failures.add(failure(() -> secret(secrets, "Denied",
        Map.of("name", name, "region", region)).getValue()));
    fake.reset();
    return failures;
  }
}
