package io.github.secrets4j.internal;

import java.util.Locale;
import java.util.Map;
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
    this.explicit = explicit;
    this.environment = environment;
  }

  /** Returns the setting, or empty when no source defines it or its value is blank. */
  public Optional<String> get(String key) {
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
    return Optional.ofNullable(environment != null ? environment.get(name) : System.getenv(name));
  }

  /** Returns the environment variable that spells {@code key}: upper case, {@code .-} to {@code _}. */
  public static String environmentName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
