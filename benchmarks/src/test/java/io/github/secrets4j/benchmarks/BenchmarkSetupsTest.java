package io.github.secrets4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Every benchmark's setup runs and its sides agree: each setup checks that both sides of its
 * comparisons give the same value (and, for cached hits, that a warmed read reaches no backend),
 * so a benchmark that no longer measures what it says fails here, in the build, not in a long
 * run. Nothing here is timed.
 */
class BenchmarkSetupsTest {
  @Test
  void cachedHitSidesAgreeAndHitTheCache() {
    CachedHitBenchmark benchmark = new CachedHitBenchmark();
    benchmark.setUp();
    try {
      assertEquals(benchmark.chmGet8(), benchmark.secrets4jHit8());
      assertEquals(benchmark.chmGet8(), benchmark.awsCachingHit8());
    } finally {
      benchmark.tearDown();
    }
  }

  @Test
  void templatedHitSidesAgreeForARecordAndABean() {
    TemplatedHitBenchmark benchmark = new TemplatedHitBenchmark();
    benchmark.setUp();
    benchmark.tearDown();
  }

  @Test
  void envSidesAgree() {
    EnvBenchmark benchmark = new EnvBenchmark();
    benchmark.setUp();
    benchmark.tearDown();
  }

  @Test
  void fileSidesAgreeWithAndWithoutAllowedRootsAndWithTheNautobotPort() throws Exception {
    FileBenchmark benchmark = new FileBenchmark();
    benchmark.setUp();
    benchmark.tearDown();
  }

  @Test
  void buildsDeriveTheSlug() {
    BuildBenchmark benchmark = new BuildBenchmark();
    benchmark.setUp();
    benchmark.tearDown();
  }

  @Test
  void cacheCostSidesAgree() {
    CacheCostBenchmark benchmark = new CacheCostBenchmark();
    benchmark.setUp();
    assertEquals(benchmark.chmGet(), benchmark.caffeineAsyncPerEntryTtl());
  }
}
