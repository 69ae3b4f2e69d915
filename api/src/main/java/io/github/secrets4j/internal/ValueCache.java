package io.github.secrets4j.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.secrets4j.CacheStats;
import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.spi.CachePolicy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values of one provider, keyed by rendered parameters (never by the object they were
 * rendered for), with a ttl, refresh-ahead, stale-on-error, single flight and back-off.
 *
 * <ul>
 *   <li>Fresh (younger than ttl): served. Within the refresh-ahead window a background load is
 *       started (one per key) and the current value is still served.
 *   <li>Missing or expired: one caller loads, the others wait for its result (single flight).
 *   <li>The load fails with a provider failure: the last good value is served while it is younger
 *       than ttl + max-stale (a warning names the secret, never the value); the key backs off
 *       (1 s, doubling to 64 s) during which callers get the stale value or the last error without
 *       a backend call. "Not found", parameter and access errors are answers, not outages: they
 *       drop the value and are never served stale or backed off.
 * </ul>
 * Failures are never stored as values. Entries live at most ttl + max-stale, and at most
 * max-entries of them.
 */
final class ValueCache {
  private static final Logger LOG = LoggerFactory.getLogger(ValueCache.class);
  private static final long INITIAL_BACKOFF = Duration.ofSeconds(1).toNanos();
  private static final long MAX_BACKOFF = Duration.ofSeconds(64).toNanos();

  private final String slug;
  private final long ttl;
  private final long refreshAhead;
  private final long maxStale;
  private final LongSupplier nanoTime;
  private final Executor executor;
  private final Cache<Map<String, String>, Entry> values;
  private final Cache<Map<String, String>, Failure> failures;
  private final Map<Map<String, String>, CompletableFuture<Entry>> inflight = new ConcurrentHashMap<>();

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder loads = new LongAdder();
  private final LongAdder loadFailures = new LongAdder();
  private final LongAdder staleServes = new LongAdder();

  ValueCache(String slug, CachePolicy policy, LongSupplier nanoTime, Executor executor) {
    this.slug = slug;
    this.ttl = policy.ttl().toNanos();
    this.refreshAhead = Math.min(policy.refreshAhead().toNanos(), ttl);
    this.maxStale = policy.maxStale().toNanos();
    this.nanoTime = nanoTime;
    this.executor = executor;
    if (ttl > 0) {
      this.values = Caffeine.newBuilder()
          .maximumSize(policy.maxEntries())
          .expireAfterWrite(Duration.ofNanos(saturatedAdd(ttl, maxStale)))
          .ticker(nanoTime::getAsLong)
          .executor(Runnable::run)
          .build();
      this.failures = Caffeine.newBuilder()
          .maximumSize(policy.maxEntries())
          .expireAfterWrite(Duration.ofNanos(MAX_BACKOFF))
          .ticker(nanoTime::getAsLong)
          .executor(Runnable::run)
          .build();
    } else {
      this.values = null;
      this.failures = null;
    }
  }

  /**
   * Returns the value for {@code key}, from the cache or from {@code load}.
   *
   * @param secret the secret asking (named in logs; kept to refresh the entry in the background)
   * @param key the rendered parameters
   * @param load calls the provider; {@code refresh} does the same without the caller's object
   */
  String get(Secret secret, Map<String, String> key, Supplier<String> load, Supplier<String> refresh) {
    if (values == null) {
      return loadDirectly(load);
    }
    long now = nanoTime.getAsLong();
    Entry entry = values.getIfPresent(key);
    if (entry != null) {
      long age = now - entry.loadedAt;
      if (age < ttl) {
        hits.increment();
        if (refreshAhead > 0 && age >= ttl - refreshAhead) {
          refreshInBackground(secret, key, refresh);
        }
        return entry.value;
      }
    }
    misses.increment();
    Failure failure = failures.getIfPresent(key);
    if (failure != null && now < failure.retryAt) {
      return staleOrThrow(secret, entry, now, failure.error);
    }
    try {
      return loadOnce(key, load).value;
    } catch (SecretError e) {
      if (isOutage(e)) {
        return staleOrThrow(secret, entry, now, e);
      }
      throw e;
    }
  }

  private String staleOrThrow(Secret secret, Entry entry, long now, SecretError error) {
    if (entry != null && now - entry.loadedAt < saturatedAdd(ttl, maxStale)) {
      staleServes.increment();
      LOG.warn("Serving a stale value of secret \"{}\" (provider \"{}\"), {} ms past its ttl: {}",
          secret.name(), slug, Duration.ofNanos(now - entry.loadedAt - ttl).toMillis(),
          error.reason());
      return entry.value;
    }
    throw error;
  }

