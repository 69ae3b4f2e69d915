package io.github.secrets4j.aws.internal;

import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretRequest;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns an SDK failure into a secrets4j error, by the wire error code and HTTP status.
 *
 * <p>Service errors: {@code ResourceNotFoundException} becomes a
 * {@link io.github.secrets4j.SecretValueNotFoundError}, {@code InvalidParameterException} a
 * {@link io.github.secrets4j.SecretParametersError}, every other code a
 * {@link io.github.secrets4j.SecretProviderError}. Client failures (network, timeouts, credentials,
 * unreadable responses) are provider errors. Every reason names the secret id, the region and the
 * code (or the kind of client failure).
 *
 * <p>What never reaches a reason or a cause: response bodies and parser messages (a malformed body
 * could hold a value, and the JSON parser quotes what it could not read), credentials. The service's
 * own error code and message are kept, escaped and bounded by {@link ProviderContext#escape}: AWS
 * never puts a secret value in them.
 *
 * <p>Reads and writes differ in one code: {@code AccessDeniedException} is a
 * {@link io.github.secrets4j.SecretProviderError} on a read (the credentials are the provider's
 * configuration) and a {@link SecretAccessDeniedError} on a store's write.
 */
public final class AwsErrors {
  private AwsErrors() {}

  /** Makes the errors of one call: of a read's {@link SecretRequest}, or of a store's key. */
  public interface Errors {
    /**
     * Makes the error for "no such secret or version".
     *
     * @param reason what is wrong, without a value
     * @return the error for "no such secret or version"
     */
    SecretError notFound(String reason);

    /**
     * Makes the error for parameters AWS rejected.
     *
     * @param reason what is wrong, without a value
     * @return the error for parameters AWS rejected
     */
    SecretError parameters(String reason);

    /**
     * Makes the error for {@code AccessDeniedException}.
     *
     * @param reason what is wrong, without a value
     * @return the error for {@code AccessDeniedException}
     */
    SecretError denied(String reason);

    /**
     * Makes the error for every other failure.
     *
     * @param reason what is wrong, without a value
     * @return the error for every other failure
     */
    SecretError provider(String reason);

    /**
     * The errors of a read: AccessDenied is a provider error (the credentials are configuration).
     *
     * @param request the read's request, for the secret's name and provider
     * @return the errors of that request
     */
    static Errors of(SecretRequest request) {
      return new Errors() {
        @Override
        public SecretError notFound(String reason) {
          return request.notFound(reason);
        }

        @Override
        public SecretError parameters(String reason) {
          return request.parametersError(reason);
        }

        @Override
        public SecretError denied(String reason) {
          return request.providerError(reason);
        }

        @Override
        public SecretError provider(String reason) {
          return request.providerError(reason);
        }
      };
    }

    /**
     * The errors of a store's write on {@code key}: AccessDenied is a
     * {@link SecretAccessDeniedError}.
     *
     * @param key the store key, named by each error
     * @param slug the provider's slug
     * @return the errors of that key
     */
    static Errors ofKey(String key, String slug) {
      return new Errors() {
        @Override
        public SecretError notFound(String reason) {
          return new SecretValueNotFoundError(key, slug, reason);
        }

        @Override
        public SecretError parameters(String reason) {
          return new SecretParametersError(key, slug, reason);
        }

        @Override
        public SecretError denied(String reason) {
          return new SecretAccessDeniedError(key, slug, reason);
        }

        @Override
        public SecretError provider(String reason) {
          return new SecretProviderError(key, slug, reason);
        }
      };
    }
  }

  /**
   * Maps {@code failure} of one call.
   *
   * @param context escapes the text the SDK and the service return
   * @param request makes the errors, naming the secret (or key) and the provider
   * @param call what was asked: operation, secret id, region, version (already escaped)
   * @param failure what the SDK threw
   * @param settings the timeouts and attempts in force, to say which one ran out
   * @return the error to throw
   */
  public static SecretError map(ProviderContext context, Errors request,
      CallDescription call, SdkException failure, ClientSettings settings) {
    if (failure instanceof AwsServiceException) {
      return service(context, request, call, (AwsServiceException) failure, settings);
    }
    return client(context, request, call, failure, settings);
  }

  private static SecretError service(ProviderContext context, Errors request,
      CallDescription call, AwsServiceException failure, ClientSettings settings) {
    AwsErrorDetails details = failure.awsErrorDetails();
    String code = details == null || details.errorCode() == null || details.errorCode().isBlank()
        ? "" : context.escape(details.errorCode().strip());
    String message = details == null || details.errorMessage() == null ? ""
        : context.escape(details.errorMessage().strip(), 300);
    int status = failure.statusCode();
    String head = call.describe() + " failed: "
        + (code.isEmpty() ? "no error code" : code) + " (HTTP " + status + ")"
        + (message.isEmpty() ? "" : ": " + message);
    switch (code) {
      case "ResourceNotFoundException":
        return request.notFound(call.describe() + " found no such secret or version: "
            + code + " (HTTP " + status + ")" + (message.isEmpty() ? "" : ": " + message));
      case "InvalidParameterException":
        return request.parameters(head);
      case "AccessDeniedException":
        return request.denied(head + ". The credentials in use may not call "
            + "secretsmanager:" + call.operation() + " on this secret"
            + (call.operation().equals("GetSecretValue") ? " (or kms:Decrypt on its key)" : ""));
      case "DecryptionFailure":
        return request.provider(head + ". AWS KMS could not decrypt the secret: check its "
            + "KMS key and the kms:Decrypt permission");
      case "InvalidRequestException":
        return request.provider(head + ". The secret may be scheduled for deletion or the "
            + "request may not suit its current state");
      case "ThrottlingException":
      case "TooManyRequestsException":
      case "RequestLimitExceeded":
        return request.provider(head + ". Still throttled after " + settings.maxAttempts()
            + " attempt(s); cache values or raise secrets4j.aws-secrets-manager.max-attempts");
      case "InternalServiceError":
      case "InternalFailure":
      case "ServiceUnavailable":
        return request.provider(head + ". Still failing after " + settings.maxAttempts()
            + " attempt(s)");
      case "UnrecognizedClientException":
      case "InvalidSignatureException":
      case "ExpiredTokenException":
      case "InvalidClientTokenId":
      case "IncompleteSignature":
      case "SignatureDoesNotMatch":
        return request.provider(head + ". AWS rejected the credentials in use");
      default:
        return request.provider(head);
    }
  }

  private static SecretError client(ProviderContext context, Errors request,
      CallDescription call, SdkException failure, ClientSettings settings) {
    String prefix = call.describe() + " failed: ";
    Throwable credentials = find(failure, CredentialsUnavailableException.class);
    if (credentials != null) {
      // Both name a profile from a template, and the SDK's explanation is free text.
      return request.provider(prefix + "CredentialsUnavailable: "
          + context.escape(failure.getMessage()) + ": " + context.escape(credentials.getMessage(), 600));
    }
    if (find(failure, ApiCallTimeoutException.class) != null
        || find(failure, ApiCallAttemptTimeoutException.class) != null
        || find(failure, SocketTimeoutException.class) != null
        || find(failure, InterruptedIOException.class) != null
        || find(failure, AbortedException.class) != null) {
      return request.provider(prefix + "Timeout: no answer within the call timeout of "
          + format(settings.callTimeout()) + " (connect timeout "
          + format(settings.connectTimeout()) + ", " + settings.maxAttempts() + " attempt(s) at most);"
          + " see secrets4j.aws-secrets-manager.call-timeout");
    }
    for (Class<? extends Throwable> network : java.util.List.of(ConnectException.class,
        UnknownHostException.class, NoRouteToHostException.class, SSLException.class,
        SocketException.class)) {
      Throwable cause = find(failure, network);
      if (cause != null) {
        return request.provider(prefix + "NetworkError: " + cause.getClass().getSimpleName()
            + " reaching " + call.endpoint() + " (after " + settings.maxAttempts()
            + " attempt(s) at most)");
      }
    }
    // Unmarshalling and other client failures: their messages may quote the response body.
    return request.provider(prefix + "ClientError: " + failure.getClass().getSimpleName()
        + " (the response from " + call.endpoint() + " could not be used; details withheld "
        + "because they may quote the response)");
  }

  private static String format(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
  }

  private static Throwable find(Throwable failure, Class<? extends Throwable> type) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }
}
