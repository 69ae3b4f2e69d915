package io.github.secrets4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.testkit.InMemorySecretsProvider;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SecretsMetrics on a SimpleMeterRegistry, with the cache driven by an injected clock. */
class SecretsMetricsTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
  private final InMemorySecretsProvider store =
      InMemorySecretsProvider.create(now::get).put("db", "canary-v1");
  private final Secrets secrets = Secrets.builder().discoverProviders(false).provider(store)
      .timeSource(now::get).random(() -> 0L)
      .setting("secrets4j.in-memory.cache.ttl", "10s").build();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SecretsMetrics metrics = new SecretsMetrics(secrets);

  @AfterEach
  void close() {
    metrics.close();
    secrets.close();
  }

  private double count(String name) {
    return registry.get(name).tag("provider", "in-memory").functionCounter().count();
  }

  private double changes() {
    return registry.get(SecretsMetrics.CHANGES).tag("provider", "in-memory").counter().count();
  }

  @Test
  void publishesTheCacheCountersPerProvider() {
    metrics.bindTo(registry);
    assertThat(count(SecretsMetrics.HITS)).as("registered before the first request").isZero();
    Secret secret = secrets.secret("DB").provider("in-memory").parameter("key", "db").build();
    secret.getValue();
    secret.getValue();
    secret.getValue();
    Secret missing = secrets.secret("Missing").provider("in-memory")
        .parameter("key", "missing").build();
    assertThatThrownBy(missing::getValue).isInstanceOf(SecretValueNotFoundError.class);
    assertThat(count(SecretsMetrics.HITS)).isEqualTo(2);
    assertThat(count(SecretsMetrics.MISSES)).isEqualTo(2);
    assertThat(count(SecretsMetrics.LOADS)).isEqualTo(1);
    assertThat(count(SecretsMetrics.LOAD_FAILURES)).isEqualTo(1);
    assertThat(count(SecretsMetrics.STALE_SERVES)).isZero();
    assertThat(secrets.stats().provider("in-memory").hits()).isEqualTo(2);
  }

  @Test
  void countsChangedValuesFromBindingOn() {
    metrics.bindTo(registry);
    assertThat(changes()).isZero();
    Secret secret = secrets.secret("DB").provider("in-memory").parameter("key", "db").build();
    secret.getValue();
    now.set(Instant.EPOCH.plusSeconds(10));
    secret.getValue();
    assertThat(changes()).as("an equal value is no change").isZero();
    store.put("db", "canary-v2");
    now.set(Instant.EPOCH.plusSeconds(20));
    assertThat(secret.getValue()).isEqualTo("canary-v2");
    assertThat(changes()).isEqualTo(1);
    secrets.invalidateAll();
    store.put("db", "canary-v3");
    secret.getValue();
    assertThat(changes()).isEqualTo(2);

    metrics.close();
    metrics.close();
    store.put("db", "canary-v4");
    secrets.invalidateAll();
    secret.getValue();
    assertThat(changes()).as("closed: no longer counted").isEqualTo(2);
  }

  @Test
  void noMeterShowsAValue() {
    metrics.bindTo(registry);
    Secret secret = secrets.secret("DB").provider("in-memory").parameter("key", "db").build();
    secret.getValue();
    store.put("db", "canary-v2");
    secrets.invalidateAll();
    secret.getValue();
    assertThat(registry.getMeters()).isNotEmpty().allSatisfy(meter -> {
      Meter.Id id = meter.getId();
      assertThat(id.toString()).doesNotContain("canary");
      assertThat(String.valueOf(id.getDescription())).doesNotContain("canary");
    });
    assertThat(registry.getMetersAsString()).doesNotContain("canary");
    assertThat(metrics.toString()).doesNotContain("canary");
  }

  @Test
  void checksItsArguments() {
    assertThatThrownBy(() -> new SecretsMetrics(null))
        .isInstanceOf(NullPointerException.class).hasMessage("secrets");
    assertThatThrownBy(() -> metrics.bindTo(null))
        .isInstanceOf(NullPointerException.class).hasMessage("registry");
    secrets.close();
    assertThatThrownBy(() -> metrics.bindTo(registry)).isInstanceOf(IllegalStateException.class);
    assertThat(registry.getMeters()).as("nothing registered for a closed runtime").isEmpty();
  }

  @Test
  void bindingTheSameRegistryTwiceCountsEachChangeOnce() {
    metrics.bindTo(registry);
    metrics.bindTo(registry);
    Secret secret = secrets.secret("DB").provider("in-memory").parameter("key", "db").build();
    secret.getValue();
    store.put("db", "canary-v2");
    secrets.invalidateAll();
    secret.getValue();
    assertThat(changes()).isEqualTo(1);
    SimpleMeterRegistry other = new SimpleMeterRegistry();
    metrics.bindTo(other);
    store.put("db", "canary-v3");
    secrets.invalidateAll();
    secret.getValue();
    assertThat(changes()).isEqualTo(2);
    assertThat(other.get(SecretsMetrics.CHANGES).tag("provider", "in-memory").counter().count())
        .isEqualTo(1);
    metrics.close();
    metrics.bindTo(registry);
    store.put("db", "canary-v4");
    secrets.invalidateAll();
    secret.getValue();
    assertThat(changes()).as("bound again after close").isEqualTo(3);
  }
}
