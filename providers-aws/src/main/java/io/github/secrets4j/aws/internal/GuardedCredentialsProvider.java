package io.github.secrets4j.aws.internal;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Wraps a credentials provider so that a failure to find credentials is recognisable later
 * ({@link CredentialsUnavailableException} in the cause chain) and tells where it looked. The
 * messages are raw; {@link AwsErrors} escapes them when it prints them.
 */
final class GuardedCredentialsProvider implements AwsCredentialsProvider, SdkAutoCloseable {
  private final AwsCredentialsProvider delegate;
  private final String source;

  GuardedCredentialsProvider(AwsCredentialsProvider delegate, String source) {
    this.delegate = delegate;
    this.source = source;
  }

  @Override
  public AwsCredentials resolveCredentials() {
    try {
      return delegate.resolveCredentials();
    } catch (RuntimeException e) {
      throw SdkClientException.builder()
          .message("Unable to load AWS credentials from " + source)
          .cause(new CredentialsUnavailableException(Objects.toString(e.getMessage(), "")))
          .build();
    }
  }

  @Override
  public void close() {
    if (delegate instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Closing credentials releases nothing a caller could act on; the failure is dropped
        // (its message may quote a response).
      }
    }
  }

  @Override
  public String toString() {
    return "GuardedCredentialsProvider{" + source + "}";
  }
}
