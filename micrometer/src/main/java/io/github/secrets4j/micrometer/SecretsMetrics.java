package io.github.secrets4j.micrometer;

import io.github.secrets4j.CacheStats;
import io.github.secrets4j.SecretChange;
import io.github.secrets4j.Secrets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * Publishes a {@link Secrets} runtime's cache counters ({@link Secrets#stats()}) and the changes
 * of secret values it sees ({@link Secrets#onAnyChange}) to a Micrometer {@link MeterRegistry}.
 * Every meter has the tag {@code provider} (a provider slug), one for each provider of the
 * runtime, wired or discovered ({@link Secrets#providerSlugs()} when bound):
 *
 * <ul>
 *   <li>{@value #HITS}: requests answered from the cache;
 *   <li>{@value #MISSES}: requests that found no usable value and asked the provider;
 *   <li>{@value #LOADS}: successful calls to the provider, refreshes included;
 *   <li>{@value #LOAD_FAILURES}: calls to the provider that failed;
 *   <li>{@value #STALE_SERVES}: requests answered with a value past its ttl because the provider
 *       failed;
 *   <li>{@value #CHANGES}: loads that found a value different from the one loaded before for
 *       the same parameters, counted from {@link #bindTo} on (see {@link Secrets#onAnyChange}).
 * </ul>
 *
 * <p>The first five are function counters read from {@link Secrets#stats()} when the registry
 * publishes (they hold the runtime weakly, as Micrometer's function counters do); the last is a
 * counter. No meter, tag or description holds a secret value. {@link #close()} ends the
 * subscription to changes.
 */
public final class SecretsMetrics implements MeterBinder, AutoCloseable {
  /** The name of the cache hit counter. */
  public static final String HITS = "secrets4j.cache.hits";
  /** The name of the cache miss counter. */
  public static final String MISSES = "secrets4j.cache.misses";
  /** The name of the successful load counter. */
  public static final String LOADS = "secrets4j.cache.loads";
  /** The name of the failed load counter. */
  public static final String LOAD_FAILURES = "secrets4j.cache.load.failures";
  /** The name of the stale serve counter. */
  public static final String STALE_SERVES = "secrets4j.cache.stale.serves";
  /** The name of the counter of changed values. */
  public static final String CHANGES = "secrets4j.changes";
  /** The tag that names the provider. */
  public static final String PROVIDER_TAG = "provider";

  private final Secrets secrets;
  // One subscription per registry (by identity): binding a registry again counts nothing twice.
  private final Map<MeterRegistry, AutoCloseable> subscriptions = new IdentityHashMap<>();

  /**
   * Makes the binder of a runtime's metrics; nothing is registered until {@link #bindTo}.
   *
   * @param secrets the runtime (or view) whose counters to publish
   * @throws NullPointerException if {@code secrets} is null
   */
  public SecretsMetrics(Secrets secrets) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
  }

  /**
   * Registers the meters with {@code registry} and subscribes to the runtime's changes, which
   * are counted in the thread that loaded the new value. Binding a registry this binder is
   * bound to already does nothing.
   *
   * @param registry the registry
   * @throws NullPointerException if {@code registry} is null
   * @throws IllegalStateException if the runtime is closed
   * @throws UnsupportedOperationException if the runtime is a view made by
   *     {@link Secrets#forPrincipal}
   */
  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    if (subscriptions.containsKey(registry)) {
      return;
    }
    // First, so that a closed runtime registers nothing.
    subscriptions.put(registry,
        secrets.onAnyChange(change -> changes(registry, change.provider()).increment()));
    for (String provider : secrets.providerSlugs()) {
      counter(registry, HITS, provider, CacheStats::hits, "Requests answered from the cache");
      counter(registry, MISSES, provider, CacheStats::misses,
          "Requests that found no usable cached value and asked the provider");
      counter(registry, LOADS, provider, CacheStats::loads,
          "Successful calls to the provider, refreshes included");
      counter(registry, LOAD_FAILURES, provider, CacheStats::loadFailures,
          "Calls to the provider that failed");
      counter(registry, STALE_SERVES, provider, CacheStats::staleServes,
          "Requests answered with a value past its ttl because the provider failed");
      changes(registry, provider);
    }
  }

  private void counter(MeterRegistry registry, String name, String provider,
      ToLongFunction<CacheStats> count, String description) {
    FunctionCounter.builder(name, secrets,
            runtime -> count.applyAsLong(runtime.stats().provider(provider)))
        .tag(PROVIDER_TAG, provider)
        .description(description)
        .register(registry);
  }

  private static Counter changes(MeterRegistry registry, String provider) {
    return Counter.builder(CHANGES)
        .tag(PROVIDER_TAG, provider)
        .description("Loads that found a secret value different from the one loaded before")
        .register(registry);
  }

  /**
   * Stops counting changes, for every registry this binder was bound to; the function counters
   * stay registered (remove them from the registry to drop them). Idempotent.
   */
  @Override
  public synchronized void close() {
    for (AutoCloseable subscription : subscriptions.values()) {
      try {
        subscription.close();
      } catch (Exception e) {
        // The runtime's subscriptions throw nothing.
        throw new IllegalStateException(e);
      }
    }
    subscriptions.clear();
  }

  @Override
  public String toString() {
    return "SecretsMetrics{" + secrets + "}";
  }
}
