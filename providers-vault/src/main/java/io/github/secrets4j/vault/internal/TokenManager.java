package io.github.secrets4j.vault.internal;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import io.github.secrets4j.spi.ProviderContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
 * <p>Renewal runs in the background on the provider's {@link Scheduler}, so a token stays alive
 * while no read happens; a read that finds a renewal due (the scheduler was late, say after the
 * machine slept) renews first. A token past its early-refresh point but still alive is renewed,
 * not looked up or replaced. When a renewal cannot extend the lease (refused, or the token's max
 * TTL reached) a login method logs in again on the next read after the refresh point; a
 * configured token cannot be replaced, so a transient failure is tried again before the refresh
 * point and anything else is logged as a WARN saying when the token will stop working.
 *
 * <p>Never logs or reports a token, secret-id or JWT, nor any response body (a lookup answer
 * holds the token itself).
 */
final class TokenManager {
  private static final Logger LOG = LoggerFactory.getLogger(TokenManager.class);
  /** A failed renewal is tried again only if at least this much time is left before the refresh point. */
  private static final Duration MIN_RETRY = Duration.ofSeconds(1);

  private final VaultSettings settings;
  private final VaultHttp http;
  private final ProviderContext context;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Object loginLock = new Object();
  private final AtomicBoolean renewing = new AtomicBoolean();
  private volatile Session current;
  private volatile boolean closed;

