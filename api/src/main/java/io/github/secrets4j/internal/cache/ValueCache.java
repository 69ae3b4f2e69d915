package io.github.secrets4j.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalListener;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.secrets4j.CacheStats;
import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.spi.CachePolicy;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretsProvider;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values of one provider, keyed by rendered parameters (never by the object they were
 * rendered for), with a ttl, refresh-ahead, stale-on-error, single flight and back-off.
 *
 * <ul>
 *   <li>Fresh: served. Within the refresh-ahead window one background load is started and the
 *       current value is still served.
 *   <li>Missing or expired: one caller loads, the others wait for its result (single flight).
 *   <li>The load fails with an outage: the last good value is served while it is younger than
 *       ttl + max-stale (a warning names the secret, never the value); the key backs off (1 s,
 *       doubling to 64 s), during which callers get the stale value or the last error without a
 *       backend call. "Not found", parameter and access errors are answers, not outages: they drop
 *       the value and are never served stale or backed off.
 * </ul>
 *
 * <p>Reading the clock costs more than a whole cache hit, so hits do not: with the system clock,
 * a scheduler flips each entry's {@code fresh} (at ttl) and {@code refreshDue} (at ttl minus
 * refresh-ahead) flags. With an explicit time source (tests), hits compare times instead.
 * Failures are never stored as values. Entries live at most ttl + max-stale, and at most
 * max-entries of them.
 */
public final class ValueCache {
  private static final Logger LOG = LoggerFactory.getLogger(ValueCache.class);
  private static final long INITIAL_BACKOFF = Duration.ofSeconds(1).toNanos();
  private static final long MAX_BACKOFF = Duration.ofSeconds(64).toNanos();

  private final SecretsProvider provider;
  private final long ttl;
  private final long refreshAhead;
  private final long maxStale;
  private final LongSupplier nanoTime;
  private final boolean clockDriven;
  private final ScheduledExecutorService scheduler;
  private final Executor executor;
  private final Cache<Map<String, String>, Entry> values;
  private final Cache<Map<String, String>, Failure> failures;
  private final Map<Map<String, String>, CompletableFuture<Entry>> inflight = new ConcurrentHashMap<>();

  private final HitCounter hits = new HitCounter();
  private final LongAdder misses = new LongAdder();
  private final LongAdder loads = new LongAdder();
  private final LongAdder loadFailures = new LongAdder();
  private final LongAdder staleServes = new LongAdder();

  /**
   * @param nanoTime the clock; when {@code clockDriven} is false it is the system's and
   *     {@code scheduler} flips the entries' flags
   */
  ValueCache(SecretsProvider provider, CachePolicy policy, LongSupplier nanoTime,
      boolean clockDriven, ScheduledExecutorService scheduler, Executor executor) {
    this.provider = provider;
    this.ttl = policy.ttl().toNanos();
    this.refreshAhead = Math.min(policy.refreshAhead().toNanos(), ttl);
    this.maxStale = policy.maxStale().toNanos();
    this.nanoTime = nanoTime;
    this.clockDriven = clockDriven;
    this.scheduler = scheduler;
    this.executor = executor;
    if (ttl > 0) {
      Ticker ticker = clockDriven ? nanoTime::getAsLong : Ticker.systemTicker();
      RemovalListener<Map<String, String>, Entry> retire = (key, entry, cause) -> {
        if (entry != null) {
          entry.remove();
        }
      };
      Caffeine<Object, Object> builder = Caffeine.newBuilder()
          .maximumSize(policy.maxEntries())
          .executor(Runnable::run);
      if (clockDriven) {
        builder.expireAfterWrite(Duration.ofNanos(saturatedAdd(ttl, maxStale))).ticker(ticker);
      }
      // With the system clock, the entry's own timers retire it and then drop it, so lookups
      // need not read the clock.
      this.values = builder.<Map<String, String>, Entry>removalListener(retire).build();
      this.failures = Caffeine.newBuilder()
          .maximumSize(policy.maxEntries())
          .expireAfterWrite(Duration.ofNanos(MAX_BACKOFF))
          .ticker(ticker)
          .executor(Runnable::run)
          .build();
    } else {
      this.values = null;
      this.failures = null;
    }
  }

  /** Returns whether this provider's values are cached at all. */
  public boolean enabled() {
    return values != null;
  }

  /** Calls the provider without caching (ttl 0), counting the load. */
  public String loadDirectly(SecretsProvider provider, SecretRequest request) {
    try {
      String value = Fetch.fetch(provider, request.secret(), request);
      loads.increment();
      return value;
    } catch (RuntimeException e) {
      loadFailures.increment();
      throw e;
    }
  }

  /**
   * Serves a known entry if it is still fresh, starting a refresh when one is due.
   *
   * @return the value, or {@code null} when the entry is no longer fresh
   */
  String hit(Entry entry, Secret secret) {
    String value = entry.value;
    if (value == null || !entry.fresh) {
      return null;
    }
    if (clockDriven) {
      long age = nanoTime.getAsLong() - entry.loadedAt;
      if (age >= ttl) {
        return null;
      }
      if (refreshAhead > 0 && age >= ttl - refreshAhead) {
        refreshInBackground(secret, entry);
      }
    } else if (entry.refreshDue) {
      refreshInBackground(secret, entry);
    }
    hits.increment();
    return value;
  }

