package io.github.secrets4j;

/**
 * Counters of the value cache, for one provider or all of them; a snapshot that holds no secret.
 *
 * @param hits requests answered from the cache with a fresh value
 * @param misses requests that found no usable value and asked the provider (or waited for a
 *     request already asking it)
 * @param loads successful calls to the provider, refreshes included (counted whether or not the
 *     provider's values are cached)
 * @param loadFailures calls to the provider that failed
 * @param staleServes requests answered with a value past its ttl because the provider failed
 */
public record CacheStats(long hits, long misses, long loads, long loadFailures, long staleServes) {
  /**
   * Returns the counters with nothing counted.
   *
   * @return counters that are all zero
   */
  public static CacheStats empty() {
    return new CacheStats(0, 0, 0, 0, 0);
  }

  /**
   * Returns the sum of this and {@code other}, counter by counter.
   *
   * @param other the counters to add
   * @return new counters; neither operand changes
   */
  public CacheStats plus(CacheStats other) {
    java.util.Objects.requireNonNull(other, "other");
    return new CacheStats(hits + other.hits, misses + other.misses, loads + other.loads,
        loadFailures + other.loadFailures, staleServes + other.staleServes);
  }
}
