package io.github.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.spi.CachePolicy;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The value cache, driven by a fake clock and a manual executor: no sleeps. */
class CacheTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final InstantSource clock = now::get;
  private final List<Runnable> background = new ArrayList<>();
  private final Map<String, String> store = new ConcurrentHashMap<>(Map.of("db", "v1"));
  private final AtomicReference<Function<String, String>> behaviour = new AtomicReference<>(store::get);
  private final TestProviders.Scripted provider = new TestProviders.Scripted("remote", request -> {
    String value = behaviour.get().apply(request.parameter("key"));
    if (value == null) {
      throw request.notFound("no such key");
    }
    return value;
  });
  private final List<Secrets> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(Secrets::close);
  }

  /** The ttl spread's random source: 0 by default, so ttls are exact. */
  private final AtomicReference<Long> randomBits = new AtomicReference<>(0L);

  private Secrets secrets(CachePolicy policy, Map<String, String> settings) {
    provider.policy = policy;
    Secrets secrets = Secrets.builder().discoverProviders(false).provider(provider)
        .timeSource(clock).refreshExecutor(background::add).random(randomBits::get)
        .settings(settings).build();
    opened.add(secrets);
    return secrets;
  }

  private Secrets secrets(CachePolicy policy) {
    return secrets(policy, Map.of());
  }

  private Secret db(Secrets secrets) {
    return secrets.secret("DB").provider("remote").parameter("key", "db").build();
  }

  private void advance(Duration duration) {
    now.updateAndGet(instant -> instant.plus(duration));
  }

  /**
   * Makes the next loads answer with {@code answer}, computed as a load starts, then count down
   * {@code entered} and wait for {@code release}.
   */
  private void blockLoads(CountDownLatch entered, CountDownLatch release,
      Function<String, String> answer) {
    behaviour.set(key -> {
      java.util.function.Supplier<String> result;
      try {
        String value = answer.apply(key);
        result = () -> value;
      } catch (RuntimeException e) {
        result = () -> {
          throw e;
        };
      }
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return result.get();
    });
  }

  private static SecretProviderError outage() {
    return new SecretProviderError("DB", "remote", "backend unreachable");
  }

  @Test
  void valuesAreKeptForTheTtl() {
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(10)));
    Secret secret = db(secrets);
    assertThat(secret.getValue()).isEqualTo("v1");
    store.put("db", "v2");
    advance(Duration.ofSeconds(9));
    assertThat(secret.getValue()).isEqualTo("v1");
    assertThat(provider.calls).hasValue(1);
    advance(Duration.ofSeconds(1));
    assertThat(secret.getValue()).isEqualTo("v2");
    assertThat(provider.calls).hasValue(2);
    assertThat(secrets.stats().provider("remote")).isEqualTo(new CacheStats(1, 2, 2, 0, 0));
  }

  @Test
  void localProvidersCacheNothingByDefault() {
    Secrets secrets = secrets(CachePolicy.none());
    Secret secret = db(secrets);
    secret.getValue();
    secret.getValue();
    assertThat(provider.calls).hasValue(2);
    assertThat(secrets.stats().provider("remote")).isEqualTo(new CacheStats(0, 0, 2, 0, 0));
  }

  @Test
  void settingsOverrideTheDeclaredPolicyProviderSettingFirst() {
    Secrets zero = secrets(CachePolicy.ttl(Duration.ofMinutes(5)), Map.of("secrets4j.remote.cache.ttl", "0"));
    db(zero).getValue();
    db(zero).getValue();
    assertThat(provider.calls).hasValue(2);

    Secrets global = secrets(CachePolicy.none(), Map.of("secrets4j.cache.ttl", "30s"));
    db(global).getValue();
    db(global).getValue();
    assertThat(provider.calls).hasValue(3);

    Secrets both = secrets(CachePolicy.none(),
        Map.of("secrets4j.cache.ttl", "30s", "secrets4j.remote.cache.ttl", "PT0S"));
    db(both).getValue();
    db(both).getValue();
    assertThat(provider.calls).hasValue(5);
  }

  @Test
  void invalidSettingIsAProviderErrorNamingIt() {
    Secrets secrets = secrets(CachePolicy.none(), Map.of("secrets4j.remote.cache.ttl", "five minutes"));
    assertThatThrownBy(() -> db(secrets).getValue())
        .isInstanceOf(SecretProviderError.class)
        .hasMessage("Secret \"DB\" (provider \"remote\"): Setting secrets4j.remote.cache.ttl must be "
            + "a duration such as 0, 30s, 5m or PT5M, not \"five minutes\"");
    Secrets entries = secrets(CachePolicy.none(), Map.of("secrets4j.cache.max-entries", "-1"));
    assertThatThrownBy(() -> db(entries).getValue())
        .hasMessageContaining("Setting secrets4j.cache.max-entries must be a positive whole number");
  }

  @Test
  void maxEntriesBoundsTheValuesKeptHowOftenTheyAreRead() {
    for (int i = 0; i < 5; i++) {
      store.put("k" + i, "v" + i);
    }
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofMinutes(5)),
        Map.of("secrets4j.cache.max-entries", "2"));
    java.util.function.IntFunction<Secret> key = i ->
        secrets.secret("K" + i).provider("remote").parameter("key", "k" + i).build();
    for (int i = 0; i < 5; i++) {
      assertThat(key.apply(i).getValue()).isEqualTo("v" + i);
      // Hits (quiet reads) do not hold more values than the bound.
      for (int j = 0; j < 10; j++) {
        assertThat(key.apply(i).getValue()).isEqualTo("v" + i);
      }
    }
    assertThat(provider.calls).hasValue(5);
    for (int i = 0; i < 5; i++) {
      assertThat(key.apply(i).getValue()).isEqualTo("v" + i);
    }
    // At most 2 of the 5 values were still kept: at least 3 of the second reads were loads.
    assertThat(provider.calls.get()).isGreaterThanOrEqualTo(8);
  }

  @Test
  void cachePolicyIsTheDeclaredOneOverriddenBySettings() {
    assertThat(secrets(CachePolicy.ttl(Duration.ofMinutes(5))).cachePolicy("remote"))
        .isEqualTo(CachePolicy.ttl(Duration.ofMinutes(5)));
    assertThat(secrets(CachePolicy.none(), Map.of("secrets4j.cache.ttl", "30s",
        "secrets4j.remote.cache.refresh-ahead", "5s")).cachePolicy("remote"))
        .isEqualTo(CachePolicy.ttl(Duration.ofSeconds(30)).withRefreshAhead(Duration.ofSeconds(5)));
    assertThat(secrets(CachePolicy.ttl(Duration.ofMinutes(5)),
        Map.of("secrets4j.remote.cache.ttl", "0")).cachePolicy("remote").enabled()).isFalse();
    Secrets invalid = secrets(CachePolicy.none(), Map.of("secrets4j.remote.cache.ttl", "soon"));
    assertThatThrownBy(() -> invalid.cachePolicy("remote"))
        .isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("Setting secrets4j.remote.cache.ttl must be a duration");
    assertThatThrownBy(() -> invalid.cachePolicy("nope"))
        .isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("No registered provider \"nope\"");
  }

  record Device(String name, String site) {}

  @Test
  void theKeyIsTheRenderedParametersNotTheObject() {
    store.put("nyc", "site-secret");
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofMinutes(1)));
    Secret perSite = secrets.secret("Per site").provider("remote")
        .parameter("key", "{{ obj.site }}").build();
    assertThat(perSite.getValue(new Device("csr1", "nyc"))).isEqualTo("site-secret");
    assertThat(perSite.getValue(new Device("csr2", "nyc"))).isEqualTo("site-secret");
    assertThat(provider.calls).as("two devices, one rendered key, one load").hasValue(1);
  }

  @Test
  void noObjectIsRetained() throws InterruptedException {
    store.put("nyc", "site-secret");
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofMinutes(1)));
    Secret perSite = secrets.secret("Per site").provider("remote")
        .parameter("key", "{{ obj.site }}").build();
    Device device = new Device("csr1", "nyc");
    WeakReference<Device> ref = new WeakReference<>(device);
    perSite.getValue(device);
    device = null;
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(ref.get()).as("the cache holds no reference to the object").isNull();
  }

  @Test
  void refreshAheadReloadsInTheBackgroundWhileServingTheCurrentValue() {
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(10)).withRefreshAhead(Duration.ofSeconds(3)));
    Secret secret = db(secrets);
    assertThat(secret.getValue()).isEqualTo("v1");
    store.put("db", "v2");
    advance(Duration.ofSeconds(6));
    assertThat(secret.getValue()).isEqualTo("v1");
    assertThat(background).as("not yet in the refresh window").isEmpty();
    advance(Duration.ofSeconds(2));
    assertThat(secret.getValue()).isEqualTo("v1");
    assertThat(secret.getValue()).isEqualTo("v1");
    assertThat(background).as("one refresh however many reads").hasSize(1);
    assertThat(provider.calls).hasValue(1);
    background.remove(0).run();
    assertThat(provider.calls).hasValue(2);
    assertThat(secret.getValue()).isEqualTo("v2");
    advance(Duration.ofSeconds(9));
    assertThat(secret.getValue()).as("the refreshed value has a new ttl").isEqualTo("v2");
    assertThat(provider.calls).hasValue(2);
  }

  @Test
  void failedRefreshKeepsTheCurrentValue() {
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(10)).withRefreshAhead(Duration.ofSeconds(3)));
    Secret secret = db(secrets);
    secret.getValue();
    behaviour.set(key -> {
      throw outage();
    });
    advance(Duration.ofSeconds(8));
    assertThat(secret.getValue()).isEqualTo("v1");
    background.remove(0).run();
    assertThat(secret.getValue()).isEqualTo("v1");
    assertThat(secrets.stats().provider("remote").loadFailures()).isEqualTo(1);
  }

  @Test
  void staleValueIsServedWhileTheBackendFailsUpToMaxStale() {
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(10)).withMaxStale(Duration.ofSeconds(60)));
    Secret secret = db(secrets);
    assertThat(secret.getValue()).isEqualTo("v1");
    behaviour.set(key -> {
      throw outage();
    });
    advance(Duration.ofSeconds(11));
    assertThat(secret.getValue()).isEqualTo("v1");
    assertThat(secrets.stats().provider("remote").staleServes()).isEqualTo(1);
    advance(Duration.ofSeconds(60));
    assertThatThrownBy(secret::getValue).isInstanceOf(SecretProviderError.class)
        .hasMessageEndingWith("backend unreachable");
  }

  @Test
  void withoutMaxStaleTheFailureIsThrown() {
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(10)));
    Secret secret = db(secrets);
    secret.getValue();
    behaviour.set(key -> {
      throw outage();
    });
    advance(Duration.ofSeconds(10));
    assertThatThrownBy(secret::getValue).isInstanceOf(SecretProviderError.class);
  }

  @Test
  void notFoundIsAnAnswerNotAnOutage() {
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(10)).withMaxStale(Duration.ofMinutes(5)));
    Secret secret = db(secrets);
    secret.getValue();
    store.remove("db");
    advance(Duration.ofSeconds(11));
    assertThatThrownBy(secret::getValue).isInstanceOf(SecretValueNotFoundError.class);
    assertThatThrownBy(secret::getValue).isInstanceOf(SecretValueNotFoundError.class);
    assertThat(provider.calls).as("not found is not backed off: each request asks").hasValue(3);
    store.put("db", "back");
    assertThat(secret.getValue()).isEqualTo("back");
  }

  @Test
  void repeatedFailuresBackOffAndAreNotCachedAsValues() {
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(10)));
    Secret secret = db(secrets);
    behaviour.set(key -> {
      throw outage();
    });
    assertThatThrownBy(secret::getValue).isInstanceOf(SecretProviderError.class);
    assertThatThrownBy(secret::getValue).isInstanceOf(SecretProviderError.class);
    assertThat(provider.calls).as("within the 1 s back-off the backend is not asked").hasValue(1);
    advance(Duration.ofMillis(1000));
    assertThatThrownBy(secret::getValue).isInstanceOf(SecretProviderError.class);
    assertThat(provider.calls).hasValue(2);
    advance(Duration.ofMillis(1999));
    assertThatThrownBy(secret::getValue).isInstanceOf(SecretProviderError.class);
    assertThat(provider.calls).as("second failure: 2 s back-off").hasValue(2);
    advance(Duration.ofMillis(1));
    behaviour.set(store::get);
    assertThat(secret.getValue()).isEqualTo("v1");
    assertThat(provider.calls).hasValue(3);
    assertThat(secrets.stats().provider("remote").loadFailures()).isEqualTo(2);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void manyThreadsOnAColdKeyMakeOneBackendCall() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    blockLoads(entered, release, key -> "slow-value");
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofMinutes(5)));
    Secret secret = db(secrets);
    ExecutorService pool = Executors.newFixedThreadPool(64);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return secret.getValue();
        }));
      }
      start.countDown();
      entered.await();
      // Give the other threads time to pile up behind the first load (not a timing assertion:
      // the count below must be exactly one however they interleave).
      Thread.sleep(100);
      release.countDown();
      for (Future<String> result : results) {
        assertThat(result.get()).isEqualTo("slow-value");
      }
      assertThat(provider.calls).hasValue(1);
      assertThat(secrets.stats().provider("remote").loads()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void waitersShareTheLoadersFailure() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    blockLoads(entered, release, key -> {
      throw outage();
    });
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofMinutes(5)));
    Secret secret = db(secrets);
    List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8, task -> {
      Thread thread = new Thread(task);
      threads.add(thread);
      return thread;
    });
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> secret.getValue()));
      }
      entered.await();
      // Released only once all 8 callers wait (the loader on the latch, 7 on its load): a sleep
      // was not enough on a loaded machine, where a late caller came after the failure.
      while (threads.size() < 8 || !threads.stream().allMatch(thread ->
          thread.getState() == Thread.State.WAITING
              || thread.getState() == Thread.State.TIMED_WAITING)) {
        Thread.sleep(5);
      }
      release.countDown();
      // Every caller gets its own instance of the error (no two threads throw one object).
      java.util.Set<Throwable> distinct =
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      for (Future<String> result : results) {
        Throwable error = org.assertj.core.api.Assertions.catchThrowable(result::get).getCause();
        assertThat(error).isExactlyInstanceOf(SecretProviderError.class)
            .hasMessage("Secret \"DB\" (provider \"remote\"): backend unreachable");
        distinct.add(error);
      }
      assertThat(distinct).as("one instance per caller").hasSize(8);
      assertThat(provider.calls).hasValue(1);
      Throwable later = org.assertj.core.api.Assertions.catchThrowable(secret::getValue);
      assertThat(later).as("a caller during the back-off gets a copy too")
          .isExactlyInstanceOf(SecretProviderError.class).isNotIn(distinct);
      assertThat(provider.calls).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aWaiterOnAnotherRequestsLoadCanBeInterrupted() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    blockLoads(entered, release, key -> "slow-value");
    // A value that could be served stale: an interrupted waiter must still not wait, nor get it.
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofMinutes(5))
        .withMaxStale(Duration.ofHours(1)));
    Secret secret = db(secrets);
    ExecutorService pool = Executors.newFixedThreadPool(1);
    try {
      Future<String> loader = pool.submit(() -> secret.getValue());
      entered.await();
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      AtomicReference<Boolean> flag = new AtomicReference<>();
      Thread waiter = new Thread(() -> {
        try {
          secret.getValue();
        } catch (Throwable t) {
          thrown.set(t);
          flag.set(Thread.currentThread().isInterrupted());
        }
      });
      waiter.start();
      // Wait until the waiter is parked on the load (not a timing assertion: it only lets the
      // interrupt land while it waits rather than before it asks).
      while (waiter.getState() != Thread.State.WAITING && waiter.isAlive()) {
        Thread.sleep(5);
      }
      waiter.interrupt();
      waiter.join(10_000);
      assertThat(waiter.isAlive()).as("the interrupted waiter returned while the load still runs")
          .isFalse();
      assertThat(thrown.get()).isExactlyInstanceOf(SecretProviderError.class)
          .hasMessage("Secret \"DB\" (provider \"remote\"): Interrupted while waiting for another "
              + "request's load of the same value");
      assertThat(flag.get()).as("interrupt flag restored").isTrue();
      release.countDown();
      assertThat(loader.get()).isEqualTo("slow-value");
      assertThat(secret.getValue()).as("the load went on and was cached").isEqualTo("slow-value");
      assertThat(provider.calls).hasValue(1);
      assertThat(secrets.stats().provider("remote").staleServes()).isZero();
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void invalidationDropsValues() {
    store.put("nyc", "a");
    store.put("sfo", "b");
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofMinutes(5)));
    Secret secret = db(secrets);
    Secret perSite = secrets.secret("Per site").provider("remote").parameter("key", "{{ obj.site }}").build();
    secret.getValue();
    perSite.getValue(new Device("x", "nyc"));
    perSite.getValue(new Device("x", "sfo"));
    assertThat(provider.calls).hasValue(3);

    secrets.invalidate(perSite, new Device("y", "nyc"));
    perSite.getValue(new Device("x", "nyc"));
    perSite.getValue(new Device("x", "sfo"));
    assertThat(provider.calls).hasValue(4);

    secrets.invalidate(secret);
    secret.getValue();
    perSite.getValue(new Device("x", "sfo"));
    assertThat(provider.calls).as("invalidating db dropped only db").hasValue(5);

    secrets.invalidateAll();
    secret.getValue();
    perSite.getValue(new Device("x", "nyc"));
    assertThat(provider.calls).hasValue(7);
  }

  @Test
  void closedOrInvalidatedValuesAreNotKeptAliveBySecrets() throws InterruptedException {
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofMinutes(5)));
    behaviour.set(key -> new String("a value only the cache holds"));
    Secret secret = db(secrets);
    WeakReference<String> value = new WeakReference<>(secret.getValue());
    assertThat(secret.getValue()).isEqualTo("a value only the cache holds");
    secrets.close();
    for (int i = 0; i < 50 && value.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(value.get()).as("the secret (still referenced) no longer reaches the value").isNull();
    assertThat(secret).isNotNull();
  }

  @Test
  void closeDropsValuesAndStopsTheRuntime() {
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofMinutes(5)));
    Secret secret = db(secrets);
    secret.getValue();
    secrets.close();
    assertThatThrownBy(secret::getValue).isInstanceOf(IllegalStateException.class);
    assertThat(secrets.stats().total().loads()).isEqualTo(1);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void anInvalidationDuringALoadWinsOverTheLoadedValue() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // The value is read before the load blocks: what it brings back predates the invalidation.
    blockLoads(entered, release, store::get);
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofMinutes(5)));
    Secret secret = db(secrets);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<String> loading = pool.submit(() -> secret.getValue());
      entered.await();
      secrets.invalidate(secret);
      store.put("db", "v2");
      release.countDown();
      assertThat(loading.get()).as("the caller that loaded gets what it loaded").isEqualTo("v1");
      behaviour.set(store::get);
      assertThat(secret.getValue()).as("the value loaded before the invalidation is not kept")
          .isEqualTo("v2");
      assertThat(provider.calls).hasValue(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void ttlsAreShortenedByARandomSpreadDrawnFromTheInjectedSource() {
    // nextDouble() is 0.5 for these bits; a 20% spread takes 10% off the 10 s ttl.
    randomBits.set(Long.MIN_VALUE);
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(10))
        .withRefreshAhead(Duration.ofSeconds(3)), Map.of("secrets4j.remote.cache.jitter", "20%"));
    Secret secret = db(secrets);
    secret.getValue();
    store.put("db", "v2");
    advance(Duration.ofMillis(5999));
    assertThat(secret.getValue()).isEqualTo("v1");
    assertThat(background).as("the refresh point moved with the ttl: 9 s - 3 s").isEmpty();
    advance(Duration.ofMillis(1));
    assertThat(secret.getValue()).isEqualTo("v1");
    assertThat(background).hasSize(1);
    background.clear();
    advance(Duration.ofMillis(2999));
    assertThat(secret.getValue()).isEqualTo("v1");
    advance(Duration.ofMillis(1));
    assertThat(secret.getValue()).as("expired at 9 s, not 10 s").isEqualTo("v2");
    assertThat(provider.calls).hasValue(2);
  }

  @Test
  void theDefaultSpreadIsTenPercent() {
    randomBits.set(-1L);
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(100)));
    Secret secret = db(secrets);
    secret.getValue();
    store.put("db", "v2");
    advance(Duration.ofMillis(89_999));
    assertThat(secret.getValue()).isEqualTo("v1");
    advance(Duration.ofMillis(2));
    assertThat(secret.getValue()).as("just under 10% off the ttl").isEqualTo("v2");
  }

  @Test
  void anInvalidSpreadIsAProviderErrorNamingTheSetting() {
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(10)),
        Map.of("secrets4j.cache.jitter", "60%"));
    assertThatThrownBy(() -> db(secrets).getValue())
        .isExactlyInstanceOf(SecretProviderError.class)
        .hasMessage("Secret \"DB\" (provider \"remote\"): Setting secrets4j.cache.jitter must be "
            + "a percentage from 0 to 50, such as 10%, not \"60%\"");
    Secrets garbled = secrets(CachePolicy.ttl(Duration.ofSeconds(10)),
        Map.of("secrets4j.cache.jitter", "1%0"));
    assertThatThrownBy(() -> db(garbled).getValue())
        .hasMessageEndingWith("Setting secrets4j.cache.jitter must be a percentage from 0 to 50, "
            + "such as 10%, not \"1%0\"");
  }

  @Test
  void anInvalidationDuringABackgroundRefreshWinsOverTheRefreshedValue() {
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(10))
        .withRefreshAhead(Duration.ofSeconds(3)));
    Secret secret = db(secrets);
    assertThat(secret.getValue()).isEqualTo("v1");
    advance(Duration.ofSeconds(8));
    assertThat(secret.getValue()).isEqualTo("v1");
    assertThat(background).as("a refresh was started").hasSize(1);
    store.put("db", "v2");
    secrets.invalidate(secret);
    store.put("db", "v3");
    background.remove(0).run();
    assertThat(provider.calls).as("the refresh ran").hasValue(2);
    assertThat(secret.getValue()).as("what the refresh brought back was not kept")
        .isEqualTo("v3");
    assertThat(provider.calls).hasValue(3);
  }
}
