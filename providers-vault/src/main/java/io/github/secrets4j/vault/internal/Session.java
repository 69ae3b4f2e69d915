package io.github.secrets4j.vault.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * A Vault token in use and what is known about its lifetime. Immutable; {@link #toString()} never
 * shows the token.
 *
 * <p>Three instants matter: {@code renewAt} (two thirds into a renewable lease, or when a failed
 * renewal is tried again), {@code refreshAt} (a little before the lease ends: from then on the
 * token is not trusted for a new request, so it is renewed if still possible, else replaced or
 * looked up again) and {@code expiresAt} (when Vault stops accepting it).
 */
final class Session {
  private static final Duration MAX_SKEW = Duration.ofSeconds(10);

  final String token;
  final boolean fromLogin;
  /** When the token stops working, or {@code null} if it has no lease (never expires). */
  final Instant expiresAt;
  /** When to renew it, or {@code null} if it is not to be renewed. */
  final Instant renewAt;
  private final Instant refreshAt;

  private Session(String token, boolean fromLogin, Instant expiresAt, Instant refreshAt,
      Instant renewAt) {
    this.token = token;
    this.fromLogin = fromLogin;
    this.expiresAt = expiresAt;
    this.refreshAt = refreshAt;
    this.renewAt = renewAt;
  }

  /** A token without a lease, such as a root token: Vault reports {@code ttl 0, expire_time null}. */
  static Session neverExpiring(String token, boolean fromLogin) {
    return new Session(token, fromLogin, null, null, null);
  }

  /**
   * A token with a lease of {@code ttlSeconds} from {@code now}; {@code 0} (or less) means the
   * lease ends now, as Vault reports it in a lease's last second.
   */
  static Session leased(String token, boolean fromLogin, Instant now, long ttlSeconds,
      boolean renewable) {
    Duration ttl = Duration.ofSeconds(Math.max(0, ttlSeconds));
    Instant expiresAt = now.plus(ttl);
    // Treat the token as gone a little early, so a request never races its expiry.
    Duration skew = ttl.dividedBy(10).compareTo(MAX_SKEW) < 0 ? ttl.dividedBy(10) : MAX_SKEW;
    Instant renewAt = renewable ? now.plus(ttl.multipliedBy(2).dividedBy(3)) : null;
    return new Session(token, fromLogin, expiresAt, expiresAt.minus(skew), renewAt);
  }

  /** Returns whether the token must not be used for a new request without renewal or replacement. */
  boolean expired(Instant now) {
    return refreshAt != null && !now.isBefore(refreshAt);
  }

  /** Returns whether Vault still accepts the token at {@code now}, as far as its lease tells. */
  boolean alive(Instant now) {
    return expiresAt == null || now.isBefore(expiresAt);
  }

  /** Returns whether it is time to renew. */
  boolean renewDue(Instant now) {
    return renewAt != null && !now.isBefore(renewAt);
  }

  /** Returns when the token stops being used for new requests, or {@code null} if never. */
  Instant refreshAt() {
    return refreshAt;
  }

  /**
   * Returns the same token with the lease a renewal answered. A renewal that does not extend the
   * lease (its max TTL is reached) is not repeated: the result is not to be renewed.
   */
  Session renewed(Instant now, long newTtlSeconds, boolean renewable) {
    long remaining = expiresAt == null ? 0 : Duration.between(now, expiresAt).getSeconds();
    return leased(token, fromLogin, now, newTtlSeconds, renewable && newTtlSeconds > remaining);
  }

  /** Returns the same token and lease, no longer to be renewed: used until it expires. */
  Session withoutRenewal() {
    return new Session(token, fromLogin, expiresAt, refreshAt, null);
  }

  /** Returns the same token and lease, to be renewed at {@code at} (a retry). */
  Session renewingAt(Instant at) {
    return new Session(token, fromLogin, expiresAt, refreshAt, at);
  }

  @Override
  public String toString() {
    return "Session{token=██, fromLogin=" + fromLogin + ", expiresAt="
        + (expiresAt == null ? "never" : expiresAt) + ", renewAt="
        + (renewAt == null ? "never" : renewAt) + "}";
  }
}
