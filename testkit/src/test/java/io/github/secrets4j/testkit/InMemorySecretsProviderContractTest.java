package io.github.secrets4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemorySecretsProviderContractTest extends SecretsProviderContract {
  private final InMemorySecretsProvider store = InMemorySecretsProvider.create();

  @Override
  protected String slug() {
    return "in-memory";
  }

  @Override
  protected Map<String, String> seed(String key, String value) {
    store.put(key, value);
    return Map.of("key", key);
  }

  @Override
  protected Map<String, String> absent(String key) {
    return Map.of("key", key);
  }

  /** Never discovered: the test kit on a class path must not add a provider to Secrets.defaults(). */
  @Override
  protected boolean discoverable() {
    return false;
  }

  @Override
  protected Secrets newSecrets() {
    return Secrets.builder().provider(store).build();
  }

  @Test
  void theTestKitOnTheClassPathAddsNoProviderToTheSharedRuntime() {
    assertThat(Secrets.defaults().providerSlugs()).doesNotContain("in-memory");
    assertThatThrownBy(() -> Secrets.defaults().secret("Test").provider("in-memory").build())
        .isInstanceOf(io.github.secrets4j.SecretProviderError.class)
        .hasMessageContaining("is never discovered: wire it with Secrets.builder().provider(");
  }

  @Test
  void valuesCanChangeAndDisappear() {
    Secrets secrets = secrets();
    var secret = secrets.secret("Changing").provider("in-memory").parameter("key", "k").build();
    store.put("k", "one");
    assertThat(secret.getValue()).isEqualTo("one");
    store.put("k", "two");
    assertThat(secret.getValue()).isEqualTo("two");
    store.remove("k");
    assertThatThrownBy(secret::getValue)
        .isInstanceOf(SecretValueNotFoundError.class)
        .hasMessage("Secret \"Changing\" (provider \"in-memory\"): No value stored under key \"k\"");
  }

  @Test
  void ofCopiesTheMapAndToStringShowsOnlyTheCount() {
    InMemorySecretsProvider provider = InMemorySecretsProvider.of(Map.of("a", "hunter2"));
    assertThat(provider).hasToString("InMemorySecretsProvider{values=1}");
    assertThatThrownBy(() -> InMemorySecretsProvider.of(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> provider.put("a", null)).isInstanceOf(NullPointerException.class);
  }
}
