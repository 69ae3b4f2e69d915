package io.github.secrets4j.vault.internal;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.secrets4j.spi.ProviderContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the one token a Vault's reads share: logs in (or looks the given token up) once, renews
 * a renewable token when two thirds of its lease have passed, and logs in again only when the
 * token expired or Vault rejected it. Thread-safe: concurrent callers wait for one login.
 *
 * <p>Never logs or reports a token, secret-id or JWT, nor any response body (a lookup answer
 * holds the token itself).
 */
final class TokenManager {
  private static final Logger LOG = LoggerFactory.getLogger(TokenManager.class);

  private final VaultSettings settings;
  private final VaultHttp http;
  private final ProviderContext context;
  private final Clock clock;
  private final Object loginLock = new Object();
  private final AtomicBoolean renewing = new AtomicBoolean();
  private volatile Session current;

  TokenManager(VaultSettings settings, VaultHttp http, ProviderContext context, Clock clock) {
    this.settings = settings;
    this.http = http;
    this.context = context;
    this.clock = clock;
  }

  /**
   * Returns the session to use now, logging in first if there is none or it expired.
   *
   * @throws VaultFailure {@code HashiCorp Vault Login failed (auth_method: M). Error: ...}
   */
  Session session() throws VaultFailure {
    Session session = current;
    Instant now = clock.instant();
    if (session != null && !session.expired(now)) {
      if (session.renewDue(now)) {
        renew(session, now);
      }
      return current != null ? current : session;
    }
    synchronized (loginLock) {
      session = current;
      now = clock.instant();
      if (session == null || session.expired(now)) {
        current = session = establish(now);
      }
      return session;
    }
  }

  /** Forgets {@code rejected} (unless another thread already replaced it), forcing a new login. */
  void rejected(Session rejected) {
    synchronized (loginLock) {
      if (current == rejected) {
        current = null;
      }
    }
  }

  /**
   * Asks Vault whether {@code session}'s token is still valid ({@code lookup-self}): older Vaults
   * answer 403 "permission denied" for a policy refusal and a dead token alike.
   */
  boolean isRejected(Session session) {
    try {
      VaultHttp.Response response =
          http.send("auth/token/lookup-self", session.token, Map.of(), null, 1);
      return response.status == 403 || response.status == 401;
    } catch (VaultFailure e) {
      return false;
    }
  }

  private Session establish(Instant now) throws VaultFailure {
    if (settings.authMethod() == AuthMethod.TOKEN) {
      return lookUpGivenToken(now);
    }
    JsonObject body = Json.object();
    if (settings.authMethod() == AuthMethod.APPROLE) {
      body.add("role_id", settings.roleId()).add("secret_id", settings.secretId());
    } else {
      body.add("role", settings.roleName()).add("jwt", readServiceAccountToken());
    }
    VaultHttp.Response response = send(
        "auth/" + VaultHttp.encodePath(settings.authMount()) + "/login",
        null, body.toString().getBytes(StandardCharsets.UTF_8));
    JsonObject auth = VaultJson.object(response.body)
        .flatMap(json -> VaultJson.member(json, "auth"))
        .orElseThrow(() -> loginFailed("the response has no auth block"));
    String token = VaultJson.string(auth, "client_token")
        .orElseThrow(() -> loginFailed("the response has no auth.client_token"));
    long ttl = VaultJson.number(auth, "lease_duration", 0);
    boolean renewable = VaultJson.bool(auth, "renewable", false);
    LOG.debug("Logged in to HashiCorp Vault \"{}\" at {} (auth_method: {}); token lease {}s, {}",
        settings.vaultName(), settings.url(), settings.authMethod(), ttl,
        renewable ? "renewable" : "not renewable");
    return Session.of(token, true, now, ttl, renewable);
  }

  private Session lookUpGivenToken(Instant now) throws VaultFailure {
    VaultHttp.Response response = send("auth/token/lookup-self", settings.token(), null);
    JsonObject data = VaultJson.object(response.body)
        .flatMap(json -> VaultJson.member(json, "data"))
        .orElseThrow(() -> loginFailed("the token lookup response has no data block"));
    long ttl = VaultJson.number(data, "ttl", 0);
    boolean renewable = VaultJson.bool(data, "renewable", false);
    LOG.debug("Using the configured token for HashiCorp Vault \"{}\" at {}; {}",
        settings.vaultName(), settings.url(),
        ttl <= 0 ? "it does not expire" : "lease " + ttl + "s, " + (renewable ? "renewable" : "not renewable"));
    return Session.of(settings.token(), false, now, ttl, renewable);
  }

