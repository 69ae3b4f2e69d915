package io.github.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store API: keys, versions, metadata, the default store, and cache invalidation on write. */
class SecretStoreTest {
  private static final String CANARY = "canary-7f3a9c-hunter2";

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-01-01T00:00:00Z"));
  private final InstantSource clock = () -> now.get();
  private final WritableTestProvider provider = new WritableTestProvider("writable", clock);
  private final Secrets secrets = Secrets.builder().discoverProviders(false).provider(provider)
      .provider(new TestProviders.Scripted("read-only", request -> "v"))
      // Metadata naming the kind "password" needs a runtime that knows it (puts check kinds).
      .kind(SecretKindsTest.anyText("password"))
      .setting("secrets4j.cache.ttl", "5m").build();

  @AfterEach
  void close() {
    secrets.close();
  }

  @Test
  void putDescribeListRemoveWithVersionsAndTimes() {
    SecretStore store = secrets.store("writable");
    StoredSecret first = store.put("db", "one");
    assertThat(first.key()).isEqualTo("db");
    assertThat(first.version()).isEqualTo(1);
    assertThat(first.created()).isEqualTo(now.get()).isEqualTo(first.updated());
    assertThat(first.owner()).isEmpty();
    assertThat(first.grants()).isEmpty();
    assertThat(first.metadata()).isEqualTo(SecretMetadata.empty());

    Instant created = now.get();
    now.set(created.plusSeconds(60));
    SecretMetadata metadata = SecretMetadata.builder().kind("password").description("the db")
        .label("team", "core").build();
    StoredSecret second = store.put("db", "two", metadata);
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.created()).isEqualTo(created);
    assertThat(second.updated()).isEqualTo(now.get());
    assertThat(store.describe("db")).contains(second);
    assertThat(store.describe("other")).isEmpty();
    store.put("api", "x");
    assertThat(store.list()).extracting(StoredSecret::key).containsExactly("api", "db");

