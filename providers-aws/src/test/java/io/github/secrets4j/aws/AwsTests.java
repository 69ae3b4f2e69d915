package io.github.secrets4j.aws;

import io.github.secrets4j.Secrets;
import io.github.secrets4j.aws.fake.FakeSecretsManager;
import java.util.HashMap;
import java.util.Map;

/** Builds runtimes that reach a {@link FakeSecretsManager}. */
final class AwsTests {
  static final String SLUG = "aws-secrets-manager";
  static final String PREFIX = "secrets4j.aws-secrets-manager.";

  private AwsTests() {}

  /**
   * A discovering runtime whose provider talks to {@code fake}, signing with the default fake
   * account's keys given through the runtime's environment (as AWS_ACCESS_KEY_ID and
   * AWS_SECRET_ACCESS_KEY, which the SDK's default chain reads), with short bounded timeouts.
   * The core's value cache is switched off. {@code settings} are added last and win.
   */
  static Secrets secrets(FakeSecretsManager fake, Map<String, String> settings) {
    return secrets(fake, settings, defaultEnvironment());
  }

  static Secrets secrets(FakeSecretsManager fake, Map<String, String> settings,
      Map<String, String> environment) {
    Map<String, String> all = new HashMap<>();
    all.put(PREFIX + "endpoint", fake.endpoint().toString());
    all.put(PREFIX + "connect-timeout", "1s");
    all.put(PREFIX + "call-timeout", "5s");
    // These tests are about the provider: every read goes to the fake. The core's cache in front
    // of it (5 minutes by default for this provider) is tested in AwsCachingTest.
    all.put(PREFIX + "cache.ttl", "0");
    all.putAll(settings);
    return Secrets.builder().settings(all).environment(environment).build();
  }

  static Map<String, String> defaultEnvironment() {
    return Map.of(
        "AWS_ACCESS_KEY_ID", FakeSecretsManager.DEFAULT_ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", FakeSecretsManager.DEFAULT_SECRET_ACCESS_KEY);
  }
}
