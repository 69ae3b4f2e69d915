package io.github.secrets4j.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the runtime may keep values fetched from a provider. A provider declares its default
 * with {@link SecretsProvider#cachePolicy()}; settings ({@code secrets4j.cache.*} and
 * {@code secrets4j.<slug>.cache.*}) override it. A {@linkplain #ttl() ttl} of zero disables
 * caching.
 *
 * @param ttl how long a value is kept; zero means no caching
 * @param refreshAhead how long before expiry a value is refreshed in the background; zero means
 *     never
 * @param maxStale how long past expiry the last good value is served when the provider fails
 * @param maxEntries how many values are kept at most
 */
public record CachePolicy(Duration ttl, Duration refreshAhead, Duration maxStale, long maxEntries) {
  private static final CachePolicy NONE =
      new CachePolicy(Duration.ZERO, Duration.ZERO, Duration.ZERO, 10_000);

  /**
   * Checks the components.
   *
   * @param ttl how long a value is kept; zero means no caching
   * @param refreshAhead how long before expiry a value is refreshed in the background; zero
   *     means never
   * @param maxStale how long past expiry the last good value is served when the provider fails
   * @param maxEntries how many values are kept at most; positive
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if a duration is negative or {@code maxEntries} is not
   *     positive
   */
  public CachePolicy {
    nonNegative(ttl, "ttl");
    nonNegative(refreshAhead, "refreshAhead");
    nonNegative(maxStale, "maxStale");
    if (maxEntries <= 0) {
      throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
    }
  }

  /**
   * Returns the policy that caches nothing (the default for local providers).
   *
   * @return a policy with a zero ttl
   */
  public static CachePolicy none() {
    return NONE;
  }

  /**
   * Returns a policy that keeps values for {@code ttl}, with no refresh-ahead and no stale
   * serving.
   *
   * @param ttl how long a value is kept; zero means no caching
   * @return the policy
   * @throws IllegalArgumentException if {@code ttl} is negative
   */
  public static CachePolicy ttl(Duration ttl) {
    return NONE.withTtl(ttl);
  }

  /**
   * Returns whether this policy caches at all.
   *
   * @return {@code true} when the ttl is not zero
   */
  public boolean enabled() {
    return !ttl.isZero();
  }

  /**
   * Returns a copy with another ttl.
   *
   * @param ttl how long a value is kept; zero or positive
   * @return a new policy; this one is unchanged
   * @throws IllegalArgumentException if {@code ttl} is negative
   */
  public CachePolicy withTtl(Duration ttl) {
    return new CachePolicy(ttl, refreshAhead, maxStale, maxEntries);
  }

  /**
   * Returns a copy with another refresh-ahead window.
   *
   * @param refreshAhead how long before expiry to refresh; zero (never) or positive
   * @return a new policy; this one is unchanged
   * @throws IllegalArgumentException if {@code refreshAhead} is negative
   */
  public CachePolicy withRefreshAhead(Duration refreshAhead) {
    return new CachePolicy(ttl, refreshAhead, maxStale, maxEntries);
  }

  /**
   * Returns a copy with another stale window.
   *
   * @param maxStale how long past expiry a value may be served; zero or positive
   * @return a new policy; this one is unchanged
   * @throws IllegalArgumentException if {@code maxStale} is negative
   */
  public CachePolicy withMaxStale(Duration maxStale) {
    return new CachePolicy(ttl, refreshAhead, maxStale, maxEntries);
  }

  /**
   * Returns a copy with another bound on entries.
   *
   * @param maxEntries how many values are kept at most; positive
   * @return a new policy; this one is unchanged
   * @throws IllegalArgumentException if {@code maxEntries} is not positive
   */
  public CachePolicy withMaxEntries(long maxEntries) {
    return new CachePolicy(ttl, refreshAhead, maxStale, maxEntries);
  }

  private static void nonNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + duration);
    }
  }
}