  private String loadDirectly(Supplier<String> load) {
    try {
      String value = load.get();
      loads.increment();
      return value;
    } catch (RuntimeException e) {
      loadFailures.increment();
      throw e;
    }
  }

  /** Loads the key once however many threads ask; the others wait for that load's outcome. */
  private Entry loadOnce(Map<String, String> key, Supplier<String> load) {
    CompletableFuture<Entry> mine = new CompletableFuture<>();
    CompletableFuture<Entry> running = inflight.putIfAbsent(key, mine);
    if (running != null) {
      return await(running);
    }
    return runLoad(key, load, mine);
  }

  private Entry runLoad(Map<String, String> key, Supplier<String> load, CompletableFuture<Entry> mine) {
    try {
      String value = load.get();
      loads.increment();
      Entry entry = new Entry(value, nanoTime.getAsLong());
      // An invalidation while loading removed our marker: then the value is not kept.
      if (inflight.get(key) == mine) {
        values.put(key, entry);
        failures.invalidate(key);
      }
      mine.complete(entry);
      return entry;
    } catch (RuntimeException e) {
      loadFailures.increment();
      if (e instanceof SecretError && isOutage((SecretError) e)) {
        backOff(key, (SecretError) e);
      } else if (e instanceof SecretError) {
        values.invalidate(key);
        failures.invalidate(key);
      }
      mine.completeExceptionally(e);
      throw e;
    } catch (Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inflight.remove(key, mine);
    }
  }

  private void refreshInBackground(Secret secret, Map<String, String> key, Supplier<String> refresh) {
    Failure failure = failures.getIfPresent(key);
    if (failure != null && nanoTime.getAsLong() < failure.retryAt) {
      return;
    }
    CompletableFuture<Entry> mine = new CompletableFuture<>();
    if (inflight.putIfAbsent(key, mine) != null) {
      return;
    }
    try {
      executor.execute(() -> {
        try {
          runLoad(key, refresh, mine);
        } catch (RuntimeException e) {
          LOG.debug("Refreshing secret \"{}\" (provider \"{}\") ahead of expiry failed: {}",
              secret.name(), slug, e instanceof SecretError ? ((SecretError) e).reason()
                  : e.getClass().getName());
        }
      });
    } catch (RejectedExecutionException e) {
      inflight.remove(key, mine);
      mine.cancel(false);
    }
  }

  private void backOff(Map<String, String> key, SecretError error) {
    Failure previous = failures.getIfPresent(key);
    int count = previous == null ? 1 : previous.count + 1;
    long delay = INITIAL_BACKOFF << Math.min(count - 1, 6);
    failures.put(key, new Failure(error, nanoTime.getAsLong() + Math.min(delay, MAX_BACKOFF), count));
  }

  private static boolean isOutage(SecretError error) {
    return !(error instanceof SecretValueNotFoundError
        || error instanceof SecretParametersError
        || error instanceof SecretAccessDeniedError);
  }

  private static Entry await(CompletableFuture<Entry> running) {
    try {
      return running.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw e;
    } catch (java.util.concurrent.CancellationException e) {
      throw new IllegalStateException("the load this request waited for was cancelled");
    }
  }

  /** Drops the value and any back-off for {@code key}; a load under way is not kept. */
  void invalidate(Map<String, String> key) {
    if (values != null) {
      inflight.remove(key);
      values.invalidate(key);
      failures.invalidate(key);
    }
  }

  /** Drops every value. */
  void invalidateAll() {
    if (values != null) {
      inflight.clear();
      values.invalidateAll();
      failures.invalidateAll();
    }
  }

  /** Drops the values whose key matches. */
  void invalidateIf(java.util.function.Predicate<Map<String, String>> matches) {
    if (values != null) {
      inflight.keySet().removeIf(matches);
      values.asMap().keySet().removeIf(matches);
      failures.asMap().keySet().removeIf(matches);
    }
  }

  CacheStats stats() {
    return new CacheStats(hits.sum(), misses.sum(), loads.sum(), loadFailures.sum(),
        staleServes.sum());
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  /** A cached value. Its {@code toString} shows only its age marker, never the value. */
  private static final class Entry {
    final String value;
    final long loadedAt;

    Entry(String value, long loadedAt) {
      this.value = value;
      this.loadedAt = loadedAt;
    }

    @Override
    public String toString() {
      return "Entry{loadedAt=" + loadedAt + "}";
    }
  }

  private static final class Failure {
    final SecretError error;
    final long retryAt;
    final int count;

    Failure(SecretError error, long retryAt, int count) {
      this.error = error;
      this.retryAt = retryAt;
      this.count = count;
    }
  }
}
