package io.github.secrets4j.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.response.LogicalResponse;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.vault.internal.NoEnvironment;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against a real Vault, opt in: {@code mvn -B verify -pl providers-vault -am -Pvault-it} with
 * {@code VAULT_ADDR} and {@code VAULT_TOKEN} set (for example {@code vault server -dev}, whose
 * {@code secret/} mount is KV v2; another KV v2 mount can be named with {@code VAULT_IT_MOUNT}).
 * Skipped otherwise.
 */
class RealVaultIT {
  private static String address;
  private static String token;
  private static String mount;

  @BeforeAll
  static void requireVault() {
    assumeTrue(Boolean.getBoolean("secrets4j.vault-it"), "run with -Pvault-it");
    address = System.getenv("VAULT_ADDR");
    token = System.getenv("VAULT_TOKEN");
    assumeTrue(address != null && token != null, "VAULT_ADDR and VAULT_TOKEN must be set");
    mount = System.getenv().getOrDefault("VAULT_IT_MOUNT", "secret");
  }

  @Test
  void readsWhatTheDriverWroteThroughTheVaultCliVariables() throws Exception {
    String path = "secrets4j-it/" + UUID.randomUUID();
    String value = "it-" + UUID.randomUUID();
    VaultConfig config = new VaultConfig().environmentLoader(NoEnvironment.INSTANCE)
        .address(address).token(token).engineVersion(2).openTimeout(5).readTimeout(15);
    String namespace = System.getenv("VAULT_NAMESPACE");
    if (namespace != null && !namespace.isBlank()) {
      config.nameSpace(namespace);
    }
    Vault driver = Vault.create(config.build());
    LogicalResponse written = driver.logical().write(mount + "/" + path, Map.of("password", value));
    assertThat(written.getRestResponse().getStatus()).isIn(200, 204);

    // The runtime reads VAULT_ADDR / VAULT_TOKEN / VAULT_NAMESPACE from the process environment.
    try (Secrets secrets = Secrets.builder().build()) {
      var secret = secrets.secret("IT").provider("hashicorp-vault").parameter("path", path)
          .parameter("key", "password").parameter("mount_point", mount).build();
      assertThat(secret.getValue()).isEqualTo(value);
      assertThat(secrets.secret("IT").provider("hashicorp-vault").parameter("path", path)
          .parameter("key", "password").parameter("mount_point", mount).parameter("version", "1")
          .build().getValue()).isEqualTo(value);
      assertThatThrownBy(() -> secrets.secret("IT").provider("hashicorp-vault")
          .parameter("path", path + "-absent").parameter("key", "password")
          .parameter("mount_point", mount).build().getValue())
          .isInstanceOf(SecretValueNotFoundError.class);
      assertThatThrownBy(() -> secrets.secret("IT").provider("hashicorp-vault")
          .parameter("path", path).parameter("key", "nope")
          .parameter("mount_point", mount).build().getValue())
          .isInstanceOf(SecretValueNotFoundError.class)
          .hasMessageEndingWith("The secret value could not be retrieved using key 'nope'");
    } finally {
      driver.logical().delete(mount + "/" + path);
    }
  }
}
