package io.github.secrets4j.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Slugs as Django's {@code slugify} makes them, and the check that a given slug is one. */
public final class Slugs {
  private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9_\\s-]");
  private static final Pattern DASHES_AND_SPACES = Pattern.compile("[-\\s]+");
  private static final Pattern VALID = Pattern.compile("[a-z0-9_][a-z0-9_-]*");

  private Slugs() {}

  /**
   * Returns Django's slug of {@code text}: NFKD to ASCII, lower case, characters other than
   * letters, digits, {@code _}, spaces and {@code -} dropped, runs of spaces and hyphens turned
   * into one {@code -}, leading and trailing {@code -} and {@code _} stripped.
   * "NAPALM Secret" gives {@code napalm-secret}.
   */
  public static String slugify(String text) {
    String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("[^\\p{ASCII}]", "");
    String kept = NOT_WORD.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("");
    String dashed = DASHES_AND_SPACES.matcher(kept).replaceAll("-");
    int start = 0;
    int end = dashed.length();
    while (start < end && (dashed.charAt(start) == '-' || dashed.charAt(start) == '_')) {
      start++;
    }
    while (end > start && (dashed.charAt(end - 1) == '-' || dashed.charAt(end - 1) == '_')) {
      end--;
    }
    return dashed.substring(start, end);
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
      throw new IllegalArgumentException("invalid " + what + " \"" + slug
          + "\": use lower-case letters, digits, '-' and '_'");
    }
    return slug;
  }

  /** Returns whether {@code slug} is made of lower-case ASCII letters, digits, {@code -} and {@code _}. */
  public static boolean isValid(String slug) {
    return VALID.matcher(slug).matches();
  }
}
