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

/** Target 1: an untemplated environment-variable secret vs {@code System.getenv}: at most 2x. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
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
    if (!secret.getValue().equals(System.getenv(VARIABLE))) {
      throw new IllegalStateException("secrets4j and System.getenv disagree");
    }
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
