package io.github.secrets4j.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.encryptedfile.EncryptedFileProvider;
import io.github.secrets4j.encryptedfile.internal.StoreFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Opening a 10,000-entry {@code encrypted-file} store (issue 11): the first read in a fresh
 * runtime, {@code openAndRead} = {@code Secrets.builder()...build()} plus the first
 * {@code getValue} (reads the key file, reads the store file, parses it, verifies its MAC, decrypts
 * one value). Every invocation builds a new runtime (closed after it, outside the timing:
 * {@code @TearDown(Level.Invocation)}, fine at this millisecond scale), so nothing of the engine
 * is reused; the JVM, its loaded classes and the OS page cache are warm, as in a long-running
 * application that opens a store again, not a process cold start. Against {@code jacksonParse},
 * {@code ObjectMapper.readTree} of the same file (one shared mapper), in the same run: the report
 * is the time and the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EncryptedFileOpenBenchmark {
  static final int ENTRIES = 10_000;
  private static final int PROBE = ENTRIES / 2;

  private Path base;
  private Path store;
  private ObjectMapper mapper;
  private Secrets opened;

  @Setup
  public void setUp() throws IOException {
    base = Files.createTempDirectory("secrets4j-bench-ef-open").toRealPath();
    store = base.resolve("store.json");
    StoreFixtures.write(store, base.resolve("store.key"), ENTRIES, EncryptedFileBenchmark::key,
        EncryptedFileBenchmark::value);
    mapper = new ObjectMapper();
    Checks.same("encrypted-file open", EncryptedFileBenchmark.value(PROBE), openAndRead());
    closeRuntime();
    int parsed = jacksonParse().get("entries").size();
    if (parsed != ENTRIES) {
      throw new IllegalStateException("Jackson parsed " + parsed + " entries, expected " + ENTRIES);
    }
  }

  @TearDown(Level.Invocation)
  public void closeRuntime() {
    if (opened != null) {
      opened.close();
      opened = null;
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    closeRuntime();
    EncryptedFileBenchmark.deleteTree(base);
  }

  /** A fresh runtime and its first read of the store. */
  @Benchmark
  public String openAndRead() {
    opened = EncryptedFileBenchmark.runtime(store);
    return opened.secret("Probe").provider(EncryptedFileProvider.SLUG)
        .parameter("key", EncryptedFileBenchmark.key(PROBE)).build().getValue();
  }

  /** Jackson alone: the same file parsed into a tree. */
  @Benchmark
  public JsonNode jacksonParse() throws IOException {
    return mapper.readTree(store.toFile());
  }

  /** The size of the store file, for the report. */
  long storeBytes() throws IOException {
    return Files.size(store);
  }
}
