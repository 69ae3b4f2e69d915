package io.github.secrets4j.internal.settings;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings looked up in order: the runtime builder's map, the system properties, the environment
 * ({@code secrets4j.text-file.allowed-roots} as {@code SECRETS4J_TEXT_FILE_ALLOWED_ROOTS}).
 */
public final class Settings {
  private final Map<String, String> explicit;
  private final Map<String, String> environment;

  /**
   * @param explicit the builder's settings (copied by the caller)
   * @param environment the environment to read, or {@code null} for the process environment
   */
  public Settings(Map<String, String> explicit, Map<String, String> environment) {
    this.explicit = checked(explicit, "setting");
    this.environment = environment == null ? null : checked(environment, "environment variable");
  }

  /**
   * Generics are erased: a raw map can carry keys or values of any type, which would surface later
   * as a ClassCastException far from the mistake. Refused here, naming the key, never the value.
   *
   * @throws IllegalArgumentException if a key or a value is not a string
   */
  private static Map<String, String> checked(Map<String, String> map, String what) {
    for (Map.Entry<?, ?> entry : ((Map<?, ?>) map).entrySet()) {
      if (!(entry.getKey() instanceof String)) {
        throw new IllegalArgumentException(
            "every " + what + " name must be a string, not a " + typeOf(entry.getKey()));
      }
      if (!(entry.getValue() instanceof String)) {
        throw new IllegalArgumentException("the value of " + what + " \"" + entry.getKey()
            + "\" must be a string, not a " + typeOf(entry.getValue()));
      }
    }
    return map;
  }

  private static String typeOf(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }

  /**
   * Returns the setting, or empty when no source defines it or its value is blank.
   *
   * @throws IllegalArgumentException if the key is blank
   */
  public Optional<String> get(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isBlank()) {
      throw new IllegalArgumentException("setting key must not be blank");
    }
    String value = explicit.get(key);
    if (value == null) {
      value = System.getProperty(key);
    }
    if (value == null) {
      value = environmentVariable(environmentName(key)).orElse(null);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** Returns an environment variable of this runtime's environment. */
  public Optional<String> environmentVariable(String name) {
    Objects.requireNonNull(name, "name");
    return Optional.ofNullable(environment != null ? environment.get(name) : System.getenv(name));
  }

  /** Returns the environment variable that spells {@code key}: upper case, {@code .-} to {@code _}. */
  public static String environmentName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
