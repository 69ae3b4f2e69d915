package io.github.secrets4j.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.aws.fake.FakeSecretsManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client pool under regions chosen by {@code obj}: refused before anything is built when they
 * are not AWS region ids, bounded by {@code max-clients} when they are, and an evicted client
 * stays open until the call running on it ends.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AwsClientPoolTest {
  private FakeSecretsManager fake;

  @BeforeEach
  void start() {
    fake = FakeSecretsManager.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static AwsSecretsManagerProvider provider(Secrets secrets) {
    return (AwsSecretsManagerProvider) secrets.provider(AwsTests.SLUG).orElseThrow();
  }

  private static String read(Secrets secrets, String region) {
    return secrets.secret("Pooled").provider(AwsTests.SLUG)
        .parameter("name", "pooled").parameter("region", "{{ obj.region }}").build()
        .getValue(Map.of("region", region));
  }

  /** Threads of the SDK's clients (the scheduled executor each sync client starts). */
  private static long sdkThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("sdk-")).count();
  }

  @Test
  void inventedRegionsAreRefusedBeforeAnyClientOrThreadIsMade() {
    long threadsBefore = sdkThreads();
    // No endpoint override: only region ids of AWS's partitions are accepted.
    try (Secrets secrets = Secrets.builder().environment(AwsTests.defaultEnvironment()).build()) {
      for (int i = 0; i < 300; i++) {
        String invented = i % 3 == 0 ? "zz-invented-" + i
            : i % 3 == 1 ? "us-east-" + (100 + i) : "region" + i;
        assertThatThrownBy(() -> read(secrets, invented))
            .isExactlyInstanceOf(SecretParametersError.class)
            .hasMessageEndingWith("The \"region\" parameter '" + invented
                + "' is not an AWS region id such as eu-west-1");
      }
      assertThat(provider(secrets).liveClients()).isZero();
      assertThat(provider(secrets).openClients()).isZero();
    }
    assertThat(sdkThreads()).isLessThanOrEqualTo(threadsBefore);
  }

  @Test
  void regionIdsOfEveryPartitionAreAccepted() {
    for (String region : new String[] {"us-east-1", "eu-west-3", "ap-southeast-7", "il-central-1",
        "mx-central-1", "cn-north-1", "cn-northwest-1", "us-gov-west-1", "us-iso-east-1",
        "us-isob-east-1", "us-isof-south-1", "eu-isoe-west-1", "eusc-de-east-1"}) {
      assertThat(AwsSecretsManagerProvider.isRegion(region, false)).as(region).isTrue();
    }
    for (String region : new String[] {"zz-east-1", "us-east", "us-east-123", "us_east_1",
        "us-east-1\n", "aws-global", "us-east-1-fips", "local", ""}) {
      assertThat(AwsSecretsManagerProvider.isRegion(region, false)).as(region).isFalse();
    }
    assertThat(AwsSecretsManagerProvider.isRegion("local", true)).isTrue();
    assertThat(AwsSecretsManagerProvider.isRegion("x".repeat(51), true)).isFalse();
    assertThat(AwsSecretsManagerProvider.isRegion("a--b", true)).isFalse();
  }

  @Test
  @SuppressWarnings("try") // closed inside the block on purpose: the test checks what closing does
  void manyValidRegionsKeepThePoolAtItsBoundAndCloseTheEvicted() {
    for (int i = 0; i < 300; i++) {
      fake.putSecretString(FakeSecretsManager.DEFAULT_ACCOUNT, "test-" + i + "-1", "pooled",
          "v" + i);
    }
    long threadsBefore = sdkThreads();
    try (Secrets secrets = AwsTests.secrets(fake, Map.of(AwsTests.PREFIX + "max-clients", "4"))) {
      AwsSecretsManagerProvider provider = provider(secrets);
      for (int i = 0; i < 300; i++) {
        assertThat(read(secrets, "test-" + i + "-1")).isEqualTo("v" + i);
        assertThat(provider.openClients()).isLessThanOrEqualTo(4);
        assertThat(provider.liveClients()).as("evicted clients are closed").isLessThanOrEqualTo(4);
      }
      assertThat(provider.openClients()).isEqualTo(4);
      assertThat(provider.liveClients()).isEqualTo(4);
      assertThat(provider.toString()).contains("ClientPool{max=4, clients=[test-296-1, "
          + "test-297-1, test-298-1, test-299-1]}");
      // A client still in the pool is reused: no new one for the most recent region.
      assertThat(read(secrets, "test-299-1")).isEqualTo("v299");
      assertThat(provider.liveClients()).isEqualTo(4);
      assertThat(sdkThreads() - threadsBefore).as("SDK threads of 4 clients at most")
          .isLessThanOrEqualTo(4 * 2);
      secrets.close();
      assertThat(provider.liveClients()).isZero();
    }
    assertThat(fake.requestCount()).isEqualTo(301);
  }

  @Test
  void anEvictedClientStaysOpenUntilTheCallOnItEnds() throws Exception {
    fake.putSecretString(FakeSecretsManager.DEFAULT_ACCOUNT, "slow-1-1", "pooled", "slow");
    fake.putSecretString(FakeSecretsManager.DEFAULT_ACCOUNT, "fast-1-1", "pooled", "fast");
    try (Secrets secrets = AwsTests.secrets(fake, Map.of(AwsTests.PREFIX + "max-clients", "1",
        AwsTests.PREFIX + "max-attempts", "1"))) {
      AwsSecretsManagerProvider provider = provider(secrets);
      fake.delayNext(1, Duration.ofMillis(1500));
      CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> read(secrets, "slow-1-1"));
      while (fake.requestCount() == 0) {
        Thread.sleep(10);
      }
      // The slow call is in flight on the only client; a second region evicts that client.
      assertThat(read(secrets, "fast-1-1")).isEqualTo("fast");
      assertThat(provider.openClients()).isEqualTo(1);
      assertThat(provider.liveClients()).as("the evicted client waits for its call").isEqualTo(2);

      assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("slow");
      assertThat(provider.liveClients()).as("closed when its call ended").isEqualTo(1);
    }
  }

  @Test
  void closingTheRuntimeWhileACallRunsClosesThatClientWhenTheCallEnds() throws Exception {
    fake.putSecretString(FakeSecretsManager.DEFAULT_ACCOUNT, "slow-1-1", "pooled", "slow");
    Secrets secrets = AwsTests.secrets(fake, Map.of(AwsTests.PREFIX + "max-attempts", "1"));
    AwsSecretsManagerProvider provider = provider(secrets);
    fake.delayNext(1, Duration.ofMillis(1000));
    CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> read(secrets, "slow-1-1"));
    while (fake.requestCount() == 0) {
      Thread.sleep(10);
    }
    provider.close();
    assertThat(provider.openClients()).isZero();
    assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("slow");
    assertThat(provider.liveClients()).isZero();
    secrets.close();
  }
}
