package io.github.secrets4j.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.secrets4j.Secret;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.vault.fake.FakeVault;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With its declared policy, this provider's values are cached by the core: reads stop reaching Vault. */
class VaultCachingTest {
  private FakeVault vault;

  @BeforeEach
  void start() {
    vault = FakeVault.start().mountKv("secret", 2);
    vault.put("secret", "app/db", Map.of("password", "one"));
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  @Test
  void declaredPolicyCachesForMinutesAndInvalidationRefetches() {
    try (Secrets secrets = Secrets.builder().environment(Map.of())
        .settings(VaultTesting.tokenSettings(vault.url(), vault.rootToken())).build()) {
      Secret secret = secrets.secret("DB").provider("hashicorp-vault")
          .parameter("path", "app/db").parameter("key", "password").build();
      for (int i = 0; i < 100; i++) {
        assertThat(secret.getValue()).isEqualTo("one");
      }
      assertThat(vault.count("GET", "/v1/secret/data/app/db")).isEqualTo(1);
      vault.put("secret", "app/db", Map.of("password", "two"));
      assertThat(secret.getValue()).as("cached until invalidated or expired").isEqualTo("one");
      secrets.invalidateAll();
      assertThat(secret.getValue()).isEqualTo("two");
      assertThat(vault.count("GET", "/v1/secret/data/app/db")).isEqualTo(2);
    }
  }
}
