package io.github.secrets4j;

/**
 * Thrown when the parameters of a secret are wrong: a required parameter is missing, a value is invalid, or a template failed to render. Fix the secret's definition or the object passed in.
 *
 * <p>Like every {@link SecretError}, it never carries a secret value.
 */
public class SecretParametersError extends SecretError {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param secretName the name of the secret concerned
   * @param provider the provider slug concerned
   * @param reason what is wrong; must not contain a secret value
   */
  public SecretParametersError(String secretName, String provider, String reason) {
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
  public SecretParametersError(String secretName, String provider, String reason, Throwable cause) {
    super(secretName, provider, reason, cause);
  }
}
