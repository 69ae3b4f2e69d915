package io.github.secrets4j.vault;

import static io.github.secrets4j.vault.VaultTesting.read;
import static io.github.secrets4j.vault.VaultTesting.runtime;
import static io.github.secrets4j.vault.VaultTesting.tokenSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.vault.fake.FakeVault;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Text from a template (parameters) or from Vault (its {@code errors}) reaches a message only
 * through the runtime's escaping: an ANSI escape or a line break cannot forge a log line.
 */
class HostileTextTest {
  private static final String PREFIX = "Secret \"S\" (provider \"hashicorp-vault\"): ";
  private static final String HOSTILE = "x\u001b[31m\nforged";
  private static final String SHOWN = "x\\u001b[31m\\u000aforged";

  private FakeVault vault;
  private Secrets secrets;

  @BeforeEach
  void start() {
    vault = FakeVault.start().mountKv("secret", 2);
    vault.put("secret", "app/db", Map.of("password", "p1"));
    secrets = runtime(tokenSettings(vault.url(), vault.rootToken()));
  }

  @AfterEach
  void stop() {
    secrets.close();
    vault.close();
  }

  @Test
  void parametersAreShownEscaped() {
    assertThatThrownBy(() -> read(secrets, "path", "app/" + HOSTILE, "key", "password"))
        .isExactlyInstanceOf(SecretValueNotFoundError.class)
        .hasMessage(PREFIX + "No secret at path 'app/" + SHOWN + "' (mount_point 'secret', "
            + "kv_version v2) in HashiCorp Vault \"default\"");
    assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", HOSTILE))
        .isExactlyInstanceOf(SecretValueNotFoundError.class)
        .hasMessage(PREFIX + "The secret value could not be retrieved using key '" + SHOWN + "'");
    assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password",
        "kv_version", HOSTILE))
        .isExactlyInstanceOf(SecretParametersError.class)
        .hasMessage(PREFIX + "The \"kv_version\" parameter must be v1 or v2, not \"" + SHOWN + "\"");
    assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password",
        "version", HOSTILE))
        .isExactlyInstanceOf(SecretParametersError.class)
        .hasMessage(PREFIX + "The \"version\" parameter must be a positive whole number, not \""
            + SHOWN + "\"");
    assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password",
        "vault", HOSTILE))
        .isExactlyInstanceOf(SecretProviderError.class)
        .hasMessage(PREFIX + "Unknown HashiCorp Vault \"" + SHOWN + "\" (parameter \"vault\"): a "
            + "Vault name is made of letters, digits, '-' and '_'");
  }

  @Test
  void vaultErrorsAreShownEscaped() {
    vault.failNext("/v1/secret/data/app/db", 1, 400,
        "{\"errors\":[\"bad \\u001b[31m request\\nforged line\"]}");
    assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
        .isExactlyInstanceOf(SecretProviderError.class)
        .hasMessage(PREFIX + "HashiCorp Vault at " + vault.url() + "/v1/secret/data/app/db "
            + "answered HTTP 400: bad \\u001b[31m request\\u000aforged line");

    // Vault's own multi-error layout is still flattened to one line, not shown escaped.
    vault.failNext("/v1/secret/data/app/db", 1, 400,
        "{\"errors\":[\"2 errors occurred:\\n\\t* one\\n\\t* two\\n\\n\"]}");
    assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
        .hasMessageEndingWith("answered HTTP 400: one; two");
    assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
  }
}
