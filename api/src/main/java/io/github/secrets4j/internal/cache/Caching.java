package io.github.secrets4j.internal.cache;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.secrets4j.CacheStats;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.internal.settings.InvalidSettingException;
import io.github.secrets4j.internal.settings.SettingValues;
import io.github.secrets4j.internal.settings.Settings;
import io.github.secrets4j.spi.CachePolicy;
import io.github.secrets4j.spi.SecretsProvider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The value caches of one runtime, one per provider, each with the provider's declared
 * {@link CachePolicy} overridden by settings: {@code secrets4j.cache.<name>} for every provider,
 * {@code secrets4j.<slug>.cache.<name>} for one, where name is {@code ttl}, {@code refresh-ahead},
 * {@code max-stale}, {@code max-entries} or {@code jitter} (the percentage by which each entry's
 * ttl, and so its refresh point, is shortened at random; default {@value #DEFAULT_JITTER_PERCENT}).
 */
public final class Caching implements AutoCloseable {
  /** The default random spread of ttls, in percent. */
  public static final int DEFAULT_JITTER_PERCENT = 10;

  private final Settings settings;
  private final ValueCache.Timing timing;
  private final ThreadPoolExecutor ownExecutor;
  private final Map<String, ValueCache> caches = new ConcurrentHashMap<>();

  /**
   * @param settings the runtime's settings
   * @param ticker the clock of ttls, refreshes and back-offs ({@link Ticker#systemTicker()} in
   *     production)
   * @param executor runs refresh-ahead loads, or {@code null} for a small pool of daemon threads
   * @param random the source of the ttl spread, or {@code null} for {@link ThreadLocalRandom}
   */
  public Caching(Settings settings, Ticker ticker, Executor executor, RandomGenerator random) {
    this.settings = settings;
    if (executor == null) {
      AtomicInteger threads = new AtomicInteger();
      this.ownExecutor = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(1024), runnable -> {
            Thread thread = new Thread(runnable, "secrets4j-refresh-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          }, new ThreadPoolExecutor.AbortPolicy());
      this.ownExecutor.allowCoreThreadTimeOut(true);
      executor = ownExecutor;
    } else {
      this.ownExecutor = null;
    }
    this.timing = new ValueCache.Timing(ticker, Scheduler.systemScheduler(), executor,
        random != null ? random : new ThreadLocalRandomGenerator());
  }

  /**
   * Returns the cache of {@code provider}, created on first use with its effective policy.
   *
   * @param secretName the secret asking, for the error message
   * @throws SecretProviderError if a cache setting is invalid
   */
  public ValueCache cache(SecretsProvider provider, String secretName) {
    return caches.computeIfAbsent(provider.slug(), slug -> {
      try {
        return new ValueCache(provider, policy(provider), jitter(slug), timing);
      } catch (InvalidSettingException e) {
        throw new SecretProviderError(secretName, slug, e.getMessage());
      }
    });
  }

  /**
   * Returns the effective policy for {@code provider}: its declared one, overridden by settings.
   *
   * @throws InvalidSettingException naming the setting if one is invalid
   */
  CachePolicy policy(SecretsProvider provider) {
    String slug = provider.slug();
    CachePolicy policy = provider.cachePolicy() == null ? CachePolicy.none() : provider.cachePolicy();
    policy = duration(slug, "ttl").map(policy::withTtl).orElse(policy);
    policy = duration(slug, "refresh-ahead").map(policy::withRefreshAhead).orElse(policy);
    policy = duration(slug, "max-stale").map(policy::withMaxStale).orElse(policy);
    Optional<Map.Entry<String, String>> maxEntries = setting(slug, "max-entries");
    if (maxEntries.isPresent()) {
      String key = maxEntries.get().getKey();
      String value = maxEntries.get().getValue();
      long entries = SettingValues.whole(key, value);
      if (entries <= 0) {
        throw SettingValues.invalid(key, value, "a positive whole number");
      }
      policy = policy.withMaxEntries(entries);
    }
    return policy;
  }

  private double jitter(String slug) {
    Optional<Map.Entry<String, String>> setting = setting(slug, "jitter");
    if (setting.isEmpty()) {
      return DEFAULT_JITTER_PERCENT / 100.0;
    }
    String key = setting.get().getKey();
    String value = setting.get().getValue();
    long percent = -1;
    try {
      percent = SettingValues.whole(key, value.endsWith("%") ? value.replace("%", "") : value);
    } catch (InvalidSettingException e) {
      // Reported below, with the whole expectation.
    }
    if (percent < 0 || percent > 50) {
      throw SettingValues.invalid(key, value, "a percentage from 0 to 50, such as 10%");
    }
    return percent / 100.0;
  }

  private Optional<Duration> duration(String slug, String name) {
    return setting(slug, name).map(s -> SettingValues.duration(s.getKey(), s.getValue()));
  }

  private Optional<Map.Entry<String, String>> setting(String slug, String name) {
    String specific = "secrets4j." + slug + ".cache." + name;
    String global = "secrets4j.cache." + name;
    return settings.get(specific).map(v -> Map.entry(specific, v))
        .or(() -> settings.get(global).map(v -> Map.entry(global, v)));
  }

  /** Drops the values of provider {@code slug} whose rendered parameters match. */
  public void invalidate(String slug, Predicate<Map<String, String>> matches) {
    ValueCache cache = caches.get(slug);
    if (cache != null) {
      cache.invalidateIf(matches);
    }
  }

  /** Drops every cached value. */
  public void invalidateAll() {
    caches.values().forEach(ValueCache::invalidateAll);
  }

  /** Returns the counters of every provider asked so far, by slug. */
  public Map<String, CacheStats> stats() {
    Map<String, CacheStats> stats = new LinkedHashMap<>();
    caches.forEach((slug, cache) -> stats.put(slug, cache.stats()));
    return stats;
  }

  /** Drops every value and stops the refresh threads this runtime started. */
  @Override
  public void close() {
    invalidateAll();
    if (ownExecutor != null) {
      ownExecutor.shutdownNow();
    }
  }

  /** {@link ThreadLocalRandom} of the calling thread, as a shareable generator. */
  private static final class ThreadLocalRandomGenerator implements RandomGenerator {
    @Override
    public long nextLong() {
      return ThreadLocalRandom.current().nextLong();
    }

    @Override
    public double nextDouble() {
      return ThreadLocalRandom.current().nextDouble();
    }
  }
}
