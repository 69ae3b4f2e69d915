package io.github.secrets4j.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the runtime may keep values fetched from a provider. A provider declares its default
 * with {@link SecretsProvider#cachePolicy()}; settings ({@code secrets4j.cache.*} and
 * {@code secrets4j.<slug>.cache.*}) override it.
 *
 * <p>Immutable. A {@linkplain #ttl() ttl} of zero disables caching.
 */
public final class CachePolicy {
  private static final CachePolicy NONE =
      new CachePolicy(Duration.ZERO, Duration.ZERO, Duration.ZERO, 10_000);

  private final Duration ttl;
  private final Duration refreshAhead;
  private final Duration maxStale;
  private final long maxEntries;

  private CachePolicy(Duration ttl, Duration refreshAhead, Duration maxStale, long maxEntries) {
    this.ttl = ttl;
    this.refreshAhead = refreshAhead;
    this.maxStale = maxStale;
    this.maxEntries = maxEntries;
  }

  /** Returns the policy that caches nothing (the default for local providers). */
  public static CachePolicy none() {
    return NONE;
  }

  /** Returns a policy that keeps values for {@code ttl}, with no refresh-ahead and no stale serving. */
  public static CachePolicy ttl(Duration ttl) {
    return NONE.withTtl(ttl);
  }

  /** Returns how long a value is kept; zero means no caching. */
  public Duration ttl() {
    return ttl;
  }

  /** Returns how long before expiry a value is refreshed in the background; zero means never. */
  public Duration refreshAhead() {
    return refreshAhead;
  }

  /** Returns how long past expiry the last good value is served when the provider fails. */
  public Duration maxStale() {
    return maxStale;
  }

  /** Returns how many values are kept at most. */
  public long maxEntries() {
    return maxEntries;
  }

  /** Returns whether this policy caches at all. */
  public boolean enabled() {
    return !ttl.isZero();
  }

  /** Returns a copy with another ttl (zero or positive). */
  public CachePolicy withTtl(Duration ttl) {
    return new CachePolicy(nonNegative(ttl, "ttl"), refreshAhead, maxStale, maxEntries);
  }

  /** Returns a copy with another refresh-ahead window (zero or positive). */
  public CachePolicy withRefreshAhead(Duration refreshAhead) {
    return new CachePolicy(ttl, nonNegative(refreshAhead, "refreshAhead"), maxStale, maxEntries);
  }

  /** Returns a copy with another stale window (zero or positive). */
  public CachePolicy withMaxStale(Duration maxStale) {
    return new CachePolicy(ttl, refreshAhead, nonNegative(maxStale, "maxStale"), maxEntries);
  }

  /** Returns a copy with another bound on entries (positive). */
  public CachePolicy withMaxEntries(long maxEntries) {
    if (maxEntries <= 0) {
      throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
    }
    return new CachePolicy(ttl, refreshAhead, maxStale, maxEntries);
  }

  private static Duration nonNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + duration);
    }
    return duration;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof CachePolicy)) {
      return false;
    }
    CachePolicy that = (CachePolicy) other;
    return ttl.equals(that.ttl) && refreshAhead.equals(that.refreshAhead)
        && maxStale.equals(that.maxStale) && maxEntries == that.maxEntries;
  }

  @Override
  public int hashCode() {
    return Objects.hash(ttl, refreshAhead, maxStale, maxEntries);
  }

  @Override
  public String toString() {
    return "CachePolicy{ttl=" + ttl + ", refreshAhead=" + refreshAhead + ", maxStale=" + maxStale
        + ", maxEntries=" + maxEntries + "}";
  }
}
