package io.github.secrets4j;

/**
 * Thrown when the provider works but the value is absent: the environment variable is unset, the file does not exist, the key is missing from the stored secret.
 *
 * <p>Like every {@link SecretError}, it never carries a secret value.
 */
public class SecretValueNotFoundError extends SecretError {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param secretName the name of the secret concerned
   * @param provider the provider slug concerned
   * @param reason what is wrong; must not contain a secret value
   */
  public SecretValueNotFoundError(String secretName, String provider, String reason) {
    super(secretName, provider, reason);
  }

  /**
   * Creates the error with a cause.
   *
   * @param secretName the name of the secret concerned
   * @param provider the provider slug concerned
   * @param reason what is wrong; must not contain a secret value
   * @param cause the underlying failure, may be {@code null}; its message must not contain a value
   */
  public SecretValueNotFoundError(String secretName, String provider, String reason, Throwable cause) {
    super(secretName, provider, reason, cause);
  }
}
