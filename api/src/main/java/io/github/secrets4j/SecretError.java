package io.github.secrets4j;

import io.github.secrets4j.internal.Text;
import java.util.Objects;

/**
 * The root of secrets4j's small, unchecked error hierarchy.
 *
 * <p>Every error names the secret and the provider slug it concerns and a {@linkplain #reason() reason}
 * that says what is wrong. The message reads as in Nautobot:
 * {@code Secret "NAPALM Secret" (provider "environment-variable"): Undefined environment variable "X"!},
 * and {@link #toString()} prefixes the simple class name.
 *
 * <p>Contract: an error never carries a secret value, a token or a password, in its message or in
 * any field. Its message and {@linkplain #reason() reason} are printable as they are: control
 * and invisible format characters (line breaks, bidi overrides) are escaped as {@code \}{@code
 * uXXXX}, the secret name and provider slug are cut at 200 code points and the reason at 2,000. It holds only plain strings, so it serializes and can cross thread and process
 * boundaries.
 *
 * <p>{@code catch (SecretError e)} catches every failure secrets4j reports; the runtime itself
 * only throws subclasses, which tell the caller what to do: {@link SecretParametersError} (fix the
 * definition or the object), {@link SecretValueNotFoundError} (the provider works, the value is
 * absent), {@link SecretValueInvalidError} (the value is not of the kind asked for),
 * {@link SecretProviderError} (the provider is missing, misconfigured or failing),
 * {@link SecretAccessDeniedError} (a policy refused the request), {@link SecretUnexpectedError}
 * (the provider failed unexpectedly; the cause is attached) and {@link SecretsGroupError} (a group
 * has no secret in the slot asked for).
 */
public class SecretError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** The longest secret name or provider slug a message shows, in code points. */
  private static final int MAX_NAME = Text.MAX_CODE_POINTS;
  /** The longest reason a message shows, in code points. */
  private static final int MAX_REASON = 2_000;

  /** @serial the secret's name (a group's for a {@link SecretsGroupError}); never a value */
  private final String secretName;
  /** @serial the provider's slug, or {@value SecretsGroupError#PROVIDER} */
  private final String provider;
  /** @serial what is wrong, without the secret and provider prefix; never a value */
  private final String reason;

  /**
   * Creates an error.
   *
   * @param secretName the name of the secret concerned (never its value)
   * @param provider the provider slug concerned
   * @param reason what is wrong; must not contain a secret value
   */
  public SecretError(String secretName, String provider, String reason) {
    this(secretName, provider, reason, null);
  }

  /**
   * Creates an error with a cause.
   *
   * @param secretName the name of the secret concerned (never its value)
   * @param provider the provider slug concerned
   * @param reason what is wrong; must not contain a secret value
   * @param cause the underlying failure, may be {@code null}; its message must not contain a value
   */
  public SecretError(String secretName, String provider, String reason, Throwable cause) {
    super(format(secretName, provider, reason), cause);
    this.secretName = Objects.requireNonNull(secretName, "secretName");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.reason = Text.escape(Objects.requireNonNull(reason, "reason"), MAX_REASON);
  }

  /**
   * For subclasses whose message does not follow the secret/provider form (a group error).
   *
   * @param message the whole message
   * @param secretName what the error names in place of a secret (a group's name)
   * @param provider what the error names in place of a provider slug
   * @param reason what is wrong
   * @param cause the underlying failure, may be {@code null}
   */
  protected SecretError(
      String message, String secretName, String provider, String reason, Throwable cause) {
    super(Text.escape(Objects.requireNonNull(message, "message"), MAX_NAME + MAX_REASON), cause);
    this.secretName = Objects.requireNonNull(secretName, "secretName");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.reason = Text.escape(Objects.requireNonNull(reason, "reason"), MAX_REASON);
  }

  /**
   * The message: each part escaped and bounded, whoever built the reason (a third-party provider
   * may quote a rendered parameter, which comes from {@code obj}, without escaping it).
   */
  private static String format(String secretName, String provider, String reason) {
    return "Secret \"" + Text.escape(Objects.requireNonNull(secretName, "secretName"), MAX_NAME)
        + "\" (provider \"" + Text.escape(Objects.requireNonNull(provider, "provider"), MAX_NAME)
        + "\"): " + Text.escape(Objects.requireNonNull(reason, "reason"), MAX_REASON);
  }

  /**
   * Returns the name of the secret this error concerns (for a {@link SecretsGroupError}, the
   * group's).
   *
   * @return the name, never a value
   */
  public final String secretName() {
    return secretName;
  }

  /**
   * Returns the slug of the provider this error concerns (for a {@link SecretsGroupError},
   * {@value SecretsGroupError#PROVIDER}: no provider was asked).
   *
   * @return the provider's slug
   */
  public final String provider() {
    return provider;
  }

  /**
   * Returns what is wrong, without the secret and provider prefix of {@link #getMessage()}.
   *
   * @return the reason, never a value
   */
  public final String reason() {
    return reason;
  }

  /** Returns {@code SimpleClassName: message}, as Nautobot prints its secret errors. */
  @Override
  public String toString() {
    return getClass().getSimpleName() + ": " + getMessage();
  }
}