  /** Sends a login or lookup; anything but 200 is a login failure. */
  private VaultHttp.Response send(String apiPath, String token, byte[] body) throws VaultFailure {
    VaultHttp.Response response;
    try {
      response = http.send(apiPath, token, Map.of(), body, settings.retries() + 1);
    } catch (VaultFailure e) {
      throw new VaultFailure(VaultFailure.Kind.PROVIDER,
          loginFailedPrefix() + e.getMessage(), e.getCause());
    }
    if (response.status != 200) {
      String errors = VaultJson.errorText(response.body);
      throw loginFailed(errors.isEmpty() ? "HTTP " + response.status + " from " + response.url
          : context.escape(errors, 300));
    }
    return response;
  }

  private String readServiceAccountToken() throws VaultFailure {
    Path path = Path.of(settings.k8sTokenPath());
    try {
      String jwt = Files.readString(path, StandardCharsets.UTF_8).strip();
      if (jwt.isEmpty()) {
        throw loginFailed("the service account token file named by "
            + settings.key("k8s-token-path") + " is empty");
      }
      return jwt;
    } catch (IOException | SecurityException e) {
      throw loginFailed("the service account token file named by "
          + settings.key("k8s-token-path") + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private void renew(Session session, Instant now) {
    if (!renewing.compareAndSet(false, true)) {
      return; // another thread renews; the token is still valid meanwhile
    }
    try {
      if (current != session) {
        return;
      }
      VaultHttp.Response response =
          http.send("auth/token/renew-self", session.token, Map.of(), "{}".getBytes(StandardCharsets.UTF_8), 1);
      JsonObject auth = response.status != 200 ? null : VaultJson.object(response.body)
          .flatMap(json -> VaultJson.member(json, "auth")).orElse(null);
      if (auth == null) {
        giveUpRenewing(session, now, "HTTP " + response.status);
        return;
      }
      long ttl = VaultJson.number(auth, "lease_duration", 0);
      Session renewed = session.renewed(clock.instant(), ttl, VaultJson.bool(auth, "renewable", false));
      replace(session, renewed);
      LOG.debug("Renewed the token of HashiCorp Vault \"{}\"; lease {}s", settings.vaultName(), ttl);
    } catch (VaultFailure e) {
      giveUpRenewing(session, now, e.getMessage());
    } finally {
      renewing.set(false);
    }
  }

  private void giveUpRenewing(Session session, Instant now, String problem) {
    LOG.warn("Renewing the token of HashiCorp Vault \"{}\" (auth_method: {}) failed: {}; {}",
        settings.vaultName(), settings.authMethod(), problem,
        settings.authMethod().canLogIn() ? "will log in again when it expires"
            : "it is used until it expires");
    replace(session, session.withoutRenewal(now));
  }

  private void replace(Session expected, Session replacement) {
    synchronized (loginLock) {
      if (current == expected) {
        current = replacement;
      }
    }
  }

  /** Revokes a token this manager logged in for (best effort), so no lease outlives the runtime. */
  void close() {
    Session session;
    synchronized (loginLock) {
      session = current;
      current = null;
    }
    if (session == null || !session.fromLogin) {
      return;
    }
    try {
      VaultHttp.Response response = http.send("auth/token/revoke-self", session.token, Map.of(),
          "{}".getBytes(StandardCharsets.UTF_8), 1);
      LOG.debug("Revoked the token of HashiCorp Vault \"{}\": HTTP {}", settings.vaultName(),
          response.status);
    } catch (VaultFailure e) {
      LOG.debug("Revoking the token of HashiCorp Vault \"{}\" failed: {}", settings.vaultName(),
          e.getMessage());
    }
  }

  private String loginFailedPrefix() {
    return "HashiCorp Vault Login failed (auth_method: " + settings.authMethod() + "). Error: ";
  }

  private VaultFailure loginFailed(String error) {
    return VaultFailure.provider(loginFailedPrefix() + error);
  }

  /** Returns the errors of a 403 body, to tell a dead token from a policy refusal. */
  static boolean saysInvalidToken(byte[] body) {
    List<String> errors = VaultJson.errors(body);
    return errors.stream().anyMatch(e -> e.contains("invalid token"));
  }
}
