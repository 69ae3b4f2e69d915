package io.github.secrets4j.benchmarks;

import com.amazonaws.secretsmanager.caching.SecretCache;
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
 * Target 3: a cached remote secret read on a hit, 1 and 8 threads, vs (a) a raw
 * {@code ConcurrentHashMap.get} of the same key, the floor (at most 3x), and (b)
 * aws-secretsmanager-caching-java 2.2.0 against the same in-JVM Secrets Manager fake (higher
 * throughput). Also: a templated secret on a hit vs the render alone ("templating stays cheap").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CachedHitBenchmark {
  private static final String NAME = "bench/db-password";

  private FakeSecretsManager fake;
  private Secrets secrets;
  private Secret secret;
  private Secret templated;
  private final Map<String, String> device = Map.of("name", "db-password");
  private SecretCache awsCache;
  private final Map<String, String> map = new ConcurrentHashMap<>();

  @Setup
  public void setUp() {
    fake = FakeSecretsManager.start();
    fake.putSecretString(NAME, "s3cr3t-value");
    secrets = Fakes.awsRuntime(fake, Map.of());
    secret = secrets.secret("DB").provider(Fakes.AWS_SLUG).parameter("name", NAME).build();
    templated = secrets.secret("Per device").provider(Fakes.AWS_SLUG)
        .parameter("name", "bench/{{ obj.name }}").build();
    awsCache = new SecretCache(Fakes.awsClient(fake));
    map.put(NAME, "s3cr3t-value");
    if (!secret.getValue().equals(awsCache.getSecretString(NAME))
        || !templated.getValue(device).equals(secret.getValue())) {
      throw new IllegalStateException("secrets4j and the AWS caching client disagree");
    }
  }

  @TearDown
  public void tearDown() {
    awsCache.close();
    secrets.close();
    fake.close();
  }

  @Benchmark
  @Threads(1)
  public String chmGet1() {
    return map.get(NAME);
  }

  @Benchmark
  @Threads(1)
  public String secrets4jHit1() {
    return secret.getValue();
  }

  @Benchmark
  @Threads(1)
  public String awsCachingHit1() {
    return awsCache.getSecretString(NAME);
  }

  /** A templated secret on a hit: the render plus the cache lookup by rendered parameters. */
  @Benchmark
  @Threads(1)
  public String secrets4jTemplatedHit1() {
    return templated.getValue(device);
  }

  /** The render alone, for comparison with the templated hit. */
  @Benchmark
  @Threads(1)
  public Map<String, String> renderOnly1() {
    return templated.renderedParameters(device);
  }

  @Benchmark
  @Threads(8)
  public String chmGet8() {
    return map.get(NAME);
  }

  @Benchmark
  @Threads(8)
  public String secrets4jHit8() {
    return secret.getValue();
  }

  @Benchmark
  @Threads(8)
  public String awsCachingHit8() {
    return awsCache.getSecretString(NAME);
  }
}
