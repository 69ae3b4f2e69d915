package io.github.secrets4j.benchmarks;

import io.github.secrets4j.Secret;
import io.github.secrets4j.Secrets;
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
 * Building a {@code Secret} alone: {@code secrets.secret(name).provider(slug).parameter(..)
 * .build()}, the slug derived from the name (target: at most 2 µs, and no regular expression
 * compiled per build: see {@code -prof gc} for what a build allocates). No provider is asked: a
 * build compiles the definition only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BuildBenchmark {
  private Secrets secrets;

  @Setup
  public void setUp() {
    secrets = Secrets.builder().build();
    Checks.same("build", "db-password", buildUntemplated().slug(), buildTemplated().slug());
  }

  @TearDown
  public void tearDown() {
    secrets.close();
  }

  /** One literal parameter: the template engine is never reached. */
  @Benchmark
  public Secret buildUntemplated() {
    return secrets.secret("DB Password").provider("environment-variable")
        .parameter("variable", "DB_PASSWORD").build();
  }

  /** One templated parameter of the common shape, parsed at build by the fast path. */
  @Benchmark
  public Secret buildTemplated() {
    return secrets.secret("DB Password").provider("text-file")
        .parameter("path", "/opt/secrets/{{ obj.site.slug }}/{{ obj.name }}.txt").build();
  }
}
