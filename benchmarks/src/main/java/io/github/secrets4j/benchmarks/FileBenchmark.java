package io.github.secrets4j.benchmarks;

import com.hubspot.jinjava.Jinjava;
import io.github.secrets4j.Secret;
import io.github.secrets4j.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
 * Target 2: a templated text-file secret ({@code .../{{ obj.site.slug }}/{{ obj.name }}.txt}) vs
 * (a) reading the same file directly (at most 2x) and (b) a naive port that renders with
 * {@code new Jinjava().render(...)} on every call, as re-compiling each time costs in Java (at
 * least 20x slower than secrets4j).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FileBenchmark {
  /** A site, as a host application models it. */
  public record Site(String slug) {}

  /** A device at a site. */
  public record Device(String name, Site site) {}

  private Path base;
  private Path file;
  private String template;
  private Secrets secrets;
  private Secret secret;
  private final Device device = new Device("csr1", new Site("nyc"));
  private final Map<String, Object> naiveContext =
      Map.of("obj", Map.of("name", "csr1", "site", Map.of("slug", "nyc")));

  @Setup
  public void setUp() throws IOException {
    base = Files.createTempDirectory("secrets4j-bench");
    file = base.resolve("device_passwords/nyc/csr1.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "csr1-password\n");
    template = base + "/device_passwords/{{ obj.site.slug }}/{{ obj.name }}.txt";
    secrets = Secrets.builder().build();
    secret = secrets.secret("Device password").provider("text-file")
        .parameter("path", template).build();
    if (!secret.getValue(device).equals(rawRead()) || !naiveJinjava().equals(rawRead())) {
      throw new IllegalStateException("the three ways disagree");
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    secrets.close();
    Files.delete(file);
  }

  @Benchmark
  public String rawRead() throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }

  @Benchmark
  public String secrets4jTemplatedFile() {
    return secret.getValue(device);
  }

  @Benchmark
  public String naiveJinjava() throws IOException {
    String path = new Jinjava().render(template, naiveContext);
    return Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
  }
}
