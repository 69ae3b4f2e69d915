package io.github.secrets4j.internal.registry;

import io.github.secrets4j.SecretKind;
import io.github.secrets4j.internal.Slugs;
import io.github.secrets4j.internal.Text;
import io.github.secrets4j.internal.store.StoreNames;
import io.github.secrets4j.spi.SecretKindProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kinds of one runtime: the built-in ones, those wired explicitly (which win over discovered
 * ones) and those offered by {@link SecretKindProvider}s found with {@link ServiceLoader} where
 * provider factories are found. Immutable once built.
 */
public final class KindRegistry {
  private static final List<SecretKind<?>> BUILT_IN = List.of(SecretKind.OPAQUE, SecretKind.ENV);

  private final Map<String, SecretKind<?>> kinds;

  /**
   * Builds the registry; discovery happens now.
   *
   * @param explicit kinds wired on the builder, by name (checked by {@link #requireWirable})
   * @param classLoader where to look, or {@code null} for secrets4j's own place
   * @throws IllegalStateException if two discovered kinds share a name that no wired kind
   *     settles, a discovered kind takes a built-in name, or a plugin offers a null kind or one
   *     with an invalid name
   */
  public KindRegistry(Map<String, SecretKind<?>> explicit, ClassLoader classLoader) {
    Map<String, SecretKind<?>> all = new TreeMap<>();
    Map<String, String> origin = new LinkedHashMap<>();
    for (SecretKind<?> kind : BUILT_IN) {
      all.put(kind.name(), kind);
      origin.put(kind.name(), "built in");
    }
    all.putAll(explicit);
    Set<Class<?>> seen = new HashSet<>();
    for (ServiceLoader<SecretKindProvider> loader : Loaders.of(SecretKindProvider.class, classLoader)) {
      discover(loader.iterator(), seen, all, origin, explicit.keySet());
    }
    this.kinds = Collections.unmodifiableMap(all);
  }

  /**
   * Checks a kind wired on the builder: its name valid and not a built-in one.
   *
   * @param kind the kind
   * @return its name
   * @throws IllegalArgumentException if the name is invalid or built in, or {@code name()}
   *     throws (the message names the classes only)
   */
  public static String requireWirable(SecretKind<?> kind) {
    String name;
    try {
      name = kind.name();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("kind " + kind.getClass().getName() + ": its name() "
          + "failed: " + e.getClass().getName());
    }
    String problem = nameProblem(name);
    if (problem != null) {
      throw new IllegalArgumentException("kind " + kind.getClass().getName() + ": " + problem);
    }
    for (SecretKind<?> builtIn : BUILT_IN) {
      if (builtIn.name().equals(name)) {
        throw new IllegalArgumentException("the kind \"" + name + "\" is built in and cannot "
            + "be replaced");
      }
    }
    return name;
  }

  private static String nameProblem(String name) {
    if (name == null) {
      return "its name is null";
    }
    if (name.length() > StoreNames.MAX_KIND || !Slugs.isValid(name)) {
      return "its name \"" + Text.escape(name) + "\" is not a slug (lower-case letters, digits, "
          + "- and _) of at most " + StoreNames.MAX_KIND + " chars";
    }
    return null;
  }

  private static void discover(Iterator<SecretKindProvider> iterator, Set<Class<?>> seen,
      Map<String, SecretKind<?>> all, Map<String, String> origin, Set<String> wired) {
    // A plugin that cannot be loaded must not stop the others: skip it and say which it was.
    for (int guard = 0; guard < 10_000; guard++) {
      SecretKindProvider provider = null;
      List<SecretKind<?>> offered;
      List<String> names = new ArrayList<>();
      try {
        if (!iterator.hasNext()) {
          break;
        }
        provider = iterator.next();
        if (!seen.add(provider.getClass())) {
          continue;
        }
        offered = List.copyOf(provider.kinds());
        for (SecretKind<?> kind : offered) {
          names.add(kind.name());
        }
      } catch (ServiceConfigurationError | LinkageError e) {
        Log.LOG.warn("Ignoring a secret kind provider that could not be loaded: {}",
            Text.escape(e.toString()));
        continue;
      } catch (RuntimeException e) {
        // kinds() threw or returned null (or a list holding null), or a kind's name() threw:
        // only the class is shown, and none of the provider's kinds count.
        Log.LOG.warn("Ignoring a secret kind provider that failed: {}{}",
            provider == null ? "" : provider.getClass().getName() + ": ", e.getClass().getName());
        continue;
      }
      String from = provider.getClass().getName();
      for (int i = 0; i < offered.size(); i++) {
        SecretKind<?> kind = offered.get(i);
        String name = names.get(i);
        String problem = nameProblem(name);
        if (problem != null) {
          throw new IllegalStateException("Secret kind provider " + from + " offers the kind "
              + kind.getClass().getName() + ": " + problem);
        }
        SecretKind<?> existing = all.get(name);
        if (existing == null) {
          all.put(name, kind);
          origin.put(name, kind.getClass().getName() + " from " + from);
        } else if (existing != kind && !wired.contains(name)) {
          throw new IllegalStateException("Two secret kinds are named \"" + name + "\": "
              + origin.get(name) + ", and " + kind.getClass().getName() + " from " + from
              + "; remove one from the class path, or wire the one to use with "
              + "Secrets.builder().kind(...)");
        }
      }
    }
  }

  /**
   * Returns the kind named {@code name}.
   *
   * @param name the kind's name
   * @return the kind, or empty when this runtime knows none by that name
   */
  public Optional<SecretKind<?>> get(String name) {
    return Optional.ofNullable(kinds.get(name));
  }

  /**
   * Returns the names of every kind.
   *
   * @return the names, sorted, unmodifiable
   */
  public Set<String> names() {
    return kinds.keySet();
  }

  /** The logger, created on first use: a run that logs nothing never starts SLF4J. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(KindRegistry.class);
  }
}
