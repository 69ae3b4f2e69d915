package io.github.secrets4j.aws.internal;

/** A shared AWS config or credentials file that was set explicitly does not exist. */
public final class MissingFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MissingFileException(String message) {
    super(message, null, false, false);
  }
}
