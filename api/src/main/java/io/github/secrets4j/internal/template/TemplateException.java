package io.github.secrets4j.internal.template;

/** A template failed to parse or render; the message says why and never holds a secret value. */
final class TemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TemplateException(String message) {
    super(message, null, false, false);
  }
}
