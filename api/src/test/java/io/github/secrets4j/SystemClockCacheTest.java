package io.github.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.spi.CachePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache on the system clock, where hits read no clock and timers retire entries. These tests
 * wait (boundedly) for expiry to happen; they assert what happens, never how fast.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SystemClockCacheTest {
  private final Map<String, String> store = new ConcurrentHashMap<>(Map.of("db", "v1"));
  private final TestProviders.Scripted provider = TestProviders.Scripted.of("remote", store);

  private static void eventually(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(10);
    }
  }

  @Test
  void entriesExpireOnTheirTimer() throws InterruptedException {
    provider.policy = CachePolicy.ttl(Duration.ofMillis(200));
    try (Secrets secrets = Secrets.builder().discoverProviders(false).provider(provider).build()) {
      Secret secret = secrets.secret("DB").provider("remote").parameter("key", "db").build();
      assertThat(secret.getValue()).isEqualTo("v1");
      store.put("db", "v2");
      eventually(() -> secret.getValue().equals("v2"));
      assertThat(provider.calls.get()).isEqualTo(2);
    }
  }

  @Test
  void afterExpiryAFailingBackendServesTheStaleValue() throws InterruptedException {
    TestProviders.Scripted flaky = new TestProviders.Scripted("flaky", request -> {
      if (store.get("db").equals("down")) {
        throw request.providerError("backend down");
      }
      return store.get("db");
    });
    flaky.policy = CachePolicy.ttl(Duration.ofMillis(100)).withMaxStale(Duration.ofMinutes(10));
    try (Secrets secrets = Secrets.builder().discoverProviders(false).provider(flaky).build()) {
      Secret secret = secrets.secret("DB").provider("flaky").parameter("key", "db").build();
      assertThat(secret.getValue()).isEqualTo("v1");
      store.put("db", "down");
      eventually(() -> secrets.stats().provider("flaky").staleServes() > 0 || !secret.getValue().equals("v1"));
      assertThat(secret.getValue()).isEqualTo("v1");
      assertThat(secrets.stats().provider("flaky").staleServes()).isPositive();
    }
  }

  @Test
  void refreshAheadReplacesTheValueInTheBackground() throws InterruptedException {
    provider.policy = CachePolicy.ttl(Duration.ofMinutes(10)).withRefreshAhead(Duration.ofMinutes(10).minusMillis(100));
    try (Secrets secrets = Secrets.builder().discoverProviders(false).provider(provider).build()) {
      Secret secret = secrets.secret("DB").provider("remote").parameter("key", "db").build();
      assertThat(secret.getValue()).isEqualTo("v1");
      store.put("db", "v2");
      // From 100 ms on, a read starts one background refresh; the ttl is far away.
      eventually(() -> secret.getValue().equals("v2"));
      assertThat(secrets.stats().provider("remote").misses()).as("never a synchronous reload").isEqualTo(1);
    }
  }

  @Test
  void underRulesAreCheckedOnEveryRequestEvenForRememberedSecrets(@TempDir Path dir) throws IOException {
    Path root = Files.createDirectories(dir.resolve("root"));
    Path file = Files.writeString(root.resolve("db.txt"), "x");
    Path outside = Files.writeString(dir.resolve("outside.txt"), "y");
    TestProviders.Scripted files = new TestProviders.Scripted("text-file", request -> "read");
    SecretsPolicy policy = SecretsPolicy.builder()
        .allow("text-file", rule -> rule.under("path", root.toString())).build();
    try (Secrets secrets = Secrets.builder().discoverProviders(false).provider(files).policy(policy).build()) {
      Secret secret = secrets.secret("F").provider("text-file").parameter("path", file.toString()).build();
      assertThat(secret.getValue()).isEqualTo("read");
      Files.delete(file);
      Files.createSymbolicLink(file, outside);
      assertThatThrownBy(secret::getValue).isInstanceOf(SecretAccessDeniedError.class);
    }
  }

  @Test
  void staticPolicyDecisionsAreRememberedButInvalidationStillWorks() {
    provider.policy = CachePolicy.ttl(Duration.ofMinutes(5));
    try (Secrets secrets = Secrets.builder().discoverProviders(false).provider(provider)
        .policy(SecretsPolicy.builder().allow("remote", rule -> rule.equalTo("key", "db")).build()).build()) {
      Secret secret = secrets.secret("DB").provider("remote").parameter("key", "db").build();
      for (int i = 0; i < 1000; i++) {
        assertThat(secret.getValue()).isEqualTo("v1");
      }
      store.put("db", "v2");
      secrets.invalidate(secret);
      assertThat(secret.getValue()).isEqualTo("v2");
      assertThat(provider.calls.get()).isEqualTo(2);
      assertThat(secrets.stats().provider("remote").hits()).isEqualTo(999);
    }
  }

  @Test
  void anExpiredValueLeavesMemoryWithoutAnotherRead() throws InterruptedException {
    TestProviders.Scripted fresh = new TestProviders.Scripted("fresh",
        request -> new String("a value only the cache holds"));
    fresh.policy = CachePolicy.ttl(Duration.ofMillis(200));
    try (Secrets secrets = Secrets.builder().discoverProviders(false).provider(fresh).build()) {
      Secret secret = secrets.secret("F").provider("fresh").build();
      java.lang.ref.WeakReference<String> value = new java.lang.ref.WeakReference<>(secret.getValue());
      // Caffeine's scheduler removes the entry at its expiry; nothing reads it again.
      eventually(() -> {
        System.gc();
        return value.get() == null;
      });
      assertThat(fresh.calls.get()).isEqualTo(1);
    }
  }
}
