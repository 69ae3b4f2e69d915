package io.github.secrets4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretChange;
import io.github.secrets4j.Secrets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Change events of a store carry its versions; a failing listener is logged without a value. */
class ChangeEventsTest {
  @Test
  void aChangeOfAStoredValueCarriesTheStoresVersion() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
    InMemorySecretsProvider store = InMemorySecretsProvider.create(now::get).put("db", "v1");
    List<SecretChange> changes = new CopyOnWriteArrayList<>();
    try (Secrets secrets = Secrets.builder().discoverProviders(false).provider(store)
        .timeSource(now::get).setting("secrets4j.in-memory.cache.ttl", "10s").build()) {
      Secret secret = secrets.secret("DB").provider("in-memory").parameter("key", "db").build();
      try (AutoCloseable subscription = secrets.onChange(secret, null, changes::add)) {
        assertThat(secret.getValue()).isEqualTo("v1");
        store.put("db", "v2");
        store.put("db", "v3");
        now.set(Instant.EPOCH.plusSeconds(10));
        assertThat(secret.getValue()).isEqualTo("v3");
      }
    }
    assertThat(changes).containsExactly(
        SecretChange.of("DB", "db", "in-memory", 3, Instant.EPOCH.plusSeconds(10)));
  }

  @Test
  void aFailingListenerIsLoggedAtWarnEscapedWithoutTheValueOrTheExceptionsMessage()
      throws Exception {
    String canary = "canary-change-" + System.nanoTime();
    String name = "DB\n[ERROR] forged line";
    AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
    InMemorySecretsProvider store = InMemorySecretsProvider.create(now::get).put("db", canary);
    CapturingLogs.clear();
    List<SecretChange> changes = new CopyOnWriteArrayList<>();
    try (Secrets secrets = Secrets.builder().discoverProviders(false).provider(store)
        .timeSource(now::get).setting("secrets4j.in-memory.cache.ttl", "10s").build()) {
      Secret secret = secrets.secret(name).slug("db").provider("in-memory")
          .parameter("key", "db").build();
      AutoCloseable failing = secrets.onChange(secret, null, change -> {
        throw new IllegalStateException("listener saw " + canary);
      });
      AutoCloseable any = secrets.onAnyChange(changes::add);
      assertThat(secret.getValue()).isEqualTo(canary);
      store.put("db", canary + "-rotated");
      now.set(Instant.EPOCH.plusSeconds(10));
      assertThat(secret.getValue()).isEqualTo(canary + "-rotated");
      failing.close();
      any.close();
    }
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).toString()).doesNotContain(canary);
    assertThat(CapturingLogs.events())
        .anySatisfy(event -> assertThat(event)
            .startsWith("WARN ")
            .contains("A change listener of secret \"DB\\u000a[ERROR] forged line\" "
                + "(provider \"in-memory\") failed: java.lang.IllegalStateException"))
        .allSatisfy(event -> assertThat(event).doesNotContain(canary)
            .doesNotContain("\n[ERROR] forged"));
  }
}
