package io.github.secrets4j.internal.store;

import io.github.secrets4j.internal.Text;
import java.util.Objects;

/**
 * The checks every store applies to the names it is given, whichever provider writes: keys,
 * principals, metadata kinds and labels. Messages quote the name escaped and bounded.
 */
public final class StoreNames {
  /** The longest key, in chars. */
  public static final int MAX_KEY = 512;
  /** The longest principal name, in chars. */
  public static final int MAX_PRINCIPAL = 256;
  /** The longest kind, in chars. */
  public static final int MAX_KIND = 64;
  /** The longest description, in chars. */
  public static final int MAX_DESCRIPTION = 1_000;
  /** The most labels an entry may carry. */
  public static final int MAX_LABELS = 64;
  /** The longest label name, in chars. */
  public static final int MAX_LABEL_NAME = 128;
  /** The longest label value, in chars. */
  public static final int MAX_LABEL_VALUE = 512;

  private StoreNames() {}

  /**
   * Returns {@code key} if it is a valid store key: not blank, at most {@value #MAX_KEY} chars, no
   * control characters, and none of the template openers <code>{{</code>, <code>{%</code>,
   * <code>{#</code> (a key becomes a parameter of a {@code Secret}, where they would start a
   * template).
   *
   * @param key the key
   * @return the key
   * @throws NullPointerException if it is null
   * @throws IllegalArgumentException naming what is wrong
   */
  public static String requireKey(String key) {
    Objects.requireNonNull(key, "key");
    requireName(key, "key", MAX_KEY);
    if (key.contains("{{") || key.contains("{%") || key.contains("{#")) {
      throw new IllegalArgumentException("invalid key \"" + Text.escape(key)
          + "\": it must not contain {{, {% or {# (a key is read back through a template "
          + "parameter)");
    }
    return key;
  }

  /**
   * Returns {@code principal} if valid: not blank, at most {@value #MAX_PRINCIPAL} chars, no
   * control characters.
   *
   * @param principal the principal's name
   * @return the principal
   * @throws NullPointerException if it is null
   * @throws IllegalArgumentException naming what is wrong
   */
  public static String requirePrincipal(String principal) {
    Objects.requireNonNull(principal, "principal");
    return requireName(principal, "principal", MAX_PRINCIPAL);
  }

  /**
   * Returns {@code text} if it is not blank, at most {@code max} chars and free of control
   * characters.
   *
   * @param text the text
   * @param what what it names, for the message
   * @param max the most chars
   * @return the text
   * @throws IllegalArgumentException naming what is wrong
   */
  public static String requireName(String text, String what, int max) {
    if (text.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    if (text.length() > max) {
      throw new IllegalArgumentException(what + " is " + text.length() + " chars long; at most "
          + max + " are allowed");
    }
    requireNoControl(text, what);
    return text;
  }

  /**
   * Refuses control characters (line breaks and tabs included).
   *
   * @param text the text
   * @param what what it names, for the message
   * @throws IllegalArgumentException naming the first control character's position
   */
  public static void requireNoControl(String text, String what) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        throw new IllegalArgumentException(what + " \"" + Text.escape(text)
            + "\" contains a control character at index " + i);
      }
    }
  }
}
