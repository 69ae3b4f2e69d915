package io.github.secrets4j.internal.definitions;

import java.util.Set;
import java.util.TreeSet;

/**
 * The kinds a definition file may name. The one place definitions ask about kinds: to be rewired
 * to the kind registry when kinds land (built-in and ServiceLoader-discovered kinds).
 */
final class Kinds {
  private static final Set<String> KNOWN = Set.of("opaque", "env", "tls");

  private Kinds() {}

  /** Returns the names of the known kinds, sorted, if {@code name} is not one; else empty. */
  static Set<String> unknown(String name) {
    return KNOWN.contains(name) ? Set.of() : new TreeSet<>(KNOWN);
  }
}
