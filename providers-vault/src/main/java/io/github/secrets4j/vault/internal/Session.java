package io.github.secrets4j.vault.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * A Vault token in use and what is known about its lifetime. Immutable; {@link #toString()} never
 * shows the token.
 */
final class Session {
  private static final Duration MAX_SKEW = Duration.ofSeconds(10);

  final String token;
  final boolean fromLogin;
  /** When the token stops working, or {@code null} if it never expires (ttl 0). */
  final Instant expiresAt;
  /** When to renew it, or {@code null} if it is not to be renewed. */
  final Instant renewAt;
  private final Instant refreshAt;
  private final long ttlSeconds;

  private Session(String token, boolean fromLogin, Instant now, long ttlSeconds, boolean renewable) {
    this.token = token;
    this.fromLogin = fromLogin;
    this.ttlSeconds = ttlSeconds;
    if (ttlSeconds <= 0) {
      this.expiresAt = null;
      this.refreshAt = null;
      this.renewAt = null;
    } else {
      Duration ttl = Duration.ofSeconds(ttlSeconds);
      this.expiresAt = now.plus(ttl);
      // Treat the token as gone a little early, so a request never races its expiry.
      Duration skew = ttl.dividedBy(10).compareTo(MAX_SKEW) < 0 ? ttl.dividedBy(10) : MAX_SKEW;
      this.refreshAt = expiresAt.minus(skew);
      this.renewAt = renewable ? now.plus(ttl.multipliedBy(2).dividedBy(3)) : null;
    }
  }

  static Session of(String token, boolean fromLogin, Instant now, long ttlSeconds, boolean renewable) {
    return new Session(token, fromLogin, now, ttlSeconds, renewable);
  }

  /** Returns whether the token must be replaced (or, for a given token, looked up again). */
  boolean expired(Instant now) {
    return refreshAt != null && !now.isBefore(refreshAt);
  }

  /** Returns whether it is time to renew. */
  boolean renewDue(Instant now) {
    return renewAt != null && !now.isBefore(renewAt);
  }

  /** Returns the same token with a new lease from a renewal. */
  Session renewed(Instant now, long newTtlSeconds, boolean renewable) {
    long remaining = expiresAt == null ? 0 : Duration.between(now, expiresAt).getSeconds();
    // A renewal that does not extend the lease (max TTL reached) is not worth repeating.
    boolean worthRenewingAgain = renewable && newTtlSeconds > remaining;
    return new Session(token, fromLogin, now, newTtlSeconds, worthRenewingAgain);
  }

  /** Returns the same token, no longer to be renewed: used until it expires. */
  Session withoutRenewal(Instant now) {
    long remaining = expiresAt == null ? 0 : Math.max(1, Duration.between(now, expiresAt).getSeconds());
    return new Session(token, fromLogin, now, remaining, false);
  }

  long ttlSeconds() {
    return ttlSeconds;
  }

  @Override
  public String toString() {
    return "Session{token=██, fromLogin=" + fromLogin + ", expiresAt="
        + (expiresAt == null ? "never" : expiresAt) + ", renewAt="
        + (renewAt == null ? "never" : renewAt) + "}";
  }
}
