package io.github.secrets4j.vault;

import static io.github.secrets4j.vault.VaultTesting.P;
import static io.github.secrets4j.vault.VaultTesting.read;
import static io.github.secrets4j.vault.VaultTesting.tokenSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.testkit.CapturingLogs;
import io.github.secrets4j.vault.fake.FakeVault;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Renewal before expiry and new logins after it, driven by a clock the test moves. The fake Vault
 * reads the same clock, so its leases run out exactly when the test says; background renewals
 * run on a {@link ManualScheduler} at the instant they are due.
 */
class TokenLifecycleTest {
  private final MutableClock clock = new MutableClock();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private FakeVault vault;

  @BeforeEach
  void start() {
    vault = FakeVault.start().clock(clock).mountKv("secret", 2);
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

  /** A runtime whose provider renews tokens in the background on the test's scheduler. */
  private Secrets backgroundRuntime(Map<String, String> settings) {
    HashiCorpVaultProvider provider =
        HashiCorpVaultProvider.create(new TestContext(settings, Map.of()), clock, scheduler);
    return Secrets.builder().provider(provider).environment(Map.of()).settings(VaultTesting.NO_CACHE).build();
  }

  private long renewals() {
    return vault.count("POST", "/v1/auth/token/renew-self");
  }

  private long lookups() {
    return vault.count("GET", "/v1/auth/token/lookup-self");
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

  // ------------------------------------------------------------------ issue 10: renewal late in a lease

  @Test
  void renewableTokenReadLateInItsLeaseIsRenewedNotLookedUpAgain() {
    String token = vault.createToken(Duration.ofHours(1), true);
    try (Secrets secrets = runtime(tokenSettings(vault.url(), token))) {
      read(secrets, "path", "app/db", "key", "password");
      clock.advance(Duration.ofMinutes(59).plusSeconds(55)); // past the early-refresh point
      read(secrets, "path", "app/db", "key", "password");
      assertThat(renewals()).isEqualTo(1);
      assertThat(lookups()).isEqualTo(1);
      clock.advance(Duration.ofMinutes(30)); // the old lease has run out; the renewed one has not
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
    }
    assertThat(lookups()).isEqualTo(1);
  }

  @Test
  void renewableLoginTokenReadLateInItsLeaseIsRenewedWithoutANewLogin() {
    vault.enableAppRole("approle", "role-1", "secret-id-1", Duration.ofHours(1), true);
    try (Secrets secrets = runtime(appRole())) {
      read(secrets, "path", "app/db", "key", "password");
      clock.advance(Duration.ofMinutes(59).plusSeconds(55));
      read(secrets, "path", "app/db", "key", "password");
    }
    assertThat(renewals()).isEqualTo(1);
    assertThat(vault.logins()).isEqualTo(1);
  }

  @Test
  void ttlZeroFromALookupInTheLastSecondOfALeaseMeansExpiringNotNeverExpiring() {
    String token = vault.createToken(Duration.ofMinutes(1), true);
    clock.advance(Duration.ofSeconds(59).plusMillis(500)); // lookup-self answers ttl 0
    try (Secrets secrets = runtime(tokenSettings(vault.url(), token))) {
      read(secrets, "path", "app/db", "key", "password");
      assertThat(renewals()).isEqualTo(1);
      clock.advance(Duration.ofSeconds(1)); // the looked-up lease is over; the renewed one is not
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
    }
    assertThat(CapturingLogs.events()).noneSatisfy(event -> assertThat(event).contains("does not expire"));
  }

  @Test
  void tokenWithoutALeaseIsTheOnlyOneTakenAsNeverExpiring() {
    String token = vault.createToken(Duration.ZERO, false); // ttl 0 and expire_time null, as root
    try (Secrets secrets = runtime(tokenSettings(vault.url(), token))) {
      read(secrets, "path", "app/db", "key", "password");
      clock.advance(Duration.ofDays(400));
      read(secrets, "path", "app/db", "key", "password");
    }
    assertThat(lookups()).isEqualTo(1);
    assertThat(renewals()).isZero();
  }

  // ------------------------------------------------------------------ issue 10: background renewal

  @Test
  void idleRuntimeKeepsARenewableConfiguredTokenAliveByRenewingAtTwoThirdsOfEachLease() {
    String token = vault.createToken(Duration.ofHours(1), true);
    try (Secrets secrets = backgroundRuntime(tokenSettings(vault.url(), token))) {
      read(secrets, "path", "app/db", "key", "password");
      scheduler.advance(Duration.ofMinutes(40).minusSeconds(1));
      assertThat(renewals()).isZero();
      scheduler.advance(Duration.ofSeconds(1));
      assertThat(renewals()).isEqualTo(1);
      scheduler.advance(Duration.ofMinutes(40).minusSeconds(1));
      assertThat(renewals()).isEqualTo(1);
      scheduler.advance(Duration.ofSeconds(1));
      assertThat(renewals()).isEqualTo(2);
      scheduler.advance(Duration.ofHours(5)); // idle well past any single lease
      assertThat(renewals()).isEqualTo(9); // every 40 minutes: 40, 80, ..., 360
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
      assertThat(lookups()).isEqualTo(1);
    }
    assertThat(vault.requests()).allSatisfy(r -> assertThat(r.header("X-Vault-Token")).isEqualTo(token));
    assertThat(scheduler.isShutDown()).isTrue();
  }

  @Test
  void idleRuntimeRenewsALoginTokenUntilItsMaxTtlThenTheNextReadLogsInAgain() {
    vault.enableAppRole("approle", "role-1", "secret-id-1", Duration.ofHours(1), Duration.ofHours(2), true);
    try (Secrets secrets = backgroundRuntime(appRole())) {
      read(secrets, "path", "app/db", "key", "password");
      scheduler.advance(Duration.ofHours(10));
      // 0:40 -> lease to 1:40; 1:20 -> capped at 2:00; 1:46:40 -> capped again, no longer extended
      assertThat(renewals()).isEqualTo(3);
      assertThat(scheduler.pending()).isZero();
      assertThat(vault.logins()).isEqualTo(1);
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
      assertThat(vault.logins()).isEqualTo(2);
      scheduler.advance(Duration.ofMinutes(40));
      assertThat(renewals()).isEqualTo(4); // the new token is renewed in the background in turn
    }
    assertThat(CapturingLogs.events()).anySatisfy(event -> assertThat(event)
        .startsWith("DEBUG").contains("reached its maximum TTL").contains("log in again"));
  }

  @Test
  void backgroundRenewalThatFailsTransientlyIsRetriedBeforeTheConfiguredTokenExpires() {
    String token = vault.createToken(Duration.ofHours(1), true);
    vault.failNext("/v1/auth/token/renew-self", 1, 500, "{\"errors\":[\"internal error\"]}");
    try (Secrets secrets = backgroundRuntime(tokenSettings(vault.url(), token))) {
      read(secrets, "path", "app/db", "key", "password");
      scheduler.advance(Duration.ofMinutes(40));
      assertThat(renewals()).isEqualTo(1); // failed
      // retried halfway between the failure and the early-refresh point (59:50)
      scheduler.advance(Duration.ofMinutes(9).plusSeconds(54));
      assertThat(renewals()).isEqualTo(1);
      scheduler.advance(Duration.ofSeconds(1));
      assertThat(renewals()).isEqualTo(2);
      scheduler.advance(Duration.ofHours(3));
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
    }
    assertThat(CapturingLogs.events()).anySatisfy(event -> assertThat(event)
        .startsWith("WARN").contains("Renewing the token of HashiCorp Vault \"default\" (auth_method: token) failed")
        .contains("will try again"));
    assertThat(CapturingLogs.events()).noneSatisfy(event -> assertThat(event).contains(token));
  }

  @Test
  void configuredTokenWhoseRenewalIsRefusedIsUsedUntilItExpiresAndTheWarningSaysSo() {
    String token = vault.createToken(Duration.ofHours(1), true);
    vault.failNext("/v1/auth/token/renew-self", 1, 403, "{\"errors\":[\"permission denied\"]}");
    try (Secrets secrets = backgroundRuntime(tokenSettings(vault.url(), token))) {
      read(secrets, "path", "app/db", "key", "password");
      scheduler.advance(Duration.ofMinutes(50));
      assertThat(renewals()).isEqualTo(1);
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
      scheduler.advance(Duration.ofMinutes(10));
      assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessageContaining("HashiCorp Vault Login failed (auth_method: token)");
    }
    assertThat(renewals()).isEqualTo(1);
    assertThat(CapturingLogs.events()).anySatisfy(event -> assertThat(event)
        .startsWith("WARN").contains("(auth_method: token) failed: HTTP 403 (permission denied)")
        .contains("cannot be replaced"));
    assertThat(CapturingLogs.events()).noneSatisfy(event -> assertThat(event).contains(token));
  }

  @Test
  void loginTokenWhoseRenewalIsRefusedIsReplacedByTheNextReadAfterItsRefreshPoint() {
    vault.enableAppRole("approle", "role-1", "secret-id-1", Duration.ofHours(1), true);
    vault.failNext("/v1/auth/token/renew-self", 1, 400, "{\"errors\":[\"lease is not renewable\"]}");
    try (Secrets secrets = backgroundRuntime(appRole())) {
      read(secrets, "path", "app/db", "key", "password");
      scheduler.advance(Duration.ofHours(3));
      assertThat(renewals()).isEqualTo(1);
      assertThat(vault.logins()).isEqualTo(1);
      assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
      assertThat(vault.logins()).isEqualTo(2);
    }
  }

  @Test
  void closingTheProviderStopsBackgroundRenewal() {
    String token = vault.createToken(Duration.ofHours(1), true);
    Secrets secrets = backgroundRuntime(tokenSettings(vault.url(), token));
    read(secrets, "path", "app/db", "key", "password");
    assertThat(scheduler.pending()).isEqualTo(1);
    secrets.close();
    assertThat(scheduler.isShutDown()).isTrue();
    scheduler.advance(Duration.ofHours(2));
    assertThat(renewals()).isZero();
  }
}
