package io.github.secrets4j;

/**
 * Thrown when the provider is missing, misconfigured or failing: no provider is registered under the slug, a setting is missing or invalid, or the backend cannot be reached.
 *
 * <p>Like every {@link SecretError}, it never carries a secret value.
 */
public class SecretProviderError extends SecretError {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param secretName the name of the secret concerned
   * @param provider the provider slug concerned
   * @param reason what is wrong; must not contain a secret value
   */
  public SecretProviderError(String secretName, String provider, String reason) {
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
  public SecretProviderError(String secretName, String provider, String reason, Throwable cause) {
    super(secretName, provider, reason, cause);
  }
}
