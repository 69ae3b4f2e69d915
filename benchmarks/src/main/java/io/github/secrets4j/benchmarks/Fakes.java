package io.github.secrets4j.benchmarks;

import io.github.secrets4j.Secrets;
import io.github.secrets4j.aws.fake.FakeSecretsManager;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Runtimes and clients wired to the in-JVM fakes of {@code secrets4j-fakes}. */
final class Fakes {
  static final String AWS_SLUG = "aws-secrets-manager";

  private Fakes() {}

  /** A secrets4j runtime whose AWS provider talks to {@code fake}; extra settings win. */
  static Secrets awsRuntime(FakeSecretsManager fake, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>();
    settings.put("secrets4j.aws-secrets-manager.endpoint", fake.endpoint().toString());
    settings.put("secrets4j.aws-secrets-manager.region", FakeSecretsManager.DEFAULT_REGION);
    settings.putAll(extra);
    return Secrets.builder()
        .settings(settings)
        .environment(Map.of(
            "AWS_ACCESS_KEY_ID", FakeSecretsManager.DEFAULT_ACCESS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY", FakeSecretsManager.DEFAULT_SECRET_ACCESS_KEY))
        .build();
  }

  /** A plain SDK client for {@code fake}, as the AWS caching client is given one. */
  static SecretsManagerClient awsClient(FakeSecretsManager fake) {
    return SecretsManagerClient.builder()
        .endpointOverride(fake.endpoint())
        .region(Region.of(FakeSecretsManager.DEFAULT_REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            FakeSecretsManager.DEFAULT_ACCESS_KEY_ID, FakeSecretsManager.DEFAULT_SECRET_ACCESS_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
