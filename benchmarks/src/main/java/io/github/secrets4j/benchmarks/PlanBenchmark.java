package io.github.secrets4j.benchmarks;

import io.github.secrets4j.Secret;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.SecretsPlan;
import io.github.secrets4j.encryptedfile.EncryptedFileProvider;
import io.github.secrets4j.encryptedfile.internal.StoreFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reconcile (issue 12): {@code plan()} of a definition file of 1,000 unchanged {@code fromEnv}
 * secrets on {@code encrypted-file} (one list of the store, then each stored value read and
 * compared), against reading those 1,000 values through their secrets, in the same run (target:
 * at most 2x). The value cache is off, so both sides reach the provider for every value. The
 * store is written in one step with the managed marker the plan expects ({@link StoreFixtures}),
 * and the setup checks that the plan has no changes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlanBenchmark {
  static final int SECRETS = 1_000;

  private Path base;
  private Secrets secrets;
  private List<Secret> stored;

  @Setup
  public void setUp() throws IOException {
    base = Files.createTempDirectory("secrets4j-bench-plan").toRealPath();
    Path store = base.resolve("store.json");
    StoreFixtures.write(store, base.resolve("store.key"), SECRETS, EncryptedFileBenchmark::key,
        EncryptedFileBenchmark::value, i -> "opaque", i -> Optional.empty(),
        i -> Map.of("secrets4j.io/managed-by", "bench", "secrets4j.io/secret", name(i),
            "secrets4j.io/slug", name(i)));
    StringBuilder file = new StringBuilder("apiVersion: secrets4j/v1\nkind: SecretsDefinition\n"
        + "metadata: { name: bench }\nsecrets:\n");
    Map<String, String> environment = new HashMap<>();
    for (int i = 0; i < SECRETS; i++) {
      file.append("  - { name: ").append(name(i)).append(", store: encrypted-file, key: \"")
          .append(EncryptedFileBenchmark.key(i)).append("\", value: { fromEnv: V").append(i)
          .append(" } }\n");
      environment.put("V" + i, EncryptedFileBenchmark.value(i));
    }
    Path definitions = base.resolve("bench.yaml");
    Files.writeString(definitions, file);
    secrets = Secrets.builder()
        .settings(Map.of(EncryptedFileProvider.PATH, store.toString(),
            "secrets4j.encrypted-file.cache.ttl", "0"))
        .environment(environment)
        .definitions(definitions)
        .build();
    stored = new ArrayList<>();
    for (int i = 0; i < SECRETS; i++) {
      stored.add(secrets.defined(name(i)));
    }
    SecretsPlan plan = plan();
    if (plan.hasChanges() || plan.changes().size() != SECRETS) {
      throw new IllegalStateException("the fixture does not match its definitions: "
          + plan.toText());
    }
    Checks.same("a read", EncryptedFileBenchmark.value(7), stored.get(7).getValue(),
        stored.get(7).getValue());
  }

  @TearDown
  public void tearDown() throws IOException {
    secrets.close();
    EncryptedFileBenchmark.deleteTree(base);
  }

  static String name(int i) {
    return String.format("s-%05d", i);
  }

  /** The plan of 1,000 unchanged secrets: one list, 1,000 reads and comparisons. */
  @Benchmark
  public SecretsPlan plan() {
    return secrets.plan();
  }

  /** The floor: the same 1,000 values read through their secrets. */
  @Benchmark
  public int readValues() {
    int length = 0;
    for (Secret secret : stored) {
      length += secret.getValue().length();
    }
    return length;
  }
}
