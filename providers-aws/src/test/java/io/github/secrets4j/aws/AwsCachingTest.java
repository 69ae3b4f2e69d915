package io.github.secrets4j.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.secrets4j.Secret;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.aws.fake.FakeSecretsManager;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** With its declared policy, this provider's values are cached by the core: reads stop reaching AWS. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AwsCachingTest {
  private FakeSecretsManager fake;

  @BeforeEach
  void start() {
    fake = FakeSecretsManager.start();
    fake.putSecretString("app/db", "one");
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void declaredPolicyCachesForMinutesAndInvalidationRefetches() {
    // An empty cache.ttl setting counts as unset, so the provider's declared 5 minutes apply.
    try (Secrets secrets = AwsTests.secrets(fake,
        Map.of(AwsTests.PREFIX + "cache.ttl", "", AwsTests.PREFIX + "region", FakeSecretsManager.DEFAULT_REGION))) {
      Secret secret = secrets.secret("DB").provider(AwsTests.SLUG).parameter("name", "app/db").build();
      for (int i = 0; i < 100; i++) {
        assertThat(secret.getValue()).isEqualTo("one");
      }
      assertThat(fake.requestCount()).isEqualTo(1);
      fake.rotate("app/db", "two");
      assertThat(secret.getValue()).as("cached until invalidated or expired").isEqualTo("one");
      secrets.invalidate(secret);
      assertThat(secret.getValue()).isEqualTo("two");
      assertThat(fake.requestCount()).isEqualTo(2);
      assertThat(secrets.stats().provider(AwsTests.SLUG).hits()).isEqualTo(100);
    }
  }
}
