package io.github.secrets4j.internal;

/**
 * Makes untrusted text (a rendered parameter, a name from {@code obj}, a backend's answer) safe to
 * put in a message or a log line: NUL as {@code \0}, other control and invisible format characters
 * (line breaks, bidi overrides, line and paragraph separators) as {@code \}{@code uXXXX}, and at
 * most {@value #MAX_CODE_POINTS} code points, then {@code ...}.
 */
public final class Text {
  /** The longest text shown, in code points. */
  public static final int MAX_CODE_POINTS = 200;

  private Text() {}

  /** Returns {@code text} escaped and bounded; {@code "null"} for null. */
  public static String escape(CharSequence text) {
    return escape(text, MAX_CODE_POINTS);
  }

  /** Returns {@code text} escaped, at most {@code max} code points shown; {@code "null"} for null. */
  public static String escape(CharSequence text, int max) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CODE_POINTS) + 8);
    int shown = 0;
    for (int i = 0; i < text.length(); ) {
      if (shown == max) {
        return out.append("...").toString();
      }
      int c = Character.codePointAt(text, i);
      i += Character.charCount(c);
      shown++;
      if (c == 0) {
        out.append("\\0");
      } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
          || c == 0x2028 || c == 0x2029 || Character.getType(c) == Character.SURROGATE) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    }
    return out.toString();
  }
}