  TokenManager(VaultSettings settings, VaultHttp http, ProviderContext context, Clock clock,
      Scheduler scheduler) {
    this.settings = settings;
    this.http = http;
    this.context = context;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /**
   * Returns the session to use now: renews it first if a renewal is due, logs in (or looks the
   * configured token up) if there is none or it can no longer be used.
   *
   * @throws VaultFailure {@code HashiCorp Vault Login failed (auth_method: M). Error: ...}
   */
  Session session() throws VaultFailure {
    Session session = current;
    Instant now = clock.instant();
    if (session != null && !session.expired(now)) {
      if (session.renewDue(now)) {
        renew(session);
        session = current;
        now = clock.instant();
      }
      if (session != null && !session.expired(now)) {
        return session;
      }
    }
    synchronized (loginLock) {
      if (closed) {
        // A read racing close(): no login whose token close() would not revoke.
        throw VaultFailure.provider("The HashiCorp Vault provider is closed");
      }
      session = current;
      now = clock.instant();
      if (session != null && session.expired(now) && session.renewDue(now) && session.alive(now)) {
        // Late in its lease but still valid: renewing keeps the token (and, for a configured
        // token, is the only way to keep it working).
        renew(session);
        session = current;
        now = clock.instant();
      }
      if (session == null || session.expired(now)) {
        Session fresh = establish(now);
        current = fresh;
        if (fresh.renewDue(now)) {
          renew(fresh); // a lease in its last moments (lookup-self said ttl 0): renew it now
        } else {
          schedule(fresh);
        }
        session = current != null ? current : fresh;
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
    return ttl <= 0 ? Session.neverExpiring(token, true) : Session.leased(token, true, now, ttl, renewable);
  }

  private Session lookUpGivenToken(Instant now) throws VaultFailure {
    VaultHttp.Response response = send("auth/token/lookup-self", settings.token(), null);
    JsonObject data = VaultJson.object(response.body)
        .flatMap(json -> VaultJson.member(json, "data"))
        .orElseThrow(() -> loginFailed("the token lookup response has no data block"));
    long ttl = VaultJson.number(data, "ttl", 0);
    boolean renewable = VaultJson.bool(data, "renewable", false);
    // Vault answers ttl 0 both for a token without a lease (expire_time null, as a root token)
    // and for a leased token in its last second (expire_time set): only the first never expires.
    JsonValue expireTime = data.get("expire_time");
    boolean hasLease = ttl > 0 || expireTime != null && !expireTime.isNull();
    LOG.debug("Using the configured token for HashiCorp Vault \"{}\" at {}; {}",
        settings.vaultName(), settings.url(),
        !hasLease ? "it has no lease and does not expire"
            : "lease " + ttl + "s" + (ttl <= 0 ? " (ending now)" : "") + ", "
                + (renewable ? "renewable" : "not renewable"));
    return hasLease ? Session.leased(settings.token(), false, now, ttl, renewable)
        : Session.neverExpiring(settings.token(), false);
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

  /** Runs a renewal when it is due, unless the session was replaced or the manager closed. */
  private void schedule(Session session) {
    if (session.renewAt == null || closed) {
      return;
    }
    scheduler.schedule(() -> renewInBackground(session),
        Duration.between(clock.instant(), session.renewAt));
  }

  private void renewInBackground(Session session) {
    try {
      if (!closed && current == session) {
        renew(session);
      }
    } catch (RuntimeException e) {
      LOG.warn("Renewing the token of HashiCorp Vault \"{}\" in the background failed ({})",
          settings.vaultName(), e.getClass().getSimpleName());
    }
  }

  /**
   * Renews {@code session}'s token ({@code renew-self}) if it is still the current one and no
   * other thread is renewing it; replaces it with the renewed lease, or records why it is not
   * renewed any more. Never throws: the token stays usable until its lease ends.
   */
  private void renew(Session session) {
    if (!renewing.compareAndSet(false, true)) {
      return; // another thread renews; the token is still valid meanwhile
    }
    try {
      if (current != session || closed) {
        return;
      }
      Instant now = clock.instant();
      VaultHttp.Response response;
      try {
        response = http.send("auth/token/renew-self", session.token, Map.of(),
            "{}".getBytes(StandardCharsets.UTF_8), 1);
      } catch (VaultFailure e) {
        renewalFailed(session, now, e.getMessage(), true);
        return;
      }
      if (response.status != 200) {
        String errors = VaultJson.errorText(response.body);
        String problem = "HTTP " + response.status
            + (errors.isEmpty() ? "" : " (" + context.escape(errors, 300) + ")");
        if ((response.status == 401 || response.status == 403)
            && (saysInvalidToken(response.body) || isRejected(session))) {
          LOG.warn("Renewing the token of HashiCorp Vault \"{}\" (auth_method: {}) failed: {}; the "
              + "token is no longer valid{}", settings.vaultName(), settings.authMethod(), problem,
              settings.authMethod().canLogIn() ? ", the next read logs in again"
                  : " and cannot be replaced: configure a new token");
          rejected(session);
          return;
        }
        renewalFailed(session, now, problem, false);
        return;
      }
      JsonObject auth = VaultJson.object(response.body)
          .flatMap(json -> VaultJson.member(json, "auth")).orElse(null);
      if (auth == null) {
        renewalFailed(session, now, "the answer has no auth block", true);
        return;
      }
      long ttl = VaultJson.number(auth, "lease_duration", 0);
      boolean renewable = VaultJson.bool(auth, "renewable", false);
      Session renewed = session.renewed(clock.instant(), ttl, renewable);
      replace(session, renewed);
      if (renewed.renewAt != null) {
        LOG.debug("Renewed the token of HashiCorp Vault \"{}\"; lease {}s", settings.vaultName(), ttl);
        schedule(renewed);
      } else if (settings.authMethod().canLogIn()) {
        LOG.debug("The token of HashiCorp Vault \"{}\" {} (lease {}s); the first read after {} will "
            + "log in again", settings.vaultName(), renewable ? "reached its maximum TTL"
                : "is no longer renewable", ttl, renewed.refreshAt());
      } else {
        LOG.warn("The token of HashiCorp Vault \"{}\" (auth_method: token) {} and cannot be "
            + "replaced: it stops working at {}; configure a new token or an auth method that can "
            + "log in", settings.vaultName(), renewable ? "reached its maximum TTL"
                : "is no longer renewable", renewed.expiresAt);
      }
    } finally {
      renewing.set(false);
    }
  }

  /**
   * After a renewal that did not work: a configured token (which cannot be replaced) tries again
   * halfway to its refresh point when the failure may pass; otherwise the token is used, without
   * renewal, until its refresh point (a login method then logs in again).
   */
  private void renewalFailed(Session session, Instant now, String problem, boolean transientFailure) {
    Instant refreshAt = session.refreshAt();
    if (transientFailure && !settings.authMethod().canLogIn() && refreshAt != null) {
      Duration wait = Duration.between(now, refreshAt).dividedBy(2);
      if (wait.compareTo(MIN_RETRY) >= 0) {
        LOG.warn("Renewing the token of HashiCorp Vault \"{}\" (auth_method: {}) failed: {}; will try "
            + "again in {}s", settings.vaultName(), settings.authMethod(), problem, wait.toSeconds());
        Session retry = session.renewingAt(now.plus(wait));
        replace(session, retry);
        schedule(retry);
        return;
      }
    }
    LOG.warn("Renewing the token of HashiCorp Vault \"{}\" (auth_method: {}) failed: {}; {}",
        settings.vaultName(), settings.authMethod(), problem,
        settings.authMethod().canLogIn() ? "will log in again when it expires"
            : "it cannot be replaced: it is used until it stops working at " + session.expiresAt
                + "; configure a new token or an auth method that can log in");
    replace(session, session.withoutRenewal());
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
    closed = true;
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
