package io.github.secrets4j.vault;

import static io.github.secrets4j.vault.VaultTesting.P;
import static io.github.secrets4j.vault.VaultTesting.read;
import static io.github.secrets4j.vault.VaultTesting.runtime;
import static io.github.secrets4j.vault.VaultTesting.tokenSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.vault.fake.FakeVault;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Faults on the wire: slow, refused, 5xx, sealed, malformed, expired tokens; and login reuse. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultTest {
  private static final String PREFIX = "Secret \"S\" (provider \"hashicorp-vault\"): ";
  private FakeVault vault;

  @BeforeEach
  void start() {
    vault = FakeVault.start().mountKv("secret", 2);
    vault.put("secret", "app/db", Map.of("password", "p1"));
    vault.enableAppRole("approle", "role-1", "secret-id-1", Duration.ofHours(1), true);
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  private Map<String, String> appRole() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(P + "url", vault.url());
    settings.put(P + "auth-method", "approle");
    settings.put(P + "role-id", "role-1");
    settings.put(P + "secret-id", "secret-id-1");
    settings.put(P + "retry-backoff", "10ms");
    return settings;
  }

  private String dataUrl() {
    return vault.url() + "/v1/secret/data/app/db";
  }

  @Test
  void slowResponseBeyondTheReadTimeoutFailsNamingTheUrl() {
    Map<String, String> settings = tokenSettings(vault.url(), vault.rootToken());
    settings.put(P + "read-timeout", "1s");
    settings.put(P + "retries", "0");
    try (Secrets secrets = runtime(settings)) {
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
      vault.delay(Duration.ofSeconds(5));
      assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
          .isInstanceOf(SecretProviderError.class)
          .hasMessage(PREFIX + "HashiCorp Vault at " + dataUrl()
              + " failed after 1 attempt: no response within the read timeout of 1s");
    }
  }

  @Test
  void connectionRefusedIsRetriedThenReportedWithTheUrl() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    try (Secrets secrets = runtime(tokenSettings(url, "hvs.whatever"))) {
      assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
          .isInstanceOf(SecretProviderError.class)
          .hasMessage(PREFIX + "HashiCorp Vault Login failed (auth_method: token). Error: "
              + "HashiCorp Vault at " + url + "/v1/auth/token/lookup-self failed after 3 attempts: "
              + "connection refused")
          .hasMessageNotContaining("hvs.whatever")
          .hasCauseInstanceOf(java.net.ConnectException.class);
    }
  }

  @Test
  void transient500And503AreRetriedUntilSuccess() {
    vault.failNext("/v1/secret/data/app/db", 1, 500, "{\"errors\":[\"internal error\"]}");
    vault.failNext("/v1/secret/data/app/db", 1, 503, "{\"errors\":[\"Vault is sealed\"]}");
    try (Secrets secrets = runtime(tokenSettings(vault.url(), vault.rootToken()))) {
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
    }
    assertThat(vault.count("GET", "/v1/secret/data/app/db")).isEqualTo(3);
  }

  @Test
  void sealedForeverFailsAfterTheBoundedRetries() {
    Map<String, String> settings = tokenSettings(vault.url(), vault.rootToken());
    settings.put(P + "retries", "3");
    try (Secrets secrets = runtime(settings)) {
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
      vault.sealed(true);
      vault.clearRequests();
      assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
          .isInstanceOf(SecretProviderError.class)
          .hasMessage(PREFIX + "HashiCorp Vault at " + dataUrl()
              + " failed after 4 attempts: HTTP 503 (Vault is sealed)");
    }
    assertThat(vault.count("GET", "/v1/secret/data/app/db")).isEqualTo(4);
  }

  @Test
  void malformedJsonIsAProviderErrorAndNotRetried() {
    try (Secrets secrets = runtime(tokenSettings(vault.url(), vault.rootToken()))) {
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
      vault.malformedNext("/v1/secret/data/app/db", 1);
      assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
          .isInstanceOf(SecretProviderError.class)
          .hasMessage(PREFIX + "HashiCorp Vault at " + dataUrl()
              + " returned a malformed response (not a JSON object)");
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
    }
    assertThat(vault.count("GET", "/v1/secret/data/app/db")).isEqualTo(3);
  }

  @Test
  void otherClientErrorsAreReportedWithVaultsErrors() {
    vault.failNext("/v1/secret/data/app/db", 1, 400, "{\"errors\":[\"invalid request\"]}");
    try (Secrets secrets = runtime(tokenSettings(vault.url(), vault.rootToken()))) {
      assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
          .isInstanceOf(SecretProviderError.class)
          .hasMessage(PREFIX + "HashiCorp Vault at " + dataUrl() + " answered HTTP 400: invalid request");
    }
  }

  @Test
  void tokenExpiryMidRunLogsInAgainOnce() {
    try (Secrets secrets = runtime(appRole())) {
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
      vault.revokeAllTokens();
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
    }
    assertThat(vault.logins()).isEqualTo(2);
    List<String> wire = new ArrayList<>();
    vault.requests().forEach(r -> wire.add(r.method() + " " + r.path()));
    assertThat(wire).containsExactly(
        "POST /v1/auth/approle/login",
        "GET /v1/secret/data/app/db",
        "GET /v1/secret/data/app/db", // 403 invalid token
        "POST /v1/auth/approle/login",
        "GET /v1/secret/data/app/db",
        "GET /v1/secret/data/app/db",
        "POST /v1/auth/token/revoke-self");
  }

  @Test
  void tokenExpiryIsDetectedOnOlderVaultsThroughLookupSelf() {
    vault.legacyInvalidTokenErrors(true);
    try (Secrets secrets = runtime(appRole())) {
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
      vault.revokeAllTokens();
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
    }
    assertThat(vault.logins()).isEqualTo(2);
    assertThat(vault.count("GET", "/v1/auth/token/lookup-self")).isEqualTo(1);
  }

  @Test
  void revokedConfiguredTokenIsALoginFailure() {
    String token = vault.createToken(Duration.ofHours(1), true);
    try (Secrets secrets = runtime(tokenSettings(vault.url(), token))) {
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
      vault.revokeAllTokens();
      assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
          .isInstanceOf(SecretProviderError.class)
          .hasMessage(PREFIX + "HashiCorp Vault Login failed (auth_method: token). Error: "
              + "permission denied; invalid token");
    }
  }

  @Test
  void loginFailureAfterTransientErrorsNamesTheLoginUrl() {
    vault.failNext("/v1/auth/approle/login", 10, 502, "<html>bad gateway</html>");
    Map<String, String> settings = appRole();
    settings.put(P + "retries", "1");
    try (Secrets secrets = runtime(settings)) {
      assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
          .isInstanceOf(SecretProviderError.class)
          .hasMessage(PREFIX + "HashiCorp Vault Login failed (auth_method: approle). Error: "
              + "HashiCorp Vault at " + vault.url() + "/v1/auth/approle/login failed after 2 "
              + "attempts: HTTP 502");
    }
  }

  @Test
  void thousandReadsFromEightThreadsMakeOneLogin() throws Exception {
    assertOneCredentialExchange(appRole(), () -> vault.logins());
  }

  @Test
  void thousandReadsFromEightThreadsMakeOneTokenLookup() throws Exception {
    String token = vault.createToken(Duration.ofHours(1), true);
    assertOneCredentialExchange(tokenSettings(vault.url(), token),
        () -> (int) vault.count("GET", "/v1/auth/token/lookup-self"));
  }

  private void assertOneCredentialExchange(Map<String, String> settings, Callable<Integer> exchanges)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (Secrets secrets = runtime(settings)) {
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int reads = 125;
        tasks.add(() -> {
          int ok = 0;
          for (int i = 0; i < reads; i++) {
            if (read(secrets, "path", "app/db", "key", "password").equals("p1")) {
              ok++;
            }
          }
          return ok;
        });
      }
      int total = 0;
      for (Future<Integer> result : pool.invokeAll(tasks)) {
        total += result.get();
      }
      assertThat(total).isEqualTo(1000);
    } finally {
      pool.shutdownNow();
    }
    assertThat(exchanges.call()).isEqualTo(1);
    assertThat(vault.count("GET", "/v1/secret/data/app/db")).isEqualTo(1000);
  }
}
