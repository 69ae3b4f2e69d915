package io.github.secrets4j.aws.internal;

/** Makes text from outside (service messages) fit for one line of an error message. */
final class Sanitize {
  private Sanitize() {}

  /** Returns {@code text} on one line, without control characters, cut at {@code max} chars. */
  static String text(String text, int max) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    if (text.length() > max) {
      out.append('…');
    }
    return out.toString().strip();
  }
}
