package io.github.secrets4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.secrets4j.AccessType;
import io.github.secrets4j.SecretType;
import io.github.secrets4j.Secrets;
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
  void planOfUnchangedSecretsHasNoChangesAndReadsTheValues() throws Exception {
    PlanBenchmark benchmark = new PlanBenchmark();
    benchmark.setUp();
    try {
      assertTrue(!benchmark.plan().hasChanges());
      assertEquals(PlanBenchmark.SECRETS * EncryptedFileBenchmark.value(0).length(),
          benchmark.readValues());
    } finally {
      benchmark.tearDown();
    }
  }

  @Test
  void definitionsOfAThousandSecretsLoadValidateAndClose() throws Exception {
    DefinitionsBenchmark benchmark = new DefinitionsBenchmark();
    benchmark.setUp();
    try {
      assertEquals(DefinitionsBenchmark.SECRETS, benchmark.loadValidateAndClose());
      try (Secrets secrets = benchmark.loadAndValidate()) {
        assertEquals("encrypted-file", secrets.defined(DefinitionsBenchmark.name(2)).provider());
        assertEquals("environment-variable", secrets.defined(DefinitionsBenchmark.name(0)).provider());
        assertEquals(DefinitionsBenchmark.name(5),
            secrets.definedGroup("group-1").secret(AccessType.GENERIC, SecretType.PASSWORD).orElseThrow().name());
      }
    } finally {
      benchmark.tearDown();
    }
  }

  @Test
  void cacheCostSidesAgree() {
    CacheCostBenchmark benchmark = new CacheCostBenchmark();
    benchmark.setUp();
    assertEquals(benchmark.chmGet(), benchmark.caffeineAsyncPerEntryTtl());
  }

  @Test
  void encryptedFileReadAgreesWithTheRawRead() throws Exception {
    EncryptedFileBenchmark benchmark = new EncryptedFileBenchmark();
    benchmark.setUp();
    try {
      assertEquals(benchmark.rawRead(), benchmark.getValue());
    } finally {
      benchmark.tearDown();
    }
  }

  @Test
  void encryptedFileOpenReadsTheFixtureAndJacksonSeesEveryEntry() throws Exception {
    EncryptedFileOpenBenchmark benchmark = new EncryptedFileOpenBenchmark();
    benchmark.setUp();
    try {
      // A second fresh runtime opens the same store: the engine verified and decrypted it.
      assertEquals(EncryptedFileBenchmark.value(EncryptedFileOpenBenchmark.ENTRIES / 2),
          benchmark.openAndRead());
      benchmark.closeRuntime();
      assertEquals(EncryptedFileOpenBenchmark.ENTRIES, benchmark.jacksonParse().get("entries").size());
    } finally {
      benchmark.tearDown();
    }
  }

  @Test
  void encryptedFilePutsNewVersionsAndTheFloorWritesAFileOfTheStoreSize() throws Exception {
    EncryptedFilePutBenchmark benchmark = new EncryptedFilePutBenchmark();
    benchmark.setUp();
    try {
      long before = benchmark.storeBytes();
      long version = benchmark.put().version();
      assertEquals(version + 1, benchmark.put().version());
      // The kept versions are full: puts leave the store (and so the floor's file) the same size.
      assertTrue(Math.abs(benchmark.storeBytes() - before) < 16, before + " -> " + benchmark.storeBytes());
      benchmark.rawWriteFsyncRename();
    } finally {
      benchmark.tearDown();
    }
  }
}
