package io.github.secrets4j.aws.internal;

/**
 * Marks, in a cause chain, that no AWS credentials could be had. Its message is the SDK's
 * explanation, which names providers, profiles and variables, never a key; it is not escaped, so
 * print it through {@link io.github.secrets4j.spi.ProviderContext#escape}.
 */
public final class CredentialsUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the marker with the SDK's explanation. */
  public CredentialsUnavailableException(String message) {
    super(message, null, false, false);
  }
}
