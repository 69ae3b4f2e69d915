package io.github.secrets4j.internal;

import java.text.Normalizer;

/** Slugs as Django's {@code slugify} makes them, and the check that a given slug is one. */
public final class Slugs {
  private Slugs() {}

  /**
   * Returns Django's slug of {@code text}: NFKD to ASCII, lower case, characters other than
   * letters, digits, {@code _}, spaces and {@code -} dropped, runs of spaces and hyphens turned
   * into one {@code -}, leading and trailing {@code -} and {@code _} stripped.
   * "NAPALM Secret" gives {@code napalm-secret}. Compiles no regular expression.
   */
  public static String slugify(String text) {
    String source = isAscii(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder slug = new StringBuilder(source.length());
    boolean pendingDash = false;
    for (int i = 0; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
        if (pendingDash) {
          slug.append('-');
          pendingDash = false;
        }
        slug.append(c);
      } else if (c == '-' || c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f'
          || c == '\r') {
        pendingDash = true;
      }
      // Anything else (punctuation, what NFKD left outside ASCII) is dropped.
    }
    if (pendingDash) {
      slug.append('-');
    }
    int start = 0;
    int end = slug.length();
    while (start < end && (slug.charAt(start) == '-' || slug.charAt(start) == '_')) {
      start++;
    }
    while (end > start && (slug.charAt(end - 1) == '-' || slug.charAt(end - 1) == '_')) {
      end--;
    }
    return slug.substring(start, end);
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns {@code slug} if it is valid.
   *
   * @param what what the slug names, for the message ("slug", "provider slug")
   * @throws NullPointerException if it is null
   * @throws IllegalArgumentException naming it if it is invalid
   */
  public static String requireValid(String slug, String what) {
    if (slug == null) {
      throw new NullPointerException(what);
    }
    if (!isValid(slug)) {
      throw new IllegalArgumentException("invalid " + what + " \"" + Text.escape(slug)
          + "\": use lower-case letters, digits, '-' and '_'");
    }
    return slug;
  }

  /** Returns whether {@code slug} is made of lower-case ASCII letters, digits, {@code -} and {@code _}, not starting with {@code -}. */
  public static boolean isValid(String slug) {
    if (slug.isEmpty() || slug.charAt(0) == '-') {
      return false;
    }
    for (int i = 0; i < slug.length(); i++) {
      char c = slug.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }
}
