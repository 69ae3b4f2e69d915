package io.github.secrets4j.aws.internal;

import io.github.secrets4j.SecretError;
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
 */
public final class AwsErrors {
  private AwsErrors() {}

  /**
   * Maps {@code failure} of one GetSecretValue call.
   *
   * @param context escapes the text the SDK and the service return
   * @param request the request, for the secret's name and provider
   * @param call what was asked: secret id, region, version (already escaped)
   * @param failure what the SDK threw
   * @param settings the timeouts and attempts in force, to say which one ran out
   */
  public static SecretError map(ProviderContext context, SecretRequest request,
      CallDescription call, SdkException failure, ClientSettings settings) {
    if (failure instanceof AwsServiceException) {
      return service(context, request, call, (AwsServiceException) failure, settings);
    }
    return client(context, request, call, failure, settings);
  }

  private static SecretError service(ProviderContext context, SecretRequest request,
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
        return request.parametersError(head);
      case "AccessDeniedException":
        return request.providerError(head + ". The credentials in use may not call "
            + "secretsmanager:GetSecretValue on this secret (or kms:Decrypt on its key)");
      case "DecryptionFailure":
        return request.providerError(head + ". AWS KMS could not decrypt the secret: check its "
            + "KMS key and the kms:Decrypt permission");
      case "InvalidRequestException":
        return request.providerError(head + ". The secret may be scheduled for deletion or the "
            + "request may not suit its current state");
      case "ThrottlingException":
      case "TooManyRequestsException":
      case "RequestLimitExceeded":
        return request.providerError(head + ". Still throttled after " + settings.maxAttempts()
            + " attempt(s); cache values or raise secrets4j.aws-secrets-manager.max-attempts");
      case "InternalServiceError":
      case "InternalFailure":
      case "ServiceUnavailable":
        return request.providerError(head + ". Still failing after " + settings.maxAttempts()
            + " attempt(s)");
      case "UnrecognizedClientException":
      case "InvalidSignatureException":
      case "ExpiredTokenException":
      case "InvalidClientTokenId":
      case "IncompleteSignature":
      case "SignatureDoesNotMatch":
        return request.providerError(head + ". AWS rejected the credentials in use");
      default:
        return request.providerError(head);
    }
  }

  private static SecretError client(ProviderContext context, SecretRequest request,
      CallDescription call, SdkException failure, ClientSettings settings) {
    String prefix = call.describe() + " failed: ";
    Throwable credentials = find(failure, CredentialsUnavailableException.class);
    if (credentials != null) {
      // Both name a profile from a template, and the SDK's explanation is free text.
      return request.providerError(prefix + "CredentialsUnavailable: "
          + context.escape(failure.getMessage()) + ": " + context.escape(credentials.getMessage(), 600));
    }
    if (find(failure, ApiCallTimeoutException.class) != null
        || find(failure, ApiCallAttemptTimeoutException.class) != null
        || find(failure, SocketTimeoutException.class) != null
        || find(failure, InterruptedIOException.class) != null
        || find(failure, AbortedException.class) != null) {
      return request.providerError(prefix + "Timeout: no answer within the call timeout of "
          + format(settings.callTimeout()) + " (connect timeout "
          + format(settings.connectTimeout()) + ", " + settings.maxAttempts() + " attempt(s) at most);"
          + " see secrets4j.aws-secrets-manager.call-timeout");
    }
    for (Class<? extends Throwable> network : java.util.List.of(ConnectException.class,
        UnknownHostException.class, NoRouteToHostException.class, SSLException.class,
        SocketException.class)) {
      Throwable cause = find(failure, network);
      if (cause != null) {
        return request.providerError(prefix + "NetworkError: " + cause.getClass().getSimpleName()
            + " reaching " + call.endpoint() + " (after " + settings.maxAttempts()
            + " attempt(s) at most)");
      }
    }
    // Unmarshalling and other client failures: their messages may quote the response body.
    return request.providerError(prefix + "ClientError: " + failure.getClass().getSimpleName()
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
