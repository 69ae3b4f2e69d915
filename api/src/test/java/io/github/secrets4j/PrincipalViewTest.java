package io.github.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Secrets#forPrincipal}: owners, grants, and what a principal view may see and change. */
class PrincipalViewTest {
  private final WritableTestProvider provider =
      new WritableTestProvider("writable", InstantSource.system());
  private final Secrets secrets = Secrets.builder().discoverProviders(false).provider(provider)
      .setting("secrets4j.cache.ttl", "5m").build();
  private final Secrets alice = secrets.forPrincipal("alice");
  private final Secrets bob = secrets.forPrincipal("bob");

  @AfterEach
  void close() {
    secrets.close();
  }

  @Test
  void aPutThroughAPrincipalViewRecordsTheOwnerWhoAloneMayRead() {
    StoredSecret stored = alice.store("writable").put("k", "v");
    assertThat(stored.owner()).contains("alice");
    assertThat(alice.store("writable").secret("k").getValue()).isEqualTo("v");
    assertThat(alice.getValue(secrets.store("writable").secret("k"))).isEqualTo("v");
    assertThatThrownBy(() -> bob.store("writable").secret("k").getValue())
        .isInstanceOf(SecretAccessDeniedError.class)
        .hasMessage("Secret \"k\" (provider \"writable\"): Access denied: principal \"bob\" "
            + "neither owns nor was granted the stored key \"k\"");
    // The host is trusted: grants are not checked outside principal views.
    assertThat(secrets.store("writable").secret("k").getValue()).isEqualTo("v");
  }

  @Test
  void aCachedValueIsStillCheckedForEveryPrincipal() {
    alice.store("writable").put("k", "v");
    Secret secret = secrets.store("writable").secret("k");
    assertThat(alice.getValue(secret)).isEqualTo("v");
    assertThat(secrets.getValue(secret)).isEqualTo("v");
    assertThat(provider.reads).hasValue(1);
    assertThatThrownBy(() -> bob.getValue(secret)).isInstanceOf(SecretAccessDeniedError.class);
  }

  @Test
  void grantsAllowReadsUntilRevoked() {
    SecretStore aliceStore = alice.store("writable");
    aliceStore.put("k", "v");
    Secret secret = bob.store("writable").secret("k");
    aliceStore.grant("k", "bob");
    assertThat(secret.getValue()).isEqualTo("v");
    assertThat(bob.store("writable").describe("k").orElseThrow().grants()).containsExactly("bob");
    aliceStore.revoke("k", "bob");
    assertThatThrownBy(secret::getValue).isInstanceOf(SecretAccessDeniedError.class);
    // The host's store may grant too.
    secrets.store("writable").grant("k", "bob");
    assertThat(secret.getValue()).isEqualTo("v");
  }

  @Test
  void anEntryWithoutOwnerIsReadableByNoPrincipalUnlessGranted() {
    secrets.store("writable").put("k", "v");
    assertThatThrownBy(() -> alice.store("writable").secret("k").getValue())
        .isInstanceOf(SecretAccessDeniedError.class);
    assertThat(alice.store("writable").describe("k")).isEmpty();
    secrets.store("writable").grant("k", "alice");
    assertThat(alice.store("writable").secret("k").getValue()).isEqualTo("v");
    // Granted is not owner: alice may not replace, remove or share it.
    assertThatThrownBy(() -> alice.store("writable").put("k", "w"))
        .isInstanceOf(SecretAccessDeniedError.class);
    assertThatThrownBy(() -> alice.store("writable").remove("k"))
        .isInstanceOf(SecretAccessDeniedError.class);
    assertThatThrownBy(() -> alice.store("writable").grant("k", "bob"))
        .isInstanceOf(SecretAccessDeniedError.class);
    assertThat(secrets.store("writable").secret("k").getValue()).isEqualTo("v");
  }

  @Test
  void anAbsentKeyIsRefusedAsAForeignOneIs() {
    assertThatThrownBy(() -> alice.store("writable").secret("missing").getValue())
        .isInstanceOf(SecretAccessDeniedError.class)
        .hasMessageContaining("neither owns nor was granted the stored key \"missing\"");
  }

