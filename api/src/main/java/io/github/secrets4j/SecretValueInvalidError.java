package io.github.secrets4j;

/**
 * Thrown when a value was found but is not of the kind asked for: a {@link SecretKind} refused it
 * in {@link Secret#getValue(Object, SecretKind)}. Fix the stored value (or ask for the right kind).
 *
 * <p>The reason names the kind and says what is wrong (a line, a field), never the value or a part
 * of it. Like every {@link SecretError}, it never carries a secret value.
 */
public class SecretValueInvalidError extends SecretError {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param secretName the name of the secret concerned
   * @param provider the provider slug concerned
   * @param reason what is wrong; must not contain a secret value
   */
  public SecretValueInvalidError(String secretName, String provider, String reason) {
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
  public SecretValueInvalidError(String secretName, String provider, String reason,
      Throwable cause) {
    super(secretName, provider, reason, cause);
  }
}