    assertThat(store.remove("db")).isTrue();
    assertThat(store.remove("db")).isFalse();
    assertThat(store.describe("db")).isEmpty();
    assertThat(store.put("db", "three").version()).isEqualTo(1);
  }

  @Test
  void aPutIsSeenByTheNextReadThoughTheValueWasCached() {
    SecretStore store = secrets.store("writable");
    store.put("db", "one");
    Secret secret = store.secret("db");
    assertThat(secret.getValue()).isEqualTo("one");
    assertThat(secret.getValue()).isEqualTo("one");
    assertThat(provider.reads).hasValue(1);
    store.put("db", "two");
    assertThat(secret.getValue()).isEqualTo("two");
    // A secret defined by hand with the same parameters is invalidated too.
    Secret byHand = secrets.secret("By hand").provider("writable").parameter("key", "db").build();
    assertThat(byHand.getValue()).isEqualTo("two");
    store.remove("db");
    assertThatThrownBy(secret::getValue).isInstanceOf(SecretValueNotFoundError.class);
  }

  @Test
  void secretReadsTheKeyBackThroughTheRuntime() {
    SecretStore store = secrets.store("writable");
    store.put("Prod DB", "pw");
    Secret secret = store.secret("Prod DB");
    assertThat(secret.name()).isEqualTo("Prod DB");
    assertThat(secret.slug()).isEqualTo("prod-db");
    assertThat(secret.provider()).isEqualTo("writable");
    assertThat(secret.parameters()).isEqualTo(Map.of("key", "Prod DB"));
    assertThat(secret.getValue()).isEqualTo("pw");
    assertThat(secrets.getValue(secret)).isEqualTo("pw");
    assertThat(store.secret("***").slug()).isEqualTo("stored-secret");
  }

  @Test
  void keysAreValidated() {
    SecretStore store = secrets.store("writable");
    for (String bad : List.of("", "  ", "a\nb", "a\u0000b", "tab\tkey", "x".repeat(513),
        "{{ obj.x }}", "a{%b", "a{#b")) {
      assertThatThrownBy(() -> store.put(bad, "v")).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.describe(bad)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.remove(bad)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.secret(bad)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.grant(bad, "p")).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> store.put("x".repeat(513), "v"))
        .hasMessage("key is 513 chars long; at most 512 are allowed");
    assertThat(store.put("x".repeat(512), "v").version()).isEqualTo(1);
    assertThat(store.put("ünïcode/with spaces.and-dots", "v").version()).isEqualTo(1);
    assertThatThrownBy(() -> store.grant("k", "bad\nprincipal"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aProviderThatCannotWriteIsRefusedNamingTheWritableSlugs() {
    assertThatThrownBy(() -> secrets.store("read-only"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Provider \"read-only\" cannot store secrets; providers that can: writable");
  }

  @Test
  void anUnknownSlugIsTheSameErrorAsElsewhere() {
    Throwable store = org.assertj.core.api.Assertions.catchThrowable(() -> secrets.store("nope"));
    Throwable secret = org.assertj.core.api.Assertions.catchThrowable(
        () -> secrets.secret("S").provider("nope").build());
    assertThat(store).isInstanceOf(SecretProviderError.class);
    assertThat(((SecretError) store).reason()).isEqualTo(((SecretError) secret).reason());
  }

  @Test
  void theDefaultStoreIsTheSettingElseEncryptedFile() {
    assertThatThrownBy(secrets::store)
        .isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("No registered provider \"encrypted-file\" is available")
        .hasMessageContaining("add io.github.secrets4j:secrets4j-provider-encrypted-file");
    try (Secrets configured = Secrets.builder().discoverProviders(false)
        .provider(new WritableTestProvider("writable", clock))
        .setting(Secrets.STORE_SETTING, "writable").build()) {
      assertThat(configured.store().provider()).isEqualTo("writable");
    }
  }

  @Test
  void aClosedRuntimeRefusesStores() {
    SecretStore store = secrets.store("writable");
    secrets.close();
    assertThatThrownBy(() -> store.put("k", "v")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(store::list).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> secrets.store("writable")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void metadataIsImmutableValidatedAndDefaultsToOpaque() {
    assertThat(SecretMetadata.empty().kind()).isEqualTo("opaque");
    assertThat(SecretMetadata.empty().description()).isEmpty();
    assertThat(SecretMetadata.empty().labels()).isEmpty();
    SecretMetadata.Builder builder = SecretMetadata.builder().labels(Map.of("b", "2", "a", "1"));
    SecretMetadata metadata = builder.build();
    builder.label("c", "3");
    assertThat(metadata.labels()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    assertThatThrownBy(() -> metadata.labels().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(metadata.toBuilder().kind("token").build().labels()).isEqualTo(metadata.labels());
    assertThatThrownBy(() -> SecretMetadata.builder().kind("Not A Slug"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SecretMetadata.builder().kind("k".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SecretMetadata.builder().description("a\nb"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SecretMetadata.builder().label("", "v"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SecretMetadata.builder().label("n", "v".repeat(513)))
        .isInstanceOf(IllegalArgumentException.class);
    SecretMetadata.Builder many = SecretMetadata.builder();
    for (int i = 0; i < 64; i++) {
      many.label("l" + i, "v");
    }
    many.label("l0", "replaced");
    assertThatThrownBy(() -> many.label("one-too-many", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("at most 64 labels are allowed");
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, String> raw = (Map) Map.of("n", 1);
    assertThatThrownBy(() -> SecretMetadata.builder().labels(raw))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void storedSecretIsImmutableAndNamesOnlyKeyAndVersion() {
    Instant t = Instant.EPOCH;
    StoredSecret stored = StoredSecret.builder("k\u202e").version(3).created(t).updated(t)
        .metadata(SecretMetadata.builder().description("desc").build()).owner("alice")
        .grants(Set.of("bob")).build();
    assertThat(stored).hasToString("StoredSecret{key=\"k\\u202e\", version=3}");
    assertThatThrownBy(() -> stored.grants().add("eve"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(stored.readableBy("alice")).isTrue();
    assertThat(stored.readableBy("bob")).isTrue();
    assertThat(stored.readableBy("eve")).isFalse();
    assertThatThrownBy(() -> StoredSecret.builder("k").version(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StoredSecret.builder("k").created(t).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> StoredSecret.builder("k").created(t.plusSeconds(1)).updated(t).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void noValueReachesAnyToStringOrError() {
    SecretStore store = secrets.store("writable");
    StoredSecret stored = store.put("k", CANARY, SecretMetadata.builder().label("l", "v").build());
    Secrets alice = secrets.forPrincipal("alice");
    Throwable denied = org.assertj.core.api.Assertions.catchThrowable(
        () -> alice.getValue(store.secret("k")));
    assertThat(denied).isInstanceOf(SecretAccessDeniedError.class);
    for (Object printed : List.of(store, stored, stored.metadata(), store.list(), secrets, alice,
        alice.store("writable"), store.secret("k"), denied.getMessage(), String.valueOf(denied))) {
      assertThat(String.valueOf(printed)).doesNotContain(CANARY);
    }
  }

  @Test
  void anExceptionEscapingAWriterLosesItsMessage() {
    SecretsProviderWithFailingWriter failing = new SecretsProviderWithFailingWriter();
    try (Secrets runtime = Secrets.builder().discoverProviders(false).provider(failing).build()) {
      assertThatThrownBy(() -> runtime.store("failing").put("k", CANARY))
          .isInstanceOf(SecretUnexpectedError.class)
          .hasMessage("Secret \"k\" (provider \"failing\"): The provider failed unexpectedly: "
              + "java.lang.IllegalStateException")
          .satisfies(e -> assertThat(e.getCause().getMessage()).doesNotContain(CANARY));
    }
  }

  /** A writer whose put throws an exception quoting the value. */
  private static final class SecretsProviderWithFailingWriter
      implements io.github.secrets4j.spi.SecretsProvider {
    private final WritableTestProvider delegate =
        new WritableTestProvider("failing", InstantSource.system());

    @Override
    public String slug() {
      return "failing";
    }

    @Override
    public String getValue(io.github.secrets4j.spi.SecretRequest request) {
      return "v";
    }

    @Override
    public java.util.Optional<io.github.secrets4j.spi.SecretWriter> writer() {
      return java.util.Optional.of(new io.github.secrets4j.spi.SecretWriter() {
        @Override
        public StoredSecret put(String key, String value, SecretMetadata metadata, String owner) {
          throw new IllegalStateException("could not write " + value);
        }

        @Override
        public java.util.Optional<StoredSecret> describe(String key) {
          return delegate.describe(key);
        }

        @Override
        public List<StoredSecret> list() {
          return delegate.list();
        }

        @Override
        public boolean remove(String key, String owner) {
          return delegate.remove(key, owner);
        }

        @Override
        public java.util.Optional<StoredSecret> grant(String key, String principal,
            String owner) {
          return delegate.grant(key, principal, owner);
        }

        @Override
        public java.util.Optional<StoredSecret> revoke(String key, String principal,
            String owner) {
          return delegate.revoke(key, principal, owner);
        }

        @Override
        public Map<String, String> parameters(String key) {
          return delegate.parameters(key);
        }

        @Override
        public java.util.Optional<String> key(Map<String, String> parameters) {
          return delegate.key(parameters);
        }
      });
    }
  }
}
