package io.github.secrets4j;

/**
 * Thrown when a rule refuses a request after its parameters were rendered: an environment variable
 * outside the allowed prefixes, a file outside the allowed roots. The provider is not asked.
 *
 * <p>The reason names the parameter, its rendered location and the setting or rule that refused
 * it, never a value.
 */
public class SecretAccessDeniedError extends SecretError {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param secretName the name of the secret concerned
   * @param provider the provider slug concerned
   * @param reason which parameter was refused and by what rule; must not contain a value
   */
  public SecretAccessDeniedError(String secretName, String provider, String reason) {
    super(secretName, provider, reason);
  }
}
