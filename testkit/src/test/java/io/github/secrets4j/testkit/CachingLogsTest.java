package io.github.secrets4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.secrets4j.Secret;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.spi.CachePolicy;
import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretsProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The cache's stale-serving warning names the secret and never the value. */
class CachingLogsTest {
  @Test
  void staleWarningNamesTheSecretNotTheValue() {
    AtomicBoolean down = new AtomicBoolean();
    String canary = "canary-stale-" + System.nanoTime();
    SecretsProvider flaky = new SecretsProvider() {
      @Override
      public String slug() {
        return "flaky";
      }

      @Override
      public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.required("key", "the key"));
      }

      @Override
      public CachePolicy cachePolicy() {
        return CachePolicy.ttl(Duration.ofSeconds(10)).withMaxStale(Duration.ofMinutes(1));
      }

      @Override
      public String getValue(SecretRequest request) {
        if (down.get()) {
          throw request.providerError("backend is down");
        }
        return canary;
      }
    };
    AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
    CapturingLogs.clear();
    try (Secrets secrets = Secrets.builder().discoverProviders(false).provider(flaky)
        .timeSource(now::get).build()) {
      Secret secret = secrets.secret("Flaky Secret").provider("flaky").parameter("key", "k").build();
      assertThat(secret.getValue()).isEqualTo(canary);
      down.set(true);
      now.set(Instant.EPOCH.plusSeconds(11));
      assertThat(secret.getValue()).isEqualTo(canary);
    }
    assertThat(CapturingLogs.events())
        .anySatisfy(event -> assertThat(event)
            .startsWith("WARN ")
            .contains("Serving a stale value of secret \"Flaky Secret\" (provider \"flaky\")")
            .contains("backend is down"))
        .allSatisfy(event -> assertThat(event).doesNotContain(canary));
  }

  @Test
  void staleWarningEscapesAndBoundsWhatItPrints() {
    AtomicBoolean down = new AtomicBoolean();
    String hostile = "\n[ERROR] forged line \u202eexe.txt " + "k".repeat(10_000);
    SecretsProvider flaky = new SecretsProvider() {
      @Override
      public String slug() {
        return "flaky";
      }

      @Override
      public CachePolicy cachePolicy() {
        return CachePolicy.ttl(Duration.ofSeconds(10)).withMaxStale(Duration.ofMinutes(1));
      }

      @Override
      public String getValue(SecretRequest request) {
        if (down.get()) {
          // A careless provider that quotes a rendered parameter (from obj) unescaped.
          throw request.providerError("backend is down for " + request.parameter("key"));
        }
        return "value";
      }
    };
    AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
    CapturingLogs.clear();
    try (Secrets secrets = Secrets.builder().discoverProviders(false).provider(flaky)
        .timeSource(now::get).build()) {
      Secret secret = secrets.secret("Flaky\u2028Secret").provider("flaky")
          .parameter("key", "{{ obj.key }}").build();
      assertThat(secret.getValue(java.util.Map.of("key", hostile))).isEqualTo("value");
      down.set(true);
      now.set(Instant.EPOCH.plusSeconds(11));
      assertThat(secret.getValue(java.util.Map.of("key", hostile))).isEqualTo("value");
    }
    List<String> warnings = CapturingLogs.events().stream()
        .filter(event -> event.startsWith("WARN ")).toList();
    assertThat(warnings).singleElement().satisfies(event -> assertThat(event)
        .contains("Serving a stale value of secret \"Flaky\\u2028Secret\" (provider \"flaky\")")
        .contains("backend is down for \\u000a[ERROR] forged line \\u202eexe.txt kkk")
        .doesNotContain("\n", "\u202e", "\u2028")
        .hasSizeLessThan(2_500));
  }
}
