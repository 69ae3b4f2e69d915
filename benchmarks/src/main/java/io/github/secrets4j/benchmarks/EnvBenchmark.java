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
 * An untemplated {@code environment-variable} secret, reused, vs {@code System.getenv} of the same
 * variable, in the same run (target: at most 3x).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnvBenchmark {
  private static final String VARIABLE = "PATH";

  private Secrets secrets;
  private Secret secret;

  @Setup
  public void setUp() {
    secrets = Secrets.builder().build();
    secret = secrets.secret("Path").provider("environment-variable")
        .parameter("variable", VARIABLE).build();
    Checks.same("env", System.getenv(VARIABLE), secret.getValue());
  }

  @TearDown
  public void tearDown() {
    secrets.close();
  }

  @Benchmark
  public String rawGetenv() {
    return System.getenv(VARIABLE);
  }

  @Benchmark
  public String secrets4jEnv() {
    return secret.getValue();
  }
}
