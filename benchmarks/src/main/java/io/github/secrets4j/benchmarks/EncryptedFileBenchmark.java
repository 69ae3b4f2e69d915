package io.github.secrets4j.benchmarks;

import io.github.secrets4j.Secret;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.encryptedfile.EncryptedFileProvider;
import io.github.secrets4j.encryptedfile.internal.StoreFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An {@code encrypted-file} read (issue 11): {@code getValue} of one key of a 1,000-entry store,
 * the value cache off ({@code secrets4j.encrypted-file.cache.ttl=0}; the provider caches nothing by
 * default either), so every call reaches the provider: a {@code stat} of the store file and one
 * AES-GCM decryption. Against {@code rawRead}, {@code Files.readString} of a plaintext file holding
 * the same value, in the same run (target: at most 3x).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EncryptedFileBenchmark {
  static final int ENTRIES = 1_000;

  private Path base;
  private Path plain;
  private Secrets secrets;
  private Secret secret;

  @Setup
  public void setUp() throws IOException {
    base = Files.createTempDirectory("secrets4j-bench-ef").toRealPath();
    Path store = base.resolve("store.json");
    StoreFixtures.write(store, base.resolve("store.key"), ENTRIES, EncryptedFileBenchmark::key,
        EncryptedFileBenchmark::value);
    int probe = ENTRIES / 2;
    plain = base.resolve("plain.txt");
    Files.writeString(plain, value(probe));
    secrets = runtime(store);
    secret = secrets.store(EncryptedFileProvider.SLUG).secret(key(probe));
    Checks.same("encrypted-file read", value(probe), rawRead(), getValue(), getValue());
  }

  @TearDown
  public void tearDown() throws IOException {
    secrets.close();
    deleteTree(base);
  }

  /** The floor: the same value read from a plaintext file. */
  @Benchmark
  public String rawRead() throws IOException {
    return Files.readString(plain, StandardCharsets.UTF_8);
  }

  @Benchmark
  public String getValue() {
    return secret.getValue();
  }

  /** The key of entry {@code i} of the fixture stores. */
  static String key(int i) {
    return String.format("app/service-%05d/password", i);
  }

  /** The value of entry {@code i}: 32 characters, like a generated password. */
  static String value(int i) {
    return String.format("pw-%05d-Xk9#qLm2$vT7&hR4!zW8@nB", i);
  }

  /** A runtime on {@code store} (its key file next to it), the value cache off. */
  static Secrets runtime(Path store) {
    return Secrets.builder()
        .settings(Map.of(EncryptedFileProvider.PATH, store.toString(),
            "secrets4j.encrypted-file.cache.ttl", "0"))
        .build();
  }

  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
