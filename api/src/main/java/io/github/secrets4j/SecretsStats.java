package io.github.secrets4j;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A snapshot of a runtime's cache counters, per provider slug and in total, for exposing as
 * metrics. Immutable; holds no secret.
 */
public final class SecretsStats {
  private final Map<String, CacheStats> byProvider;
  private final CacheStats total;

  SecretsStats(Map<String, CacheStats> byProvider) {
    this.byProvider = Collections.unmodifiableMap(new TreeMap<>(byProvider));
    CacheStats sum = CacheStats.empty();
    for (CacheStats stats : byProvider.values()) {
      sum = sum.plus(stats);
    }
    this.total = sum;
  }

  /**
   * Returns the counters of every provider that has been asked for a value, by slug.
   *
   * @return the counters by provider slug, sorted by slug, unmodifiable
   */
  public Map<String, CacheStats> byProvider() {
    return byProvider;
  }

  /**
   * Returns the counters of one provider.
   *
   * @param slug the provider's slug
   * @return its counters; all zero if it has not been asked
   */
  public CacheStats provider(String slug) {
    Objects.requireNonNull(slug, "slug");
    return byProvider.getOrDefault(slug, CacheStats.empty());
  }

  /**
   * Returns the sum over all providers.
   *
   * @return the counters added up over {@link #byProvider()}
   */
  public CacheStats total() {
    return total;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecretsStats && ((SecretsStats) other).byProvider.equals(byProvider);
  }

  @Override
  public int hashCode() {
    return byProvider.hashCode();
  }

  @Override
  public String toString() {
    return "SecretsStats{total=" + total + ", byProvider=" + byProvider + "}";
  }
}
