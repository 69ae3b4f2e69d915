package io.github.secrets4j;

/**
 * Thrown when a provider failed in a way it did not report as a {@link SecretError}: an unexpected
 * exception escaped it (attached as the cause; its message is not repeated, as it may hold
 * anything), or it returned no value. Usually a bug in the provider or its client library.
 *
 * <p>Like every {@link SecretError}, it never carries a secret value.
 */
public class SecretUnexpectedError extends SecretError {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param secretName the name of the secret concerned
   * @param provider the provider slug concerned
   * @param reason what happened; must not contain a secret value
   * @param cause the exception that escaped the provider, may be {@code null}
   */
  public SecretUnexpectedError(String secretName, String provider, String reason, Throwable cause) {
    super(secretName, provider, reason, cause);
  }
}
