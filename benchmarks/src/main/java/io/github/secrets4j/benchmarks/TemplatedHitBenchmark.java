package io.github.secrets4j.benchmarks;

import io.github.secrets4j.Secret;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.aws.fake.FakeSecretsManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A templated remote secret (AWS provider against the in-JVM fake, parameter
 * {@code name = {{ obj.site.slug }}/{{ obj.name }}}) read on a cache hit, for a record and for a
 * JavaBean, 1 thread. Pairs, each measured in the same run:
 *
 * <ul>
 *   <li>{@code secrets4jRecord} vs {@code handWrittenRecord} (and the same for {@code Bean}): the
 *       floor is the same lookup written by hand: read the same two properties of the object,
 *       build the key string, one {@code ConcurrentHashMap.get} (target: at most 4x);
 *   <li>{@code secrets4jRecord} vs {@code chmGet}: a bare map get of a constant key, reported
 *       beside it.
 * </ul>
 *
 * <p>{@code renderOnly} (the parameters rendered, no lookup) is a diagnostic: it shows how much of
 * the hit is the render.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class TemplatedHitBenchmark {
  /** A site, as a host application models it. */
  public record Site(String slug) {}

  /** A device at a site. */
  public record Device(String name, Site site) {}

  /** The same site as a JavaBean. */
  public static final class SiteBean {
    private final String slug;

    public SiteBean(String slug) {
      this.slug = slug;
    }

    public String getSlug() {
      return slug;
    }
  }

  /** The same device as a JavaBean. */
  public static final class DeviceBean {
    private final String name;
    private final SiteBean site;

    public DeviceBean(String name, SiteBean site) {
      this.name = name;
      this.site = site;
    }

    public String getName() {
      return name;
    }

    public SiteBean getSite() {
      return site;
    }
  }

  static final String TEMPLATE = "{{ obj.site.slug }}/{{ obj.name }}";
  private static final String KEY = "nyc/csr1";
  private static final String VALUE = "csr1-password";

  private FakeSecretsManager fake;
  private Secrets secrets;
  private Secret secret;
  private final Device device = new Device("csr1", new Site("nyc"));
  private final DeviceBean bean = new DeviceBean("csr1", new SiteBean("nyc"));
  private final Map<String, String> map = new ConcurrentHashMap<>();

  @Setup
  public void setUp() {
    fake = FakeSecretsManager.start();
    fake.putSecretString(KEY, VALUE);
    secrets = Fakes.awsRuntime(fake, Map.of());
    secret = secrets.secret("Device password").provider(Fakes.AWS_SLUG)
        .parameter("name", TEMPLATE).build();
    map.put(KEY, VALUE);
    Checks.same("templated hit", VALUE, secrets4jRecord(), secrets4jBean(), handWrittenRecord(),
        handWrittenBean(), chmGet());
    Checks.same("render", KEY, renderOnly().get("name"));
    int served = fake.requestCount();
    secrets4jRecord();
    secrets4jBean();
    if (fake.requestCount() != served) {
      throw new IllegalStateException("a warmed read reached the fake: not a cache hit");
    }
  }

  @TearDown
  public void tearDown() {
    secrets.close();
    fake.close();
  }

  /** Beside the floor: a bare map get of a constant key. */
  @Benchmark
  public String chmGet() {
    return map.get(KEY);
  }

  /** The floor for a record: the same properties read by hand, the key built, one map get. */
  @Benchmark
  public String handWrittenRecord() {
    return map.get(device.site().slug() + "/" + device.name());
  }

  @Benchmark
  public String secrets4jRecord() {
    return secret.getValue(device);
  }

  /** The floor for a JavaBean. */
  @Benchmark
  public String handWrittenBean() {
    return map.get(bean.getSite().getSlug() + "/" + bean.getName());
  }

  @Benchmark
  public String secrets4jBean() {
    return secret.getValue(bean);
  }

  /** Diagnostic: the render alone (record), no pipeline, no cache. */
  @Benchmark
  public Map<String, String> renderOnly() {
    return secret.renderedParameters(device);
  }
}
