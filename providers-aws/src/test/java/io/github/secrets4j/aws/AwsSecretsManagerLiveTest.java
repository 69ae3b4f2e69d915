package io.github.secrets4j.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in check against the real AWS Secrets Manager, skipped unless
 * {@code -Dsecrets4j.aws.live.secret=NAME} names an existing secret readable with the default
 * credentials (or {@code -Dsecrets4j.aws-secrets-manager.profile=P}) in the region of
 * {@code -Dsecrets4j.aws-secrets-manager.region=R} (or {@code AWS_REGION}). Never run by default:
 * the default suite uses only the in-JVM fake.
 */
@EnabledIfSystemProperty(named = "secrets4j.aws.live.secret", matches = ".+")
class AwsSecretsManagerLiveTest {
  @Test
  void readsARealSecretAndMapsARealNotFound() {
    String name = System.getProperty("secrets4j.aws.live.secret");
    try (Secrets secrets = Secrets.builder().build()) {
      String value = secrets.secret("Live").provider(AwsTests.SLUG).parameter("name", name).build()
          .getValue();
      assertThat(value).isNotNull();
      assertThatThrownBy(() -> secrets.secret("Live Absent").provider(AwsTests.SLUG)
          .parameter("name", "secrets4j-absent-" + UUID.randomUUID()).build().getValue())
          .isExactlyInstanceOf(SecretValueNotFoundError.class)
          .hasMessageContaining("ResourceNotFoundException (HTTP 400)");
    }
  }
}
