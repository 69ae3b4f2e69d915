package io.github.secrets4j.internal.template;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An immutable, insertion-ordered map of rendered parameters whose hash is computed once: it is a
 * cache key on every request, and requests can share it without copying.
 */
public final class FrozenMap extends AbstractMap<String, String> {
  private final Map<String, String> map;
  private final int hash;

  private FrozenMap(Map<String, String> map) {
    this.map = Collections.unmodifiableMap(map);
    this.hash = map.hashCode();
  }

  /** Returns {@code map} if it is frozen already, else a frozen copy (null keys or values refused). */
  public static FrozenMap of(Map<String, String> map) {
    if (map instanceof FrozenMap) {
      return (FrozenMap) map;
    }
    LinkedHashMap<String, String> copy = new LinkedHashMap<>(map.size() * 2);
    map.forEach((name, value) -> {
      if (name == null || value == null) {
        throw new NullPointerException(name == null ? "parameter name" : "value of parameter \"" + name + "\"");
      }
      copy.put(name, value);
    });
    return new FrozenMap(copy);
  }

  /** Freezes a map the caller just built and will not touch again. */
  static FrozenMap adopt(LinkedHashMap<String, String> fresh) {
    return new FrozenMap(fresh);
  }

  @Override
  public String get(Object key) {
    return map.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return map.containsKey(key);
  }

  @Override
  public int size() {
    return map.size();
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return map.entrySet();
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (other instanceof FrozenMap && ((FrozenMap) other).hash != hash) {
      return false;
    }
    return map.equals(other);
  }
}
