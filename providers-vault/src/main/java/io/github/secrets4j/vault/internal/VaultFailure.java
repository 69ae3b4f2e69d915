package io.github.secrets4j.vault.internal;

/**
 * A failure talking to Vault, already described for users: the provider turns it into the
 * matching {@link io.github.secrets4j.SecretError} for the secret being read.
 *
 * <p>The message never holds a token, secret-id, JWT or value; the cause, when there is one, is a
 * low-level I/O exception whose message holds none either.
 */
public final class VaultFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of failure, which decides the error class users see. */
  public enum Kind {
    /** The path or version does not exist (HTTP 404): a {@code SecretValueNotFoundError}. */
    NOT_FOUND,
    /**
     * Vault refused the token's access (HTTP 403) to a store write: a
     * {@code SecretAccessDeniedError} there, a {@code SecretProviderError} on reads.
     */
    DENIED,
    /** Anything else: a {@code SecretProviderError}. */
    PROVIDER
  }

  /** Decides the error class users see. */
  private final Kind kind;

  VaultFailure(Kind kind, String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
  }

  static VaultFailure provider(String message) {
    return new VaultFailure(Kind.PROVIDER, message, null);
  }

  static VaultFailure provider(String message, Throwable cause) {
    return new VaultFailure(Kind.PROVIDER, message, cause);
  }

  /**
   * {@return the failure of a call on a closed provider}
   */
  public static VaultFailure closed() {
    return provider("The HashiCorp Vault provider is closed");
  }

  static VaultFailure denied(String message) {
    return new VaultFailure(Kind.DENIED, message, null);
  }

  static VaultFailure notFound(String message) {
    return new VaultFailure(Kind.NOT_FOUND, message, null);
  }

  /** {@return the kind of failure} */
  public Kind kind() {
    return kind;
  }
}
