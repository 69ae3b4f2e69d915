package io.github.secrets4j.spi;

import io.github.secrets4j.internal.settings.SettingValues;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code Secrets} runtime offers the providers it creates: its settings, read with one
 * grammar for every module, its environment, and escaping for untrusted text.
 *
 * <p>A setting is looked up in the runtime builder's settings, then in the system properties, then
 * in the environment, where {@code secrets4j.text-file.allowed-roots} is spelled
 * {@code SECRETS4J_TEXT_FILE_ALLOWED_ROOTS} (upper case, {@code .} and {@code -} become {@code _}).
 *
 * <p>The typed readers throw an {@link IllegalArgumentException} whose message names the setting,
 * what was expected and the value (escaped, bounded), for example
 * {@code Setting secrets4j.cache.ttl must be a duration such as 0, 30s, 5m or PT5M, not "soon"};
 * thrown while a factory creates its provider, the runtime reports it as a
 * {@link io.github.secrets4j.SecretProviderError} with that message. A provider that reads
 * settings later (on its first request) reports it itself, for example with
 * {@code request.providerError(e.getMessage())}.
 */
public interface ProviderContext {
  /**
   * Returns a setting, for example {@code secrets4j.text-file.allowed-roots}.
   *
   * @param key the setting's name
   * @return the value, stripped, or empty when no source defines it (a blank value counts as
   *     absent)
   */
  Optional<String> setting(String key);

  /**
   * Returns an environment variable of this runtime: the process environment unless the runtime
   * was built with another ({@code Secrets.Builder.environment}), as tests do.
   *
   * @param name the variable's name
   * @return the value, or empty when it is not set (an empty value is present)
   */
  Optional<String> environmentVariable(String name);

  /**
   * Returns the runtime's wall clock ({@code Secrets.Builder.timeSource}, else the system's): what
   * a store records as the time of a put, so that tests can step it.
   *
   * @return the runtime's time source
   */
  default InstantSource timeSource() {
    return InstantSource.system();
  }

  /**
   * Returns a duration setting: {@code 0}, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h},
   * {@code 2d} or ISO-8601 ({@code PT5M}); never negative.
   *
   * @param key the setting's name, such as {@code secrets4j.cache.ttl}
   * @return the duration, or empty when the setting is not set
   * @throws IllegalArgumentException if the value is not such a duration
   */
  default Optional<Duration> durationSetting(String key) {
    Optional<String> value = setting(key);
    return value.isEmpty() ? Optional.empty()
        : Optional.of(SettingValues.duration(key, value.get()));
  }

  /**
   * Returns a whole-number setting.
   *
   * @param key the setting's name
   * @return the number, or empty when the setting is not set
   * @throws IllegalArgumentException if the value is not a whole number
   */
  default Optional<Long> longSetting(String key) {
    Optional<String> value = setting(key);
    return value.isEmpty() ? Optional.empty() : Optional.of(SettingValues.whole(key, value.get()));
  }

  /**
   * Returns a boolean setting: {@code true} or {@code false}, in any case.
   *
   * @param key the setting's name
   * @return the boolean, or empty when the setting is not set
   * @throws IllegalArgumentException if the value is neither
   */
  default Optional<Boolean> booleanSetting(String key) {
    Optional<String> value = setting(key);
    return value.isEmpty() ? Optional.empty() : Optional.of(SettingValues.bool(key, value.get()));
  }

  /**
   * Returns a comma-separated setting as a list: items stripped, empty items dropped.
   *
   * @param key the setting's name, such as {@code secrets4j.text-file.allowed-roots}
   * @return the items in order; empty when the setting is not set
   */
  default List<String> listSetting(String key) {
    Optional<String> value = setting(key);
    return value.isEmpty() ? List.of() : SettingValues.list(value.get());
  }

  /**
   * Returns {@code text} safe to put in a message or a log line: control and invisible format
   * characters escaped ({@code \0}, {@code \}{@code uXXXX}) and at most 200 code points shown.
   * Use it for every rendered parameter, name or backend answer a provider prints.
   *
   * @param text untrusted text, such as a rendered parameter
   * @return the escaped, bounded text, to print between quotes
   */
  default String escape(CharSequence text) {
    return UntrustedText.escape(text);
  }

  /**
   * Returns {@code text} escaped as {@link #escape(CharSequence)} does, with at most
   * {@code maxCodePoints} code points shown: for longer explanations from a backend or an SDK.
   *
   * @param text untrusted text, such as a backend's error message
   * @param maxCodePoints how many code points to show at most; positive
   * @return the escaped, bounded text
   * @throws IllegalArgumentException if {@code maxCodePoints} is not positive
   */
  default String escape(CharSequence text, int maxCodePoints) {
    return UntrustedText.escape(text, maxCodePoints);
  }
}
