package io.github.secrets4j.spi;

import java.util.Optional;

/**
 * What a {@code Secrets} runtime offers the providers it creates: its settings and environment.
 *
 * <p>A setting is looked up in the runtime builder's settings, then in the system properties, then
 * in the environment, where {@code secrets4j.text-file.allowed-roots} is spelled
 * {@code SECRETS4J_TEXT_FILE_ALLOWED_ROOTS} (upper case, {@code .} and {@code -} become {@code _}).
 */
public interface ProviderContext {
  /**
   * Returns a setting, for example {@code secrets4j.text-file.allowed-roots}.
   *
   * @return the value, or empty when no source defines it (a blank value counts as absent)
   */
  Optional<String> setting(String key);

  /**
   * Returns an environment variable of this runtime: the process environment unless the runtime
   * was built with another ({@code Secrets.Builder.environment}), as tests do.
   *
   * @return the value, or empty when it is not set (an empty value is present)
   */
  Optional<String> environmentVariable(String name);
}
