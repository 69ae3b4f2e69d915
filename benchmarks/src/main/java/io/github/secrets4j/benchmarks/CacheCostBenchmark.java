package io.github.secrets4j.benchmarks;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Scheduler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Diagnostic, not a target: what a cache hit costs in the pieces secrets4j's hit is made of. The
 * clock ({@code System.nanoTime}) and a hit in Caffeine configured as secrets4j configures it (an
 * async cache, size-bounded, with a per-entry {@link Expiry} for the jittered ttl), beside a
 * size-bounded Caffeine cache without expiry, one with a fixed {@code expireAfterWrite}, and a
 * {@code ConcurrentHashMap}. Same key and value everywhere.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CacheCostBenchmark {
  private static final String KEY = "bench/db-password";
  private static final String VALUE = "s3cr3t-value";

  private final Map<String, String> map = new ConcurrentHashMap<>();
  private Cache<String, String> sizeOnly;
  private Cache<String, String> fixedTtl;
  private Cache<String, String> perEntryTtl;
  private AsyncCache<String, String> asyncPerEntryTtl;
  private AsyncCache<String, String> asyncPerEntryTtlCoarse;
  /** A clock as cheap as a volatile read: what a coarse ticker (a thread updating it) would cost. */
  private volatile long coarseNow = System.nanoTime();

  @Setup
  public void setUp() {
    map.put(KEY, VALUE);
    sizeOnly = Caffeine.newBuilder().maximumSize(10_000).executor(Runnable::run).build();
    fixedTtl = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5))
        .executor(Runnable::run).build();
    Expiry<String, String> fiveMinutes = Expiry.creating((key, value) -> Duration.ofMinutes(5));
    perEntryTtl = Caffeine.newBuilder().maximumSize(10_000).expireAfter(fiveMinutes)
        .scheduler(Scheduler.systemScheduler()).executor(Runnable::run).build();
    asyncPerEntryTtl = Caffeine.newBuilder().maximumSize(10_000).expireAfter(fiveMinutes)
        .scheduler(Scheduler.systemScheduler()).executor(Runnable::run).buildAsync();
    asyncPerEntryTtlCoarse = Caffeine.newBuilder().maximumSize(10_000).expireAfter(fiveMinutes)
        .ticker(() -> coarseNow).scheduler(Scheduler.systemScheduler()).executor(Runnable::run)
        .buildAsync();
    asyncPerEntryTtlCoarse.put(KEY, CompletableFuture.completedFuture(VALUE));
    sizeOnly.put(KEY, VALUE);
    fixedTtl.put(KEY, VALUE);
    perEntryTtl.put(KEY, VALUE);
    asyncPerEntryTtl.put(KEY, CompletableFuture.completedFuture(VALUE));
    Checks.same("cache cost", VALUE, map.get(KEY), sizeOnly.getIfPresent(KEY),
        fixedTtl.getIfPresent(KEY), perEntryTtl.getIfPresent(KEY),
        asyncPerEntryTtl.getIfPresent(KEY).getNow(null),
        asyncPerEntryTtl.synchronous().policy().getIfPresentQuietly(KEY),
        asyncPerEntryTtlCoarse.getIfPresent(KEY).getNow(null));
  }

  @Benchmark
  public long nanoTime() {
    return System.nanoTime();
  }

  @Benchmark
  public String chmGet() {
    return map.get(KEY);
  }

  @Benchmark
  public String caffeineSizeOnly() {
    return sizeOnly.getIfPresent(KEY);
  }

  @Benchmark
  public String caffeineFixedTtl() {
    return fixedTtl.getIfPresent(KEY);
  }

  @Benchmark
  public String caffeinePerEntryTtl() {
    return perEntryTtl.getIfPresent(KEY);
  }

  /** As secrets4j's cache is configured. */
  @Benchmark
  public String caffeineAsyncPerEntryTtl() {
    return asyncPerEntryTtl.getIfPresent(KEY).getNow(null);
  }

  /**
   * The same cache read with {@code policy().getIfPresentQuietly}: the expiry check (one clock
   * read) without telling the eviction policy of the read.
   */
  @Benchmark
  public String caffeineAsyncPerEntryTtlQuietly() {
    return asyncPerEntryTtl.synchronous().policy().getIfPresentQuietly(KEY);
  }

  /** As secrets4j's cache is configured, with a clock that costs a volatile read. */
  @Benchmark
  public String caffeineAsyncPerEntryTtlCoarseClock() {
    return asyncPerEntryTtlCoarse.getIfPresent(KEY).getNow(null);
  }
}
