package io.github.secrets4j.internal.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import io.github.secrets4j.CacheStats;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.internal.Text;
import io.github.secrets4j.spi.CachePolicy;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretsProvider;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values of one provider, keyed by rendered parameters (never by the object they were
 * rendered for). Caffeine does the work; this class says what a secret cache means.
 *
 * <ul>
 *   <li>{@code fresh} (Caffeine, async): the values served. An entry lives its ttl, shortened by a
 *       random spread of up to {@code jitter} so that a fleet started together does not reload
 *       together ({@link Expiry}). A miss puts one in-flight future in the cache and loads in the
 *       caller's thread; other callers wait for it (single flight) and each gets its own error
 *       instance if it fails. An invalidation removes the future: Caffeine then does not keep the
 *       result, so an invalidation during a load wins. Past {@code ttl - refresh-ahead} a hit
 *       starts one background reload on the refresh executor; its result replaces the entry only
 *       if the entry is still the one it refreshes (a conditional replace, so invalidation wins
 *       here too).
 *   <li>{@code lastGood} (when max-stale is set): each good value until ttl + max-stale. When a
 *       load fails with an outage it is served instead, with a WARN that names the secret, never
 *       the value.
 *   <li>{@code failures}: the last outage of a key and when to try again (1 s, doubling to 64 s);
 *       meanwhile callers get the stale value or a copy of the error without a backend call.
 *       "Not found", parameter and access errors are answers, not outages: they drop the key and
 *       are never served stale or backed off. Failures are never cached as values.
 * </ul>
 *
 * <p>Every clock read goes through the {@link Ticker}; tests pass one they step, to the same code.
 * Counts are exact (Caffeine's {@link ConcurrentStatsCounter}).
 */
public final class ValueCache {
  private static final long INITIAL_BACKOFF = Duration.ofSeconds(1).toNanos();
  private static final long MAX_BACKOFF = Duration.ofSeconds(64).toNanos();
  /** The longest reason a log line shows, in code points. */
  private static final int MAX_REASON = 1_000;

  private final SecretsProvider provider;
  private final long ttl;
  private final long refreshAhead;
  private final long maxStale;
  private final double jitter;
  private final RandomGenerator random;
  private final Ticker ticker;
  private final Executor refreshExecutor;
  private final AsyncCache<Map<String, String>, Entry> fresh;
  private final Policy<Map<String, String>, Entry> quiet;
  private final Cache<Map<String, String>, Entry> lastGood;
  private final Cache<Map<String, String>, Failure> failures;
  private final ConcurrentStatsCounter counts = new ConcurrentStatsCounter();
  private final LongAdder staleServes = new LongAdder();
  private final Watches watches;

  ValueCache(SecretsProvider provider, CachePolicy policy, double jitter, Timing timing,
      Changes changes) {
    this.provider = provider;
    this.watches = new Watches(provider, changes, policy.maxEntries());
    this.ttl = policy.ttl().toNanos();
    this.refreshAhead = Math.min(policy.refreshAhead().toNanos(), ttl);
    this.maxStale = policy.maxStale().toNanos();
    this.jitter = jitter;
    this.random = timing.random;
    this.ticker = timing.ticker;
    this.refreshExecutor = timing.refreshExecutor;
    if (ttl == 0) {
      this.fresh = null;
      this.quiet = null;
      this.lastGood = null;
      this.failures = null;
      return;
    }
    this.fresh = caffeine(policy, timing).expireAfter(new Lifetime(0)).buildAsync();
    this.quiet = fresh.synchronous().policy();
    this.lastGood = maxStale == 0 ? null
        : caffeine(policy, timing).expireAfter(new Lifetime(maxStale)).build();
    this.failures = caffeine(policy, timing).expireAfterWrite(Duration.ofNanos(MAX_BACKOFF)).build();
  }

  private static Caffeine<Object, Object> caffeine(CachePolicy policy, Timing timing) {
    return Caffeine.newBuilder()
        .maximumSize(policy.maxEntries())
        .ticker(timing.ticker)
        .scheduler(timing.scheduler)
        // Maintenance runs in the calling thread: no task of Caffeine's reaches the refresh
        // executor, which only ever runs refresh-ahead loads.
        .executor(Runnable::run);
  }

  /**
   * Returns the value for {@code request}: cached while fresh, else loaded once however many
   * threads ask.
   *
   * @throws SecretError what the provider reported (a copy for each caller that shared the load)
   */
  public String get(SecretRequest request) {
    if (fresh == null) {
      String value = load(request);
      watches.loaded(request, value);
      return value;
    }
    Map<String, String> key = request.parameters();
    Entry entry = current(key);
    if (entry != null && entry.failure == null) {
      counts.recordHits(1);
      if (refreshAhead > 0 && ticker.read() - entry.refreshAt >= 0) {
        refreshInBackground(key, entry);
      }
      return entry.value;
    }
    counts.recordMisses(1);
    return miss(request, key);
  }

  /**
   * The loaded entry of {@code key} while it is fresh, else {@code null}. Caffeine's quiet read:
   * one clock read for the expiry check, and nothing else. Hits are counted here, not by
   * Caffeine, and are not reported to its eviction policy (its read buffer, drained under a lock,
   * costs about as much as the rest of a hit): a full cache picks what to evict from its writes,
   * not from its reads. An entry still loading is {@code null}.
   */
  private Entry current(Map<String, String> key) {
    return quiet.getIfPresentQuietly(key);
  }

  private String miss(SecretRequest request, Map<String, String> key) {
    Failure failure = failures.getIfPresent(key);
    if (failure != null && ticker.read() - failure.retryAt < 0) {
      return staleOrThrow(request, key, Fetch.copyFor(failure.error));
    }
    CompletableFuture<Entry> mine = new CompletableFuture<>();
    CompletableFuture<Entry> running = fresh.get(key, (k, executor) -> mine);
    // Waiting for another caller's load is interruptible; an interrupted waiter is not served a
    // stale value (it was asked to stop, the backend did not fail).
    Entry shared = running == mine ? null : await(request, running);
    try {
      return running == mine ? loadInto(request, key, mine).value : outcome(shared).value;
    } catch (SecretError e) {
      if (Fetch.isOutage(e)) {
        return staleOrThrow(request, key, e);
      }
      throw e;
    }
  }

  /** Calls the provider for a value that is not cached (ttl 0), counting the load. */
  private String load(SecretRequest request) {
    // Load times are not reported (CacheStats counts loads): no clock read around a load, which
    // on an uncached provider would cost more than the rest of the request.
    try {
      String value = Fetch.fetch(provider, request);
      counts.recordLoadSuccess(0);
      return value;
    } catch (RuntimeException e) {
      counts.recordLoadFailure(0);
      throw e;
    }
  }

  /**
   * Loads in this thread and completes {@code mine}, which the cache holds while it loads. A
   * failure is taken out of the cache first and then handed to the waiters as a completed
   * outcome: the future never completes exceptionally, which Caffeine would log with its stack.
   */
  private Entry loadInto(SecretRequest request, Map<String, String> key,
      CompletableFuture<Entry> mine) {
    Entry entry;
    try {
      entry = newEntry(request, load(request));
    } catch (RuntimeException | Error e) {
      fresh.asMap().remove(key, mine);
      if (e instanceof SecretError error) {
        forget(key, error);
      }
      mine.complete(new Entry(e));
      throw e;
    }
    keepAsLastGood(key, mine, entry);
    mine.complete(entry);
    // After the waiters have the value: they do not wait for the listeners.
    watches.loaded(request, entry.value);
    return entry;
  }

  private Entry newEntry(SecretRequest request, String value) {
    long now = ticker.read();
    long lifetime = ttl - (long) (ttl * jitter * random.nextDouble());
    // The request is kept without the object, for refreshes: the cache never holds an object.
    SecretRequest bare = request.obj().isEmpty() ? request : SecretRequest.of(request.secretName(),
        request.secretSlug(), request.provider(), request.parameters(), null);
    return new Entry(bare, value, now, lifetime, now + lifetime - Math.min(refreshAhead, lifetime));
  }

  /**
   * Remembers a good value for stale serving, unless the load it came from was invalidated: the
   * check and the write happen atomically with the cache's own mapping of the key.
   */
  private void keepAsLastGood(Map<String, String> key, CompletableFuture<Entry> loading,
      Entry entry) {
    fresh.asMap().computeIfPresent(key, (k, current) -> {
      if (current == loading) {
        failures.invalidate(k);
        if (lastGood != null) {
          lastGood.put(k, entry);
        }
      }
      return current;
    });
  }

  /** After a failure: an outage backs the key off; an answer drops what was cached for it. */
  private void forget(Map<String, String> key, SecretError error) {
    if (Fetch.isOutage(error)) {
      Failure previous = failures.getIfPresent(key);
      int count = previous == null ? 1 : previous.count + 1;
      long delay = Math.min(INITIAL_BACKOFF << Math.min(count - 1, 6), MAX_BACKOFF);
      failures.put(key, new Failure(error, ticker.read() + delay, count));
    } else {
      fresh.synchronous().invalidate(key);
      failures.invalidate(key);
      if (lastGood != null) {
        lastGood.invalidate(key);
      }
    }
  }

  private String staleOrThrow(SecretRequest request, Map<String, String> key, SecretError error) {
    Entry stale = lastGood == null ? null : lastGood.getIfPresent(key);
    if (stale == null) {
      throw error;
    }
    staleServes.increment();
    // Every text is escaped and bounded: the reason may quote rendered parameters from obj.
    Log.LOG.warn("Serving a stale value of secret \"{}\" (provider \"{}\"), {} ms past its ttl: {}",
        Text.escape(request.secretName()), Text.escape(request.provider()),
        Math.max(0, Duration.ofNanos(ticker.read() - stale.loadedAt - stale.lifetime).toMillis()),
        Text.escape(error.reason(), MAX_REASON));
    return stale.value;
  }

  private void refreshInBackground(Map<String, String> key, Entry entry) {
    if (!entry.refreshStarted.compareAndSet(false, true)) {
      return;
    }
    Failure failure = failures.getIfPresent(key);
    if (failure != null && ticker.read() - failure.retryAt < 0) {
      return;
    }
    try {
      refreshExecutor.execute(() -> refresh(key, entry));
    } catch (RejectedExecutionException e) {
      Log.LOG.debug("Refresh of secret \"{}\" (provider \"{}\") not started: the runtime is closing",
          Text.escape(entry.request.secretName()), Text.escape(entry.request.provider()));
    }
  }

  /**
   * Reloads {@code entry} and replaces it only if it is still the one cached (an entry is
   * completed into exactly one future, so comparing entries compares the cache's mappings).
   */
  private void refresh(Map<String, String> key, Entry entry) {
    Entry refreshed;
    try {
      refreshed = newEntry(entry.request, load(entry.request));
    } catch (SecretError e) {
      Log.LOG.debug("Refreshing secret \"{}\" (provider \"{}\") ahead of expiry failed: {}",
          Text.escape(entry.request.secretName()), Text.escape(entry.request.provider()),
          Text.escape(e.reason(), MAX_REASON));
      if (current(key) == entry) {
        forget(key, e);
      }
      return;
    }
    CompletableFuture<Entry> replacement = CompletableFuture.completedFuture(refreshed);
    CompletableFuture<Entry> now = fresh.asMap().computeIfPresent(key, (k, current) -> {
      if (current.getNow(null) != entry) {
        return current;
      }
      failures.invalidate(k);
      if (lastGood != null) {
        lastGood.put(k, refreshed);
      }
      return replacement;
    });
    // Told only when cached: an invalidation or a newer load since made this value stale, and
    // comparing it would report a change back to it.
    if (now == replacement) {
      watches.loaded(entry.request, refreshed.value);
    }
  }

  /**
   * Subscribes {@code listener} to changes of the value of {@code request}'s key: see
   * {@link Watches#loaded}. The value cached now, if any, is what the next load is compared with.
   *
   * @param request the request, rendered for the subscriber's object
   * @param listener called with each change, in the thread that loaded
   * @return the subscription; closing it (again) stops the calls
   */
  public AutoCloseable watch(SecretRequest request,
      java.util.function.Consumer<io.github.secrets4j.SecretChange> listener) {
    String cached = null;
    if (fresh != null) {
      Entry entry = current(request.parameters());
      cached = entry == null ? null : entry.value;
    }
    return watches.watch(request, cached, listener);
  }

  /**
   * Waits for another caller's load. An interrupt ends the wait at once: the interrupt flag is set
   * again and a {@link SecretProviderError} says so (the load goes on for the others).
   */
  private static Entry await(SecretRequest request, CompletableFuture<Entry> running) {
    try {
      return running.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SecretProviderError(request.secretName(), request.provider(),
          "Interrupted while waiting for another request's load of the same value");
    } catch (CancellationException | ExecutionException e) {
      throw new IllegalStateException("the load this request waited for did not complete");
    }
  }

  /** The outcome of another caller's load; its failure is thrown as this caller's own copy. */
  private static Entry outcome(Entry entry) {
    Throwable failure = entry.failure;
    if (failure == null) {
      return entry;
    }
    if (failure instanceof SecretError error) {
      throw Fetch.copyFor(error);
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    throw (Error) failure;
  }

  /** Drops every value. */
  void invalidateAll() {
    if (fresh != null) {
      fresh.synchronous().invalidateAll();
      failures.invalidateAll();
      if (lastGood != null) {
        lastGood.invalidateAll();
      }
    }
  }

  /** Drops every value and every digest of a value: the runtime is closing. */
  void close() {
    invalidateAll();
    watches.clear();
  }

  /** Drops the values whose key matches; a load under way for such a key is not kept. */
  void invalidateIf(Predicate<Map<String, String>> matches) {
    if (fresh != null) {
      fresh.asMap().keySet().removeIf(matches);
      failures.asMap().keySet().removeIf(matches);
      if (lastGood != null) {
        lastGood.asMap().keySet().removeIf(matches);
      }
    }
  }

  CacheStats stats() {
    com.github.benmanes.caffeine.cache.stats.CacheStats snapshot = counts.snapshot();
    return new CacheStats(snapshot.hitCount(), snapshot.missCount(), snapshot.loadSuccessCount(),
        snapshot.loadFailureCount(), staleServes.sum());
  }

  /** What a cache needs of time and threads; tests pass their own to the same code. */
  record Timing(Ticker ticker, Scheduler scheduler, Executor refreshExecutor,
      RandomGenerator random) {}

  /** How long an entry stays: its own (jittered) ttl, plus {@code extra}. */
  private record Lifetime(long extra) implements Expiry<Map<String, String>, Entry> {
    @Override
    public long expireAfterCreate(Map<String, String> key, Entry entry, long currentTime) {
      return remaining(entry, currentTime);
    }

    @Override
    public long expireAfterUpdate(
        Map<String, String> key, Entry entry, long currentTime, long currentDuration) {
      return remaining(entry, currentTime);
    }

    @Override
    public long expireAfterRead(
        Map<String, String> key, Entry entry, long currentTime, long currentDuration) {
      return currentDuration;
    }

    private long remaining(Entry entry, long currentTime) {
      long end = entry.loadedAt + entry.lifetime;
      long until = end + extra < end ? Long.MAX_VALUE : end + extra;
      return Math.max(0, until - currentTime);
    }
  }

  /**
   * A cached value, or the failure of a load handed to its waiters (never kept in the cache). Its
   * {@code toString} never shows the value.
   */
  static final class Entry {
    final SecretRequest request;
    final String value;
    final Throwable failure;
    final long loadedAt;
    final long lifetime;
    final long refreshAt;
    final AtomicBoolean refreshStarted = new AtomicBoolean();

    Entry(SecretRequest request, String value, long loadedAt, long lifetime, long refreshAt) {
      this.request = request;
      this.value = value;
      this.failure = null;
      this.loadedAt = loadedAt;
      this.lifetime = lifetime;
      this.refreshAt = refreshAt;
    }

    Entry(Throwable failure) {
      this.request = null;
      this.value = null;
      this.failure = failure;
      this.loadedAt = 0;
      this.lifetime = 0;
      this.refreshAt = 0;
    }

    @Override
    public String toString() {
      return failure != null ? "Entry{failed}" : "Entry{secret=\"" + request.secretName() + "\"}";
    }
  }

  private record Failure(SecretError error, long retryAt, int count) {}

  /** The logger, created on first use: a run that logs nothing never starts SLF4J. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(ValueCache.class);
  }
}
