package io.github.secrets4j.vault;

import static io.github.secrets4j.vault.VaultTesting.P;
import static io.github.secrets4j.vault.VaultTesting.read;
import static io.github.secrets4j.vault.VaultTesting.runtime;
import static io.github.secrets4j.vault.VaultTesting.tokenSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.testkit.CapturingLogs;
import io.github.secrets4j.vault.fake.FakeVault;
import io.github.secrets4j.vault.fake.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a CA generated at test time: trusted by ca-cert or VAULT_CACERT, or not verified. */
class TlsTest {
  private static final String PREFIX = "Secret \"S\" (provider \"hashicorp-vault\"): ";
  private static TestCertificates certificates;
  private static FakeVault vault;

  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    certificates = TestCertificates.generate("secrets4j test CA");
    vault = FakeVault.startTls(certificates.serverContext()).mountKv("secret", 2);
    vault.put("secret", "app/db", Map.of("password", "over-tls"));
  }

  @AfterAll
  static void stop() {
    vault.close();
  }

  @BeforeEach
  void clearLogs() {
    CapturingLogs.clear();
  }

  @Test
  void customCaFromTheCaCertSettingIsTrusted() throws Exception {
    Path ca = certificates.writeCaPem(dir.resolve("ca.pem"));
    Map<String, String> settings = tokenSettings(vault.url(), vault.rootToken());
    settings.put(P + "ca-cert", ca.toString());
    try (Secrets secrets = runtime(settings)) {
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("over-tls");
    }
  }

  @Test
  void customCaFromVaultCacertIsTrusted() throws Exception {
    Path ca = certificates.writeCaPem(dir.resolve("ca-env.pem"));
    try (Secrets secrets = runtime(Map.of(), Map.of("VAULT_ADDR", vault.url(),
        "VAULT_TOKEN", vault.rootToken(), "VAULT_CACERT", ca.toString()))) {
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("over-tls");
    }
  }

  @Test
  void unknownCaFailsTheHandshakeWithoutRetrying() {
    vault.clearRequests();
    try (Secrets secrets = runtime(tokenSettings(vault.url(), vault.rootToken()))) {
      assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
          .isInstanceOf(SecretProviderError.class)
          .hasMessage(PREFIX + "HashiCorp Vault Login failed (auth_method: token). Error: TLS "
              + "handshake with HashiCorp Vault at " + vault.url() + "/v1/auth/token/lookup-self "
              + "failed (SunCertPathBuilderException); check secrets4j.hashicorp-vault.ca-cert and "
              + "secrets4j.hashicorp-vault.tls-verify");
    }
    assertThat(vault.requests()).isEmpty();
  }

  @Test
  void verificationOffAcceptsAnyCertificateAndWarns() {
    Map<String, String> settings = tokenSettings(vault.url(), vault.rootToken());
    settings.put(P + "tls-verify", "false");
    try (Secrets secrets = runtime(settings)) {
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("over-tls");
    }
    assertThat(CapturingLogs.events()).anySatisfy(event -> assertThat(event)
        .startsWith("WARN")
        .contains("TLS certificate verification is OFF for HashiCorp Vault \"default\" at "
            + vault.url() + " (secrets4j.hashicorp-vault.tls-verify=false)"));
  }

  @Test
  void unreadableOrInvalidCaFileNamesTheSetting() throws Exception {
    Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
    Map<String, String> settings = tokenSettings(vault.url(), vault.rootToken());
    settings.put(P + "ca-cert", notPem.toString());
    try (Secrets secrets = runtime(settings)) {
      assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
          .isInstanceOf(SecretProviderError.class)
          .hasMessage(PREFIX + "The CA certificate file named by secrets4j.hashicorp-vault.ca-cert "
              + "does not hold PEM certificates");
    }
    settings.put(P + "ca-cert", dir.resolve("absent.pem").toString());
    try (Secrets secrets = runtime(settings)) {
      assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
          .isInstanceOf(SecretProviderError.class)
          .hasMessage(PREFIX + "The CA certificate file named by secrets4j.hashicorp-vault.ca-cert "
              + "cannot be read (NoSuchFileException)");
    }
  }
}
