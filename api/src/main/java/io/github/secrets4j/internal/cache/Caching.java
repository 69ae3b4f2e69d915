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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
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
  private final Changes changes;

  /**
   * @param settings the runtime's settings
   * @param ticker the clock of ttls, refreshes and back-offs ({@link Ticker#systemTicker()} in
   *     production)
   * @param executor runs refresh-ahead loads, or {@code null} for a small pool of daemon threads
   * @param random the source of the ttl spread, or {@code null} for {@link ThreadLocalRandom}
   * @param changes the runtime's change listeners
   */
  public Caching(Settings settings, Ticker ticker, Executor executor, RandomGenerator random,
      Changes changes) {
    this.settings = settings;
    this.changes = changes;
    if (executor == null) {
      this.ownExecutor = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(1024), new RefreshThreads(), new ThreadPoolExecutor.AbortPolicy());
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
    ValueCache cache = caches.get(provider.slug());
    return cache != null ? cache : create(provider, secretName);
  }

  private synchronized ValueCache create(SecretsProvider provider, String secretName) {
    String slug = provider.slug();
    ValueCache cache = caches.get(slug);
    if (cache == null) {
      try {
        cache = new ValueCache(provider, policy(provider), jitter(slug), timing, changes);
      } catch (InvalidSettingException e) {
        throw new SecretProviderError(secretName, slug, e.getMessage());
      }
      caches.put(slug, cache);
    }
    return cache;
  }

  /**
   * Returns the effective policy for {@code provider}, the one its cache uses.
   *
   * @param secretName the secret (or what) is asking, for the error message
   * @throws SecretProviderError naming the setting if one is invalid
   */
  public CachePolicy effectivePolicy(SecretsProvider provider, String secretName) {
    try {
      return policy(provider);
    } catch (InvalidSettingException e) {
      throw new SecretProviderError(secretName, provider.slug(), e.getMessage());
    }
  }

  /**
   * Returns the effective policy for {@code provider}: its declared one, overridden by settings.
   *
   * @throws InvalidSettingException naming the setting if one is invalid
   */
  CachePolicy policy(SecretsProvider provider) {
    String slug = provider.slug();
    CachePolicy policy = provider.cachePolicy() == null ? CachePolicy.none() : provider.cachePolicy();
    String[] ttl = setting(slug, "ttl");
    if (ttl != null) {
      policy = policy.withTtl(SettingValues.duration(ttl[0], ttl[1]));
    }
    String[] refreshAhead = setting(slug, "refresh-ahead");
    if (refreshAhead != null) {
      policy = policy.withRefreshAhead(SettingValues.duration(refreshAhead[0], refreshAhead[1]));
    }
    String[] maxStale = setting(slug, "max-stale");
    if (maxStale != null) {
      policy = policy.withMaxStale(SettingValues.duration(maxStale[0], maxStale[1]));
    }
    String[] maxEntries = setting(slug, "max-entries");
    if (maxEntries != null) {
      long entries = SettingValues.whole(maxEntries[0], maxEntries[1]);
      if (entries <= 0) {
        throw SettingValues.invalid(maxEntries[0], maxEntries[1], "a positive whole number");
      }
      policy = policy.withMaxEntries(entries);
    }
    return policy;
  }

  private double jitter(String slug) {
    String[] setting = setting(slug, "jitter");
    if (setting == null) {
      return DEFAULT_JITTER_PERCENT / 100.0;
    }
    String key = setting[0];
    String value = setting[1];
    long percent = -1;
    try {
      percent = SettingValues.whole(key,
          value.endsWith("%") ? value.substring(0, value.length() - 1) : value);
    } catch (InvalidSettingException e) {
      // Reported below, with the whole expectation.
    }
    if (percent < 0 || percent > 50) {
      throw SettingValues.invalid(key, value, "a percentage from 0 to 50, such as 10%");
    }
    return percent / 100.0;
  }

  /** The provider's own setting if set, else the one for every provider: {name, value}. */
  private String[] setting(String slug, String name) {
    String specific = "secrets4j." + slug + ".cache." + name;
    Optional<String> value = settings.get(specific);
    if (value.isPresent()) {
      return new String[] {specific, value.get()};
    }
    String global = "secrets4j.cache." + name;
    value = settings.get(global);
    return value.isPresent() ? new String[] {global, value.get()} : null;
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

  /**
   * Returns the runtime's change listeners.
   *
   * @return the listeners every cache of this runtime tells
   */
  public Changes changes() {
    return changes;
  }

  /** Drops every value and stops the refresh threads this runtime started. */
  @Override
  public void close() {
    caches.values().forEach(ValueCache::close);
    if (ownExecutor != null) {
      ownExecutor.shutdownNow();
    }
  }

  /** Daemon threads named secrets4j-refresh-N. */
  private static final class RefreshThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, "secrets4j-refresh-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
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
