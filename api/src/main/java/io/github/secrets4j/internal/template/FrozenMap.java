package io.github.secrets4j.internal.template;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable, insertion-ordered map of rendered parameters whose hash is computed once: it is a
 * cache key on every request, and requests can share it without copying. Two arrays (names and
 * values): a secret has a handful of parameters, so a lookup is a short scan and a render builds
 * one array, no hash table; past {@value #SCANNED} names an index keeps lookups constant-time.
 */
public final class FrozenMap extends AbstractMap<String, String> {
  /** Up to this many names, a lookup scans them. */
  private static final int SCANNED = 8;

  private final String[] names;
  private final String[] values;
  private final HashMap<String, Integer> index;
  private final int hash;

  private FrozenMap(String[] names, String[] values) {
    this.names = names;
    this.values = values;
    int sum = 0;
    for (int i = 0; i < names.length; i++) {
      // As Map.hashCode: the sum of each entry's key hash XOR value hash.
      sum += names[i].hashCode() ^ values[i].hashCode();
    }
    this.hash = sum;
    if (names.length > SCANNED) {
      index = new HashMap<>(names.length * 2);
      for (int i = 0; i < names.length; i++) {
        index.put(names[i], i);
      }
    } else {
      index = null;
    }
  }

  /** Returns {@code map} if it is frozen already, else a frozen copy (null keys or values refused). */
  public static FrozenMap of(Map<String, String> map) {
    if (map instanceof FrozenMap) {
      return (FrozenMap) map;
    }
    // One snapshot of the entries, sized by itself: a map changed meanwhile cannot overrun it.
    Object[] entries = map.entrySet().toArray();
    String[] names = new String[entries.length];
    String[] values = new String[entries.length];
    for (int i = 0; i < entries.length; i++) {
      @SuppressWarnings("unchecked")
      Map.Entry<String, String> entry = (Map.Entry<String, String>) entries[i];
      String name = entry.getKey();
      String value = entry.getValue();
      if (name == null || value == null) {
        throw new NullPointerException(name == null ? "parameter name" : "value of parameter \"" + name + "\"");
      }
      names[i] = name;
      values[i] = value;
    }
    return new FrozenMap(names, values);
  }

  /**
   * Freezes parameters the caller just rendered: distinct, non-null {@code names} (which may be
   * shared, as neither side changes them) and a {@code values} array the caller will not touch
   * again.
   */
  static FrozenMap adopt(String[] names, String[] values) {
    return new FrozenMap(names, values);
  }

  private int indexOf(Object name) {
    if (index != null) {
      Integer at = index.get(name);
      return at == null ? -1 : at;
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String get(Object key) {
    int at = indexOf(key);
    return at < 0 ? null : values[at];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return names.length;
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, String>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < names.length;
          }

          @Override
          public Entry<String, String> next() {
            if (next >= names.length) {
              throw new NoSuchElementException();
            }
            int at = next++;
            return new SimpleImmutableEntry<>(names[at], values[at]);
          }
        };
      }

      @Override
      public int size() {
        return names.length;
      }
    };
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
    if (!(other instanceof FrozenMap)) {
      return super.equals(other);
    }
    FrozenMap that = (FrozenMap) other;
    if (that.hash != hash || that.names.length != names.length) {
      return false;
    }
    for (int i = 0; i < names.length; i++) {
      // Same order is the common case (the same secret rendered twice): no lookup then.
      String value = that.names[i].equals(names[i]) ? that.values[i] : that.get(names[i]);
      if (!values[i].equals(value)) {
        return false;
      }
    }
    return true;
  }
}
