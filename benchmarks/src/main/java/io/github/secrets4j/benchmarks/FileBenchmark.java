package io.github.secrets4j.benchmarks;

import com.hubspot.jinjava.Jinjava;
import io.github.secrets4j.Secret;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.benchmarks.TemplatedHitBenchmark.DeviceBean;
import io.github.secrets4j.benchmarks.TemplatedHitBenchmark.SiteBean;
import io.github.secrets4j.file.TextFileProvider;
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
 * A templated {@code text-file} secret ({@code BASE/device_passwords/{{ obj.site.slug }}/{{
 * obj.name }}.txt}, the object a JavaBean), read on every call (the provider caches nothing).
 * Pairs, each measured in the same run:
 *
 * <ul>
 *   <li>{@code secrets4jTemplatedFile} vs {@code rawRead}: {@code Files.readString(path).strip()}
 *       of the same, already rendered path (target: at most 2x);
 *   <li>{@code secrets4jTemplatedFileAllowedRoots} vs {@code rawRead}: the same with
 *       {@code secrets4j.text-file.allowed-roots} set to the base directory, as the README
 *       recommends (target: at most 2x);
 *   <li>{@code nautobotPort} vs {@code secrets4jTemplatedFile}: a faithful port of Nautobot's
 *       approach: one {@link Jinjava} engine created once and shared (Nautobot's Django
 *       {@code jinja} engine), the template parsed and rendered on every call with a fresh
 *       {@code {"obj": obj}} context ({@code engines["jinja"].from_string(t).render(context)}), then
 *       the file read and stripped (target: secrets4j at least 20x faster).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FileBenchmark {
  private static final String VALUE = "csr1-password";

  private Path base;
  private Path file;
  private String template;
  private Secrets secrets;
  private Secrets confined;
  private Secret secret;
  private Secret confinedSecret;
  private Jinjava jinjava;
  private final DeviceBean device = new DeviceBean("csr1", new SiteBean("nyc"));

  @Setup
  public void setUp() throws IOException {
    base = Files.createTempDirectory("secrets4j-bench").toRealPath();
    file = base.resolve("device_passwords/nyc/csr1.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, VALUE + "\n");
    template = base + "/device_passwords/{{ obj.site.slug }}/{{ obj.name }}.txt";
    secrets = Secrets.builder().build();
    secret = secrets.secret("Device password").provider("text-file")
        .parameter("path", template).build();
    confined = Secrets.builder()
        .settings(Map.of(TextFileProvider.ALLOWED_ROOTS, base.toString()))
        .build();
    confinedSecret = confined.secret("Device password").provider("text-file")
        .parameter("path", template).build();
    jinjava = new Jinjava();
    Checks.same("templated file", VALUE, rawRead(), secrets4jTemplatedFile(),
        secrets4jTemplatedFileAllowedRoots(), nautobotPort());
  }

  @TearDown
  public void tearDown() throws IOException {
    secrets.close();
    confined.close();
    Files.delete(file);
    Files.delete(file.getParent());
    Files.delete(file.getParent().getParent());
    Files.delete(base);
  }

  /** The floor: the rendered path read directly. */
  @Benchmark
  public String rawRead() throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }

  @Benchmark
  public String secrets4jTemplatedFile() {
    return secret.getValue(device);
  }

  /** The same secret in a runtime with {@code secrets4j.text-file.allowed-roots} set. */
  @Benchmark
  public String secrets4jTemplatedFileAllowedRoots() {
    return confinedSecret.getValue(device);
  }

  /** Nautobot's approach ported: shared engine, template parsed on every call, then the read. */
  @Benchmark
  public String nautobotPort() throws IOException {
    String path = jinjava.render(template, Map.of("obj", device));
    return Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
  }
}
