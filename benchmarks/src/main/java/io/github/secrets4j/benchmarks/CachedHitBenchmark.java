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
 * An untemplated remote secret (the AWS provider, against the in-JVM Secrets Manager fake, with
 * its default cache ttl of 5 minutes) read on a cache hit, at 1 and at 8 threads. Pairs, each
 * measured in the same run:
 *
 * <ul>
 *   <li>{@code secrets4jHit} vs {@code chmGet}: a {@code Secret} built once and reused, against a
 *       raw {@code ConcurrentHashMap.get} of the same key (target: at most 4x, 0 B/op);
 *   <li>{@code secrets4jBuildAndHit} vs {@code chmGet}: the way people call it, the
 *       {@code Secret} built where it is used ({@code secrets.secret(..).provider(..)
 *       .parameter(..).build().getValue()}), so the build is part of every call;
 *   <li>{@code secrets4jHit} vs {@code awsCachingHit}: aws-secretsmanager-caching-java 2.2.0
 *       reading the same secret from the same fake, both warmed in setup (target: at least 50x
 *       its throughput).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CachedHitBenchmark {
  private static final String NAME = "bench/db-password";
  private static final String VALUE = "s3cr3t-value";

  private FakeSecretsManager fake;
  private Secrets secrets;
  private Secret secret;
  private SecretCache awsCache;
  private final Map<String, String> map = new ConcurrentHashMap<>();

  @Setup
  public void setUp() {
    fake = FakeSecretsManager.start();
    fake.putSecretString(NAME, VALUE);
    secrets = Fakes.awsRuntime(fake, Map.of());
    secret = secrets.secret("DB password").provider(Fakes.AWS_SLUG).parameter("name", NAME).build();
    awsCache = new SecretCache(Fakes.awsClient(fake));
    map.put(NAME, VALUE);
    // Warms both caches (the first read of each loads from the fake) and checks they agree.
    Checks.same("cached hit", VALUE, secret.getValue(), secrets4jBuildAndHit1(),
        awsCache.getSecretString(NAME), map.get(NAME));
    long served = fake.requestCount();
    Checks.same("cached hit, after warm-up", VALUE, secret.getValue(), secrets4jBuildAndHit1(),
        awsCache.getSecretString(NAME));
    if (fake.requestCount() != served) {
      throw new IllegalStateException("a warmed read reached the fake: not a cache hit");
    }
  }

  @TearDown
  public void tearDown() {
    awsCache.close();
    secrets.close();
    fake.close();
  }

  /** Floor: a raw {@code ConcurrentHashMap.get} of a constant key. */
  @Benchmark
  @Threads(1)
  public String chmGet1() {
    return map.get(NAME);
  }

  /** A reused, untemplated {@code Secret}: {@code secret.getValue()} on a hit. */
  @Benchmark
  @Threads(1)
  public String secrets4jHit1() {
    return secret.getValue();
  }

  /** The {@code Secret} built where it is used, then read on a hit. */
  @Benchmark
  @Threads(1)
  public String secrets4jBuildAndHit1() {
    return secrets.secret("DB password").provider(Fakes.AWS_SLUG).parameter("name", NAME)
        .build().getValue();
  }

  /** aws-secretsmanager-caching-java 2.2.0 on a hit, same fake, same secret. */
  @Benchmark
  @Threads(1)
  public String awsCachingHit1() {
    return awsCache.getSecretString(NAME);
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
  public String secrets4jBuildAndHit8() {
    return secrets4jBuildAndHit1();
  }

  @Benchmark
  @Threads(8)
  public String awsCachingHit8() {
    return awsCache.getSecretString(NAME);
  }
}
