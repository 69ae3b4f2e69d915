package io.github.secrets4j.internal.settings;

/**
 * A setting whose value does not parse. The runtime reports it as a
 * {@link io.github.secrets4j.SecretProviderError} naming the secret and provider that needed it;
 * its message names the setting and shows the value escaped.
 */
public final class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  InvalidSettingException(String message) {
    super(message);
  }
}
