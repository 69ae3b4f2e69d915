package io.github.secrets4j.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Target 5: cold start. Each invocation starts a fresh JVM running {@link ColdStartApp} and waits
 * for it to exit; the modes compare a plain program with secrets4j resolving an env secret only
 * (no template: the template engine is never loaded) and an env plus a templated file secret.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
public class ColdStartBenchmark {
  @Param({"plain", "secrets4j-env", "secrets4j"})
  public String mode;

  private Path base;

  @Setup
  public void setUp() throws IOException {
    base = Files.createTempDirectory("secrets4j-cold");
    Files.createDirectories(base.resolve("nyc"));
    Files.writeString(base.resolve("nyc/csr1.txt"), "csr1-password\n");
  }

  @Benchmark
  public int freshJvm() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp",
        System.getProperty("java.class.path"), ColdStartApp.class.getName(), mode, base.toString()));
    builder.environment().put("COLD_START_TOKEN", "cold-start-token-value");
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IllegalStateException(mode + " exited with " + exit + " (class path "
          + System.getProperty("java.class.path").split(File.pathSeparator).length + " entries)");
    }
    return exit;
  }
}
