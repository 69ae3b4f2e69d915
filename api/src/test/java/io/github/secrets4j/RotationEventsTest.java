package io.github.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.spi.CachePolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Secrets.onChange and onAnyChange, driven by the cache's injected clock and executor. */
class RotationEventsTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private final AtomicReference<Instant> now = new AtomicReference<>(START);
  private final InstantSource clock = now::get;
  private final List<Runnable> background = new ArrayList<>();
  private final Map<String, String> store = new ConcurrentHashMap<>(Map.of("db", "v1"));
  private final TestProviders.Scripted provider = new TestProviders.Scripted("remote", request -> {
    String value = store.get(request.parameter("key"));
    if (value == null) {
      throw request.notFound("no such key");
    }
    return value;
  });
  private final List<SecretChange> changes = new CopyOnWriteArrayList<>();
  private final List<String> threads = new CopyOnWriteArrayList<>();
  private final List<Secrets> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(Secrets::close);
  }

  private Secrets secrets(CachePolicy policy) {
    provider.policy = policy;
    Secrets secrets = Secrets.builder().discoverProviders(false).provider(provider)
        .timeSource(clock).refreshExecutor(background::add).random(() -> 0L).build();
    opened.add(secrets);
    return secrets;
  }

  private static Secret db(Secrets secrets) {
    return secrets.secret("DB password").slug("db-password").provider("remote")
        .parameter("key", "db").build();
  }

  private void record(SecretChange change) {
    changes.add(change);
    threads.add(Thread.currentThread().getName());
  }

  private void advance(Duration duration) {
    now.updateAndGet(instant -> instant.plus(duration));
  }

  private void runBackground() {
    List<Runnable> tasks = new ArrayList<>(background);
    background.clear();
    tasks.forEach(Runnable::run);
  }

  @Test
  void aReadAfterTheTtlThatFindsANewValueTellsTheSubscriber() throws Exception {
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(10)));
    Secret secret = db(secrets);
    try (AutoCloseable subscription = secrets.onChange(secret, null, this::record)) {
      assertThat(secret.getValue()).isEqualTo("v1");
      assertThat(changes).as("the first load is no change").isEmpty();
      store.put("db", "v2");
      advance(Duration.ofSeconds(9));
      assertThat(secret.getValue()).isEqualTo("v1");
      assertThat(changes).isEmpty();
      advance(Duration.ofSeconds(1));
      assertThat(secret.getValue()).isEqualTo("v2");
    }
    assertThat(changes).containsExactly(
        SecretChange.of("DB password", "db-password", "remote", START.plusSeconds(10)));
    assertThat(changes.get(0).version()).as("the provider is no store").isEmpty();
    assertThat(threads).as("told in the thread that loaded")
        .containsExactly(Thread.currentThread().getName());
  }

  @Test
  void aSubscriptionIsCheckedAsAReadOfTheValueWouldBe() {
    TestProviders.Scripted restricted = new TestProviders.Scripted("restricted", request -> "v") {
      @Override
      public void authorize(io.github.secrets4j.spi.SecretRequest request) {
        if (request.parameter("key").startsWith("admin")) {
          throw request.accessDenied("Access denied: not an admin key");
        }
      }
    };
    restricted.parameters = List.of(
        io.github.secrets4j.spi.ParameterSpec.required("key", "the key"));
    Secrets secrets = Secrets.builder().discoverProviders(false).provider(restricted).build();
    opened.add(secrets);
    Secret admin = secrets.secret("admin").provider("restricted").parameter("key", "admin-pw")
        .build();
    assertThatThrownBy(() -> secrets.onChange(admin, null, this::record))
        .isInstanceOf(SecretAccessDeniedError.class)
        .hasMessageContaining("not an admin key");
    assertThatThrownBy(admin::getValue).isInstanceOf(SecretAccessDeniedError.class);
    Secret blank = secrets.secret("blank").provider("restricted").parameter("key", " ").build();
    assertThatThrownBy(() -> secrets.onChange(blank, null, this::record))
        .isInstanceOf(SecretParametersError.class)
        .hasMessageContaining("The \"key\" parameter is mandatory!");
  }

  @Test
  void aSubscriptionClosedWhileAChangeIsToldIsNotCalledForIt() throws Exception {
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(10)));
    Secret secret = db(secrets);
    assertThat(secret.getValue()).isEqualTo("v1");
    List<String> called = new CopyOnWriteArrayList<>();
    AtomicReference<AutoCloseable> second = new AtomicReference<>();
    AtomicReference<AutoCloseable> anySecond = new AtomicReference<>();
    // The first listeners close the second ones while the same change is being told.
    try (AutoCloseable first = secrets.onChange(secret, null, change -> {
          called.add("first");
          close(second.get());
        });
        AutoCloseable anyFirst = secrets.onAnyChange(change -> {
          called.add("any first");
          close(anySecond.get());
        })) {
      second.set(secrets.onChange(secret, null, change -> called.add("second")));
      anySecond.set(secrets.onAnyChange(change -> called.add("any second")));
      store.put("db", "v2");
      advance(Duration.ofSeconds(10));
      assertThat(secret.getValue()).isEqualTo("v2");
    }
    assertThat(called).containsExactly("first", "any first");
  }

  private static void close(AutoCloseable subscription) {
    try {
      subscription.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aRefreshAheadThatFindsANewValueTellsTheSubscriberFromTheRefresh() throws Exception {
    Secrets secrets = secrets(
        CachePolicy.ttl(Duration.ofSeconds(10)).withRefreshAhead(Duration.ofSeconds(3)));
    Secret secret = db(secrets);
    assertThat(secret.getValue()).isEqualTo("v1");
    AutoCloseable subscription = secrets.onChange(secret, null, this::record);
    store.put("db", "v2");
    advance(Duration.ofSeconds(8));
    assertThat(secret.getValue()).isEqualTo("v1");
    assertThat(changes).as("nothing until the refresh runs").isEmpty();
    assertThat(background).hasSize(1);
    Thread refresh = new Thread(this::runBackground, "refresh-thread");
    refresh.start();
    refresh.join();
    assertThat(changes).containsExactly(
        SecretChange.of("DB password", "db-password", "remote", START.plusSeconds(8)));
    assertThat(threads).containsExactly("refresh-thread");
    assertThat(secret.getValue()).isEqualTo("v2");
    assertThat(changes).as("serving the refreshed value is no second change").hasSize(1);
    subscription.close();
  }

  @Test
  void aReadAfterAnInvalidationThatFindsANewValueTellsTheSubscriber() throws Exception {
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofMinutes(10)));
    Secret secret = db(secrets);
    AutoCloseable subscription = secrets.onChange(secret, null, this::record);
    assertThat(secret.getValue()).isEqualTo("v1");
    store.put("db", "v2");
    secrets.invalidate(secret);
    assertThat(changes).as("an invalidation alone loads nothing").isEmpty();
    assertThat(secret.getValue()).isEqualTo("v2");
    assertThat(changes).hasSize(1);
    secrets.invalidateAll();
    store.put("db", "v3");
    assertThat(secret.getValue()).isEqualTo("v3");
    assertThat(changes).hasSize(2);
    subscription.close();
  }

  @Test
  void anEqualValueIsNoChange() throws Exception {
    Secrets secrets = secrets(
        CachePolicy.ttl(Duration.ofSeconds(10)).withRefreshAhead(Duration.ofSeconds(3)));
    Secret secret = db(secrets);
    AutoCloseable subscription = secrets.onChange(secret, null, this::record);
    secret.getValue();
    advance(Duration.ofSeconds(8));
    secret.getValue();
    runBackground();
    advance(Duration.ofSeconds(20));
    secret.getValue();
    secrets.invalidate(secret);
    secret.getValue();
    assertThat(provider.calls).as("three loads after the first").hasValue(4);
    assertThat(changes).isEmpty();
    subscription.close();
  }

  @Test
  void aRefreshWhoseEntryWasReplacedMeanwhileTellsNothing() throws Exception {
    Secrets secrets = secrets(
        CachePolicy.ttl(Duration.ofSeconds(10)).withRefreshAhead(Duration.ofSeconds(3)));
    Secret secret = db(secrets);
    assertThat(secret.getValue()).isEqualTo("v1");
    try (AutoCloseable subscription = secrets.onChange(secret, null, this::record)) {
      advance(Duration.ofSeconds(8));
      assertThat(secret.getValue()).isEqualTo("v1");
      assertThat(background).as("a refresh is scheduled").hasSize(1);
      // Before the refresh runs, the value is invalidated and read again: v2 is cached.
      store.put("db", "v2");
      secrets.invalidate(secret);
      assertThat(secret.getValue()).isEqualTo("v2");
      assertThat(changes).hasSize(1);
      // The refresh then loads (the backend answers v3 now) but its entry is gone: v3 is not
      // cached, so it is no change of the cached value.
      store.put("db", "v3");
      runBackground();
      assertThat(secret.getValue()).isEqualTo("v2");
      assertThat(changes).as("only v1 to v2").hasSize(1);
    }
  }

  @Test
  void theFirstLoadIsNoChangeAndASubscriptionComparesWithTheValueCachedWhenMade()
      throws Exception {
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(10)));
    Secret secret = db(secrets);
    assertThat(secret.getValue()).isEqualTo("v1");
    AutoCloseable subscription = secrets.onChange(secret, null, this::record);
    store.put("db", "v2");
    advance(Duration.ofSeconds(10));
    assertThat(secret.getValue()).isEqualTo("v2");
    assertThat(changes).as("v1 was cached when subscribing").hasSize(1);
    subscription.close();

    Secret other = secrets.secret("Other").provider("remote").parameter("key", "other").build();
    store.put("other", "o1");
    AutoCloseable second = secrets.onChange(other, null, this::record);
    assertThat(other.getValue()).isEqualTo("o1");
    assertThat(changes).as("nothing was cached: the first load is no change").hasSize(1);
    second.close();
  }

  @Test
  void aClosedSubscriptionIsNotCalledAndClosingAgainDoesNothing() throws Exception {
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(10)));
    Secret secret = db(secrets);
    List<SecretChange> kept = new CopyOnWriteArrayList<>();
    AutoCloseable closed = secrets.onChange(secret, null, this::record);
    AutoCloseable open = secrets.onChange(secret, null, kept::add);
    secret.getValue();
    closed.close();
    closed.close();
    store.put("db", "v2");
    advance(Duration.ofSeconds(10));
    secret.getValue();
    assertThat(changes).isEmpty();
    assertThat(kept).as("closing one twice leaves the other").hasSize(1);
    open.close();
    store.put("db", "v3");
    advance(Duration.ofSeconds(10));
    secret.getValue();
    assertThat(kept).hasSize(1);
  }

  @Test
  void aListenerThatThrowsBreaksNeitherTheReadNorTheOtherListeners() throws Exception {
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(10)));
    Secret secret = db(secrets);
    AutoCloseable failing = secrets.onChange(secret, null, change -> {
      throw new IllegalStateException("listener bug");
    });
    AutoCloseable working = secrets.onChange(secret, null, this::record);
    AutoCloseable any = secrets.onAnyChange(change -> {
      throw new IllegalStateException("metrics bug");
    });
    secret.getValue();
    store.put("db", "v2");
    advance(Duration.ofSeconds(10));
    assertThat(secret.getValue()).isEqualTo("v2");
    assertThat(changes).hasSize(1);
    failing.close();
    working.close();
    any.close();
  }

  @Test
  void theEventAndItsTextHoldNoValue() throws Exception {
    String old = "old-canary-" + System.nanoTime();
    String fresh = "new-canary-" + System.nanoTime();
    store.put("db", old);
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(10)));
    Secret secret = db(secrets);
    AutoCloseable subscription = secrets.onChange(secret, null, this::record);
    secret.getValue();
    store.put("db", fresh);
    advance(Duration.ofSeconds(10));
    secret.getValue();
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).toString())
        .isEqualTo("SecretChange{secret=\"DB password\", slug=\"db-password\", "
            + "provider=\"remote\", time=2026-01-01T00:00:10Z}")
        .doesNotContain(old).doesNotContain(fresh);
    subscription.close();
  }

  @Test
  void anUncachedProviderIsComparedAtEachRead() throws Exception {
    Secrets secrets = secrets(CachePolicy.none());
    Secret secret = db(secrets);
    AutoCloseable subscription = secrets.onChange(secret, null, this::record);
    secret.getValue();
    secret.getValue();
    assertThat(changes).isEmpty();
    store.put("db", "v2");
    secret.getValue();
    secret.getValue();
    assertThat(changes).hasSize(1);
    subscription.close();
  }

  @Test
  void aWatchedValueIsNotKeptAliveAfterItsInvalidation() throws Exception {
    TestProviders.Scripted fresh = new TestProviders.Scripted("fresh",
        request -> new String("a value only the cache holds"));
    fresh.policy = CachePolicy.ttl(Duration.ofMinutes(5));
    Secrets secrets = Secrets.builder().discoverProviders(false).provider(fresh)
        .timeSource(clock).refreshExecutor(background::add).build();
    opened.add(secrets);
    Secret secret = secrets.secret("Fresh").provider("fresh").parameter("key", "k").build();
    AutoCloseable subscription = secrets.onChange(secret, null, this::record);
    AutoCloseable any = secrets.onAnyChange(this::record);
    java.lang.ref.WeakReference<String> value =
        new java.lang.ref.WeakReference<>(secret.getValue());
    secrets.invalidateAll();
    for (int i = 0; i < 50 && value.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(value.get()).as("the subscriptions keep a digest, not the value").isNull();
    subscription.close();
    any.close();
  }

  record Device(String site) {}

  @Test
  void aTemplatedSecretIsWatchedForTheObjectItWasSubscribedWith() throws Exception {
    store.put("nyc", "n1");
    store.put("sfo", "s1");
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(10)));
    Secret perSite = secrets.secret("Per site").provider("remote")
        .parameter("key", "{{ obj.site }}").build();
    AutoCloseable subscription = secrets.onChange(perSite, new Device("nyc"), this::record);
    perSite.getValue(new Device("nyc"));
    perSite.getValue(new Device("sfo"));
    store.put("nyc", "n2");
    store.put("sfo", "s2");
    advance(Duration.ofSeconds(10));
    perSite.getValue(new Device("sfo"));
    assertThat(changes).as("sfo is not watched").isEmpty();
    perSite.getValue(new Device("nyc"));
    assertThat(changes).hasSize(1);
    subscription.close();
  }

  @Test
  void onAnyChangeTellsEveryChangeOfTheRuntimeAndAViewOnlyWhatItMayRead() throws Exception {
    store.put("other", "o1");
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(10)));
    Secret secret = db(secrets);
    Secret other = secrets.secret("Other").provider("remote").parameter("key", "other").build();
    List<SecretChange> seenByView = new CopyOnWriteArrayList<>();
    Secrets view = secrets.withPolicy(SecretsPolicy.builder().allow("remote", rule -> rule.equalTo("key", "other")).build());
    AutoCloseable all = secrets.onAnyChange(this::record);
    AutoCloseable viewed = view.onAnyChange(seenByView::add);
    secret.getValue();
    other.getValue();
    store.put("db", "v2");
    store.put("other", "o2");
    advance(Duration.ofSeconds(10));
    secret.getValue();
    other.getValue();
    assertThat(changes).extracting(SecretChange::secretName).containsExactly("DB password", "Other");
    assertThat(seenByView).extracting(SecretChange::secretName).containsExactly("Other");
    all.close();
    viewed.close();
    store.put("db", "v3");
    advance(Duration.ofSeconds(10));
    secret.getValue();
    assertThat(changes).hasSize(2);
    assertThatThrownBy(() -> secrets.forPrincipal("alice").onAnyChange(this::record))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void subscribingChecksTheArgumentsTheViewAndTheRuntime() {
    Secrets secrets = secrets(CachePolicy.ttl(Duration.ofSeconds(10)));
    Secret secret = db(secrets);
    assertThatThrownBy(() -> secrets.onChange(secret, null, null))
        .isInstanceOf(NullPointerException.class).hasMessage("listener");
    Secrets view = secrets.withPolicy(SecretsPolicy.builder().allow("remote", rule -> rule.equalTo("key", "other")).build());
    assertThatThrownBy(() -> view.onChange(secret, null, this::record))
        .isInstanceOf(SecretAccessDeniedError.class);
    secrets.close();
    assertThatThrownBy(() -> secrets.onChange(secret, null, this::record))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> secrets.onAnyChange(this::record))
        .isInstanceOf(IllegalStateException.class);
  }
}
