package io.github.secrets4j.vault;

import static io.github.secrets4j.vault.VaultTesting.P;
import static io.github.secrets4j.vault.VaultTesting.read;
import static io.github.secrets4j.vault.VaultTesting.tokenSettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.secrets4j.Secrets;
import io.github.secrets4j.testkit.CapturingLogs;
import io.github.secrets4j.vault.fake.FakeVault;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Renewal before expiry and new logins after it, driven by a clock the test moves. */
class TokenLifecycleTest {
  private final MutableClock clock = new MutableClock();
  private FakeVault vault;

  @BeforeEach
  void start() {
    vault = FakeVault.start().mountKv("secret", 2);
    vault.put("secret", "app/db", Map.of("password", "p1"));
    CapturingLogs.clear();
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  private Secrets runtime(Map<String, String> settings) {
    HashiCorpVaultProvider provider =
        HashiCorpVaultProvider.create(new TestContext(settings, Map.of()), clock);
    return Secrets.builder().provider(provider).environment(Map.of()).settings(VaultTesting.NO_CACHE).build();
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

  @Test
  void renewableLoginTokenIsRenewedAfterTwoThirdsOfItsLease() {
    vault.enableAppRole("approle", "role-1", "secret-id-1", Duration.ofHours(1), true);
    try (Secrets secrets = runtime(appRole())) {
      read(secrets, "path", "app/db", "key", "password");
      clock.advance(Duration.ofMinutes(30));
      read(secrets, "path", "app/db", "key", "password");
      assertThat(vault.count("POST", "/v1/auth/token/renew-self")).isZero();
      clock.advance(Duration.ofMinutes(11)); // 41 of 60 minutes
      read(secrets, "path", "app/db", "key", "password");
      assertThat(vault.count("POST", "/v1/auth/token/renew-self")).isEqualTo(1);
      // the renewed lease runs from now: no second renewal right away, no new login
      clock.advance(Duration.ofMinutes(30));
      read(secrets, "path", "app/db", "key", "password");
      assertThat(vault.count("POST", "/v1/auth/token/renew-self")).isEqualTo(1);
    }
    assertThat(vault.logins()).isEqualTo(1);
    String issued = vault.requests().stream().filter(r -> r.path().equals("/v1/auth/token/renew-self"))
        .findFirst().orElseThrow().header("X-Vault-Token");
    assertThat(issued).startsWith("hvs.").isNotEqualTo(vault.rootToken());
  }

  @Test
  void nonRenewableLoginTokenIsReplacedByANewLoginBeforeItExpires() {
    vault.enableAppRole("approle", "role-1", "secret-id-1", Duration.ofMinutes(10), false);
    try (Secrets secrets = runtime(appRole())) {
      read(secrets, "path", "app/db", "key", "password");
      clock.advance(Duration.ofMinutes(8));
      read(secrets, "path", "app/db", "key", "password");
      assertThat(vault.logins()).isEqualTo(1);
      clock.advance(Duration.ofMinutes(1).plusSeconds(55)); // inside the last 10 s of the lease
      read(secrets, "path", "app/db", "key", "password");
      assertThat(vault.logins()).isEqualTo(2);
    }
    assertThat(vault.count("POST", "/v1/auth/token/renew-self")).isZero();
  }

  @Test
  void failedRenewalIsLoggedWithoutTheTokenAndALoginFollowsAtExpiry() {
    vault.enableAppRole("approle", "role-1", "secret-id-1", Duration.ofMinutes(30), true);
    vault.failNext("/v1/auth/token/renew-self", 1, 500, "{\"errors\":[\"internal error\"]}");
    try (Secrets secrets = runtime(appRole())) {
      read(secrets, "path", "app/db", "key", "password");
      clock.advance(Duration.ofMinutes(21));
      read(secrets, "path", "app/db", "key", "password");
      clock.advance(Duration.ofMinutes(5));
      read(secrets, "path", "app/db", "key", "password");
      assertThat(vault.count("POST", "/v1/auth/token/renew-self")).isEqualTo(1);
      assertThat(vault.logins()).isEqualTo(1);
      clock.advance(Duration.ofMinutes(4));
      read(secrets, "path", "app/db", "key", "password");
      assertThat(vault.logins()).isEqualTo(2);
    }
    assertThat(CapturingLogs.events()).anySatisfy(event -> assertThat(event)
        .startsWith("WARN")
        .contains("Renewing the token of HashiCorp Vault \"default\" (auth_method: approle) failed")
        .contains("will log in again when it expires"));
    vault.requests().forEach(request -> {
      String token = request.header("X-Vault-Token");
      if (token != null) {
        assertThat(CapturingLogs.events()).noneSatisfy(event -> assertThat(event).contains(token));
      }
    });
  }

  @Test
  void renewableConfiguredTokenIsRenewedAndNeverReplaced() {
    String token = vault.createToken(Duration.ofHours(1), true);
    try (Secrets secrets = runtime(tokenSettings(vault.url(), token))) {
      read(secrets, "path", "app/db", "key", "password");
      clock.advance(Duration.ofMinutes(45));
      read(secrets, "path", "app/db", "key", "password");
    }
    assertThat(vault.count("POST", "/v1/auth/token/renew-self")).isEqualTo(1);
    assertThat(vault.requests()).allSatisfy(r -> assertThat(r.header("X-Vault-Token")).isEqualTo(token));
    // a configured token is the user's: it is not revoked on close
    assertThat(vault.count("POST", "/v1/auth/token/revoke-self")).isZero();
  }

  @Test
  void rootTokenThatNeverExpiresIsLookedUpOnce() {
    try (Secrets secrets = runtime(tokenSettings(vault.url(), vault.rootToken()))) {
      for (int i = 0; i < 3; i++) {
        read(secrets, "path", "app/db", "key", "password");
        clock.advance(Duration.ofDays(400));
      }
    }
    assertThat(vault.count("GET", "/v1/auth/token/lookup-self")).isEqualTo(1);
    assertThat(vault.count("POST", "/v1/auth/token/renew-self")).isZero();
  }
}