  @Test
  void listAndDescribeShowOnlyWhatThePrincipalOwnsOrWasGranted() {
    alice.store("writable").put("a1", "v");
    alice.store("writable").put("a2", "v");
    bob.store("writable").put("b1", "v");
    secrets.store("writable").put("host", "v");
    bob.store("writable").grant("b1", "alice");
    assertThat(alice.store("writable").list()).extracting(StoredSecret::key)
        .containsExactly("a1", "a2", "b1");
    assertThat(bob.store("writable").list()).extracting(StoredSecret::key).containsExactly("b1");
    assertThat(secrets.store("writable").list()).extracting(StoredSecret::key)
        .containsExactly("a1", "a2", "b1", "host");
    assertThat(bob.store("writable").describe("a1")).isEmpty();
    assertThat(alice.store("writable").describe("b1")).isPresent();
  }

  @Test
  void onlyTheOwnerReplacesRemovesGrantsAndRevokes() {
    alice.store("writable").put("k", "v");
    SecretStore bobStore = bob.store("writable");
    assertThatThrownBy(() -> bobStore.put("k", "stolen"))
        .isInstanceOf(SecretAccessDeniedError.class)
        .hasMessage("Secret \"k\" (provider \"writable\"): Access denied: principal \"bob\" does "
            + "not own the stored key \"k\"");
    assertThatThrownBy(() -> bobStore.grant("k", "bob")).isInstanceOf(SecretAccessDeniedError.class);
    assertThatThrownBy(() -> bobStore.revoke("k", "alice"))
        .isInstanceOf(SecretAccessDeniedError.class);
    assertThatThrownBy(() -> bobStore.grant("missing", "bob"))
        .isInstanceOf(SecretAccessDeniedError.class);
    // A key bob cannot see is absent to him.
    assertThat(bobStore.remove("k")).isFalse();
    assertThat(secrets.store("writable").secret("k").getValue()).isEqualTo("v");
    StoredSecret replaced = alice.store("writable").put("k", "w");
    assertThat(replaced.version()).isEqualTo(2);
    assertThat(replaced.owner()).contains("alice");
    // The host's put keeps the owner.
    assertThat(secrets.store("writable").put("k", "x").owner()).contains("alice");
    assertThat(alice.store("writable").remove("k")).isTrue();
  }

  @Test
  void theHostGrantsOnAnAbsentKeyAreNotFound() {
    assertThatThrownBy(() -> secrets.store("writable").grant("missing", "bob"))
        .isInstanceOf(SecretValueNotFoundError.class)
        .hasMessage("Secret \"missing\" (provider \"writable\"): No stored secret under key "
            + "\"missing\"");
  }

  @Test
  void readsThatNameNoStoredEntryAreNotChecked() {
    provider.putOutside("plain", "v");
    Secret outside = secrets.secret("Outside").provider("writable").parameter("key", "plain")
        .parameter("outside", "true").build();
    assertThat(alice.getValue(outside)).isEqualTo("v");
  }

  @Test
  void aPrincipalViewIsABoundaryLikeAPolicyView() {
    assertThatThrownBy(() -> alice.provider("writable"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> alice.setting("secrets4j.cache.ttl"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> alice.forPrincipal("bob"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(alice.forPrincipal("alice")).isSameAs(alice);
    alice.close();
    assertThat(secrets.store("writable").put("k", "v").version()).isEqualTo(1);
    assertThatThrownBy(() -> secrets.forPrincipal(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> secrets.forPrincipal("a\nb"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPolicyViewOfAPrincipalViewKeepsThePrincipalAndItsPolicies() {
    alice.store("writable").put("k", "v");
    Secrets narrowed = bob.withPolicy(SecretsPolicy.allowAll());
    assertThatThrownBy(() -> narrowed.store("writable").secret("k").getValue())
        .isInstanceOf(SecretAccessDeniedError.class);
    assertThat(narrowed.store("writable").list()).isEmpty();
    Secrets none = secrets.withPolicy(SecretsPolicy.builder().build()).forPrincipal("alice");
    assertThatThrownBy(() -> none.store("writable").put("k2", "v"))
        .isInstanceOf(SecretAccessDeniedError.class);
    assertThat(none.store("writable").list()).isEmpty();
  }
}
