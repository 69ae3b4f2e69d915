package io.github.secrets4j.spi;

import io.github.secrets4j.internal.Text;

/**
 * Makes untrusted text (a name from a configuration file, a rendered parameter, a backend's
 * answer) safe to put in a message or a log line, for code outside the api module that prints
 * such text: providers (through {@link ProviderContext#escape(CharSequence)}) and framework
 * adapters. NUL becomes {@code \0}, other control and invisible format characters (line breaks,
 * bidi overrides, line and paragraph separators, lone surrogates) become {@code \}{@code uXXXX},
 * and at most a bounded number of code points is shown, then {@code ...}.
 */
public final class UntrustedText {
  private UntrustedText() {}

  /**
   * Returns {@code text} escaped, at most 200 code points shown.
   *
   * @param text untrusted text; {@code null} gives {@code "null"}
   * @return the escaped, bounded text, to print between quotes
   */
  public static String escape(CharSequence text) {
    return Text.escape(text);
  }

  /**
   * Returns {@code text} escaped, at most {@code maxCodePoints} code points shown.
   *
   * @param text untrusted text; {@code null} gives {@code "null"}
   * @param maxCodePoints how many code points to show at most; positive
   * @return the escaped, bounded text
   * @throws IllegalArgumentException if {@code maxCodePoints} is not positive
   */
  public static String escape(CharSequence text, int maxCodePoints) {
    if (maxCodePoints <= 0) {
      throw new IllegalArgumentException("maxCodePoints must be positive: " + maxCodePoints);
    }
    return Text.escape(text, maxCodePoints);
  }
}