  /**
   * Returns the entry for {@code key}: the cached one, or a new one loaded once however many
   * threads ask.
   *
   * @param obj the object the caller asked with, handed to the provider on a load, never kept
   */
  public Entry get(Secret secret, Map<String, String> key, Object obj) {
    Entry entry = values.getIfPresent(key);
    if (entry != null && hit(entry, secret) != null) {
      return entry;
    }
    misses.increment();
    long now = nanoTime.getAsLong();
    Failure failure = failures.getIfPresent(key);
    if (failure != null && now < failure.retryAt) {
      return staleOrThrow(secret, entry, now, failure.error);
    }
    try {
      return loadOnce(secret, key, obj);
    } catch (SecretError e) {
      if (isOutage(e)) {
        return staleOrThrow(secret, entry, nanoTime.getAsLong(), e);
      }
      throw e;
    }
  }

  private Entry staleOrThrow(Secret secret, Entry entry, long now, SecretError error) {
    if (entry != null && now - entry.loadedAt < saturatedAdd(ttl, maxStale)) {
      staleServes.increment();
      LOG.warn("Serving a stale value of secret \"{}\" (provider \"{}\"), {} ms past its ttl: {}",
          secret.name(), secret.provider(),
          Math.max(0, Duration.ofNanos(now - entry.loadedAt - ttl).toMillis()), error.reason());
      return entry;
    }
    throw error;
  }

  private Entry loadOnce(Secret secret, Map<String, String> key, Object obj) {
    CompletableFuture<Entry> mine = new CompletableFuture<>();
    CompletableFuture<Entry> running = inflight.putIfAbsent(key, mine);
    if (running != null) {
      return await(running);
    }
    return runLoad(secret, key, obj, mine);
  }

  private Entry runLoad(Secret secret, Map<String, String> key, Object obj,
      CompletableFuture<Entry> mine) {
    try {
      String value = Fetch.fetch(provider, secret, SecretRequest.of(secret, key, obj));
      loads.increment();
      Entry entry = new Entry(key, value, nanoTime.getAsLong());
      // An invalidation while loading removed our marker: then the value is not kept.
      if (inflight.get(key) == mine) {
        values.put(key, entry);
        failures.invalidate(key);
        schedule(entry);
      } else {
        entry.retire();
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

  private void schedule(Entry entry) {
    if (clockDriven) {
      return;
    }
    try {
      if (refreshAhead > 0) {
        entry.refreshTimer = scheduler.schedule(entry::markRefreshDue,
            ttl - refreshAhead, TimeUnit.NANOSECONDS);
      }
      entry.expiryTimer = scheduler.schedule(entry::retire, ttl, TimeUnit.NANOSECONDS);
      entry.dropTimer = scheduler.schedule(() -> values.asMap().remove(entry.key, entry),
          saturatedAdd(ttl, maxStale), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      entry.retire();
    }
  }

  private void refreshInBackground(Secret secret, Entry entry) {
    if (!entry.refreshStarted.compareAndSet(false, true)) {
      return;
    }
    Map<String, String> key = entry.key;
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
          runLoad(secret, key, null, mine);
        } catch (RuntimeException e) {
          LOG.debug("Refreshing secret \"{}\" (provider \"{}\") ahead of expiry failed: {}",
              secret.name(), secret.provider(), e instanceof SecretError
                  ? ((SecretError) e).reason() : e.getClass().getName());
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
    } catch (CancellationException e) {
      throw new IllegalStateException("the load this request waited for was cancelled");
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

  /** Drops the values whose key matches; a load under way for such a key is not kept. */
  void invalidateIf(Predicate<Map<String, String>> matches) {
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

  /** A cached value. Its {@code toString} never shows the value. */
  public static final class Entry {
    final Map<String, String> key;
    /** Cleared when the entry leaves the cache, so nothing that still points here keeps it. */
    volatile String value;
    final long loadedAt;
    final AtomicBoolean refreshStarted = new AtomicBoolean();
    volatile boolean fresh = true;
    volatile boolean refreshDue;
    volatile ScheduledFuture<?> expiryTimer;
    volatile ScheduledFuture<?> refreshTimer;
    volatile ScheduledFuture<?> dropTimer;

    Entry(Map<String, String> key, String value, long loadedAt) {
      this.key = key;
      this.value = value;
      this.loadedAt = loadedAt;
    }

    /** Returns whether this entry is served as fresh. */
    public boolean isFresh() {
      return fresh;
    }

    /** Returns the value, or {@code null} once the entry has left the cache. */
    public String value() {
      return value;
    }

    void markRefreshDue() {
      refreshDue = true;
    }

    /** No longer served as fresh (expired, replaced, evicted or invalidated); timers cancelled. */
    void retire() {
      fresh = false;
      cancel(expiryTimer);
      cancel(refreshTimer);
    }

    /** Removed from the cache: no timer may touch it any more. */
    void remove() {
      retire();
      value = null;
      cancel(dropTimer);
    }

    private static void cancel(ScheduledFuture<?> timer) {
      if (timer != null) {
        timer.cancel(false);
      }
    }

    @Override
    public String toString() {
      return "Entry{fresh=" + fresh + "}";
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
