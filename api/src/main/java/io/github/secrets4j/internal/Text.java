package io.github.secrets4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

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

  /**
   * Reads {@code in} to its end as strict UTF-8 text of at most {@code maxBytes} bytes, as it is
   * (nothing stripped): the one bounded read of a value from a file or stdin.
   *
   * @param in what to read; not closed
   * @param maxBytes the most bytes read
   * @return the text
   * @throws IllegalArgumentException if there are more bytes ({@code "is larger than 1 MiB"},
   *     or the number of bytes) or they are not UTF-8 ({@code "is not UTF-8 text"}): a message
   *     to put after the name of what was read, without any of the text
   * @throws IOException if {@code in} fails
   */
  public static String readUtf8(InputStream in, int maxBytes) throws IOException {
    byte[] bytes = in.readNBytes(maxBytes + 1);
    if (bytes.length > maxBytes) {
      throw new IllegalArgumentException("is larger than "
          + (maxBytes % (1 << 20) == 0 ? (maxBytes >> 20) + " MiB" : maxBytes + " bytes"));
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("is not UTF-8 text");
    }
  }

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
