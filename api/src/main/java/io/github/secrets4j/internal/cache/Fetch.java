package io.github.secrets4j.internal.cache;

import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.SecretUnexpectedError;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.internal.RedactedException;
import io.github.secrets4j.internal.Text;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One call to a provider, with its failures put in secrets4j's terms. */
public final class Fetch {

  private Fetch() {}

  /**
   * Asks the provider.
   *
   * @throws SecretError what the provider threw, or a {@link SecretUnexpectedError} for anything
   *     else that escaped it and for a null answer
   */
  static String fetch(SecretsProvider provider, SecretRequest request) {
    String value;
    try {
      value = provider.getValue(request);
    } catch (SecretError e) {
      Log.LOG.debug("Secret \"{}\" (provider \"{}\") failed: {}", Text.escape(request.secretName()),
          Text.escape(request.provider()), e.getClass().getSimpleName());
      throw e;
    } catch (RuntimeException e) {
      throw unexpected(request, e);
    }
    if (value == null) {
      throw new SecretUnexpectedError(request.secretName(), request.provider(),
          "The provider returned no value (null)", null);
    }
    return value;
  }

  /**
   * Returns the error for an exception that escaped a provider: its class is named, its message
   * (and every message down its cause chain, which may hold anything, a value included) is not;
   * the cause is a {@link RedactedException} with the original class names and stack traces.
   *
   * @param request the request the provider was asked
   * @param e what escaped the provider
   * @return the error to throw
   */
  public static SecretUnexpectedError unexpected(SecretRequest request, RuntimeException e) {
    return new SecretUnexpectedError(request.secretName(), request.provider(),
        "The provider failed unexpectedly: " + e.getClass().getName(), RedactedException.of(e));
  }

  /**
   * Whether a failure is an outage (served stale, backed off) rather than an answer: "not found",
   * parameter and access errors are answers.
   */
  static boolean isOutage(SecretError error) {
    return !(error instanceof SecretValueNotFoundError
        || error instanceof SecretParametersError
        || error instanceof SecretAccessDeniedError);
  }

  /**
   * Returns a new instance of {@code error} for one more caller that shares a load or a back-off:
   * the same kind (the nearest secrets4j class), secret, provider, reason and cause, with the
   * caller's own stack trace, so no two threads throw one exception object.
   */
  static SecretError copyFor(SecretError error) {
    String name = error.secretName();
    String provider = error.provider();
    String reason = error.reason();
    Throwable cause = error.getCause();
    if (error instanceof SecretValueNotFoundError) {
      return new SecretValueNotFoundError(name, provider, reason, cause);
    }
    if (error instanceof SecretParametersError) {
      return new SecretParametersError(name, provider, reason, cause);
    }
    if (error instanceof SecretAccessDeniedError) {
      return new SecretAccessDeniedError(name, provider, reason);
    }
    if (error instanceof SecretProviderError) {
      return new SecretProviderError(name, provider, reason, cause);
    }
    if (error instanceof SecretUnexpectedError) {
      return new SecretUnexpectedError(name, provider, reason, cause);
    }
    return new SecretError(name, provider, reason, cause);
  }

  /** The logger, created on first use: a run that logs nothing never starts SLF4J. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(Fetch.class);
  }
}
