package io.github.secrets4j.internal;

import io.github.secrets4j.CacheStats;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.spi.CachePolicy;
import io.github.secrets4j.spi.SecretsProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The value caches of one runtime, one per provider, each with the provider's declared
 * {@link CachePolicy} overridden by settings: {@code secrets4j.cache.<name>} for every provider,
 * {@code secrets4j.<slug>.cache.<name>} for one, where name is {@code ttl}, {@code refresh-ahead},
 * {@code max-stale} or {@code max-entries}.
 */
public final class Caching implements AutoCloseable {
  private final Settings settings;
  private final LongSupplier nanoTime;
  private final boolean clockDriven;
  private volatile ScheduledThreadPoolExecutor scheduler;
  private final Executor executor;
  private final ThreadPoolExecutor ownExecutor;
  private final Map<String, ValueCache> caches = new ConcurrentHashMap<>();

  /**
   * @param settings the runtime's settings
   * @param timeSource the clock for ttls, or {@code null} for {@link System#nanoTime()}
   * @param executor runs refresh-ahead loads, or {@code null} for a small pool of daemon threads
   */
  public Caching(Settings settings, InstantSource timeSource, Executor executor) {
    this.settings = settings;
    this.clockDriven = timeSource != null;
    this.nanoTime = timeSource == null ? System::nanoTime : () -> nanos(timeSource.instant());
    if (executor != null) {
      this.executor = executor;
      this.ownExecutor = null;
    } else {
      AtomicInteger threads = new AtomicInteger();
      this.ownExecutor = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(1024), runnable -> {
            Thread thread = new Thread(runnable, "secrets4j-refresh-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          }, new ThreadPoolExecutor.AbortPolicy());
      this.ownExecutor.allowCoreThreadTimeOut(true);
      this.executor = ownExecutor;
    }
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  /**
   * Returns the value cache of {@code provider}, created on first use with its effective policy.
   *
   * @throws SecretProviderError if a cache setting is invalid
   */
  public ValueCache cache(SecretsProvider provider, String secretName) {
    ValueCache cache = caches.get(provider.slug());
    if (cache != null) {
      return cache;
    }
    return caches.computeIfAbsent(provider.slug(), slug -> {
      CachePolicy policy = policy(provider, secretName);
      return new ValueCache(provider, policy, nanoTime, clockDriven,
          policy.enabled() && !clockDriven ? scheduler() : null, executor);
    });
  }

  private ScheduledThreadPoolExecutor scheduler() {
    ScheduledThreadPoolExecutor existing = scheduler;
    if (existing != null) {
      return existing;
    }
    synchronized (this) {
      if (scheduler == null) {
        ScheduledThreadPoolExecutor created = new ScheduledThreadPoolExecutor(1, runnable -> {
          Thread thread = new Thread(runnable, "secrets4j-expiry");
          thread.setDaemon(true);
          return thread;
        });
        created.setRemoveOnCancelPolicy(true);
        created.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler = created;
      }
      return scheduler;
    }
  }

  /**
   * Returns the effective policy for {@code provider}: its declared one, overridden by settings.
   *
   * @throws SecretProviderError naming the setting if one is invalid
   */
  public CachePolicy policy(SecretsProvider provider, String secretName) {
    CachePolicy declared = provider.cachePolicy();
    CachePolicy policy = declared == null ? CachePolicy.none() : declared;
    String slug = provider.slug();
    Optional<Duration> ttl = duration(slug, "ttl", secretName);
    if (ttl.isPresent()) {
      policy = policy.withTtl(ttl.get());
    }
    Optional<Duration> refreshAhead = duration(slug, "refresh-ahead", secretName);
    if (refreshAhead.isPresent()) {
      policy = policy.withRefreshAhead(refreshAhead.get());
    }
    Optional<Duration> maxStale = duration(slug, "max-stale", secretName);
    if (maxStale.isPresent()) {
      policy = policy.withMaxStale(maxStale.get());
    }
    Optional<Map.Entry<String, String>> maxEntries = setting(slug, "max-entries");
    if (maxEntries.isPresent()) {
      try {
        policy = policy.withMaxEntries(Long.parseLong(maxEntries.get().getValue().strip()));
      } catch (IllegalArgumentException e) {
        throw invalid(slug, secretName, maxEntries.get(), "a positive whole number");
      }
    }
    return policy;
  }

  private Optional<Duration> duration(String slug, String name, String secretName) {
    Optional<Map.Entry<String, String>> setting = setting(slug, name);
    if (setting.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Durations.parse(setting.get().getValue()));
    } catch (IllegalArgumentException e) {
      throw invalid(slug, secretName, setting.get(), "a duration such as 0, 30s, 5m or PT5M");
    }
  }

  private Optional<Map.Entry<String, String>> setting(String slug, String name) {
    String specific = "secrets4j." + slug + ".cache." + name;
    Optional<String> value = settings.get(specific);
    if (value.isPresent()) {
      return Optional.of(Map.entry(specific, value.get()));
    }
    String global = "secrets4j.cache." + name;
    return settings.get(global).map(v -> Map.entry(global, v));
  }

  private static SecretProviderError invalid(
      String slug, String secretName, Map.Entry<String, String> setting, String expected) {
    return new SecretProviderError(secretName, slug, "Setting " + setting.getKey() + " must be "
        + expected + ", not \"" + setting.getValue().strip() + "\"");
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
    ScheduledThreadPoolExecutor timers = scheduler;
    if (timers != null) {
      timers.shutdownNow();
    }
  }
}
