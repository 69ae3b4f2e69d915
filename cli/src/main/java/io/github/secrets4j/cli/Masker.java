package io.github.secrets4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An output stream that replaces every occurrence of a secret value, in UTF-8, in standard and
 * URL-safe base64 (with or without padding) and JSON-escaped (as Jackson writes it, and with
 * non-ASCII characters as {@code \}{@code uXXXX} in lower or upper case), by {@link #TOKEN},
 * however the bytes are split across writes; also the value without the line breaks that end
 * it, and each line of a value of several lines ({@link #texts}). It holds back only a tail that could still become a match (the
 * longest end of what was written that is the start of a form), so a prompt without a newline
 * is shown at once unless it ends like the start of a value; {@link #close()} writes what is
 * held back. Values shorter than {@link #MIN_LENGTH} characters are not masked. Not thread-safe:
 * one writer (a pump thread) per stream.
 */
final class Masker extends OutputStream {
  /** What a masked value is replaced by. */
  static final String TOKEN = "********";
  /** The shortest value masked, in characters. */
  static final int MIN_LENGTH = 4;

  private static final byte[] TOKEN_BYTES = TOKEN.getBytes(StandardCharsets.US_ASCII);

  private final OutputStream out;
  /** The forms to replace, longest first (so the longest match at a position wins). */
  private final byte[][] forms;
  private byte[] buffer = new byte[8192];
  private int length;

  Masker(OutputStream out, Collection<String> values) {
    this.out = out;
    this.forms = forms(values);
  }

  /** Every form of every value long enough, longest first, no duplicates. */
  static byte[][] forms(Collection<String> values) {
    Set<String> forms = new LinkedHashSet<>();
    for (String value : values) {
      for (String text : texts(value)) {
        if (text.codePointCount(0, text.length()) < MIN_LENGTH) {
          continue;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        forms.add(text);
        String base64 = Base64.getEncoder().encodeToString(bytes);
        forms.add(base64);
        forms.add(strip(base64));
        String url = Base64.getUrlEncoder().encodeToString(bytes);
        forms.add(url);
        forms.add(strip(url));
        forms.add(json(text, false, false));
        forms.add(json(text, true, false));
        forms.add(json(text, true, true));
      }
    }
    List<byte[]> encoded = new ArrayList<>();
    for (String form : forms) {
      if (!form.isEmpty()) {
        encoded.add(form.getBytes(StandardCharsets.UTF_8));
      }
    }
    encoded.sort(Comparator.comparingInt((byte[] form) -> form.length).reversed());
    return encoded.toArray(byte[][]::new);
  }

  private static String strip(String base64) {
    int end = base64.length();
    while (end > 0 && base64.charAt(end - 1) == '=') {
      end--;
    }
    return base64.substring(0, end);
  }

  /** The value as it appears inside a JSON string (RFC 8259 escapes, as Jackson writes them). */
  /**
   * The texts of a value a child may print: the value, the value without the line breaks that
   * end it (a value stored from a file or {@code echo} ends with one, which a child trims), and
   * each line of a value of several lines.
   */
  static Set<String> texts(String value) {
    Set<String> texts = new LinkedHashSet<>();
    texts.add(value);
    int end = value.length();
    while (end > 0 && (value.charAt(end - 1) == '\n' || value.charAt(end - 1) == '\r')) {
      end--;
    }
    texts.add(value.substring(0, end));
    for (String line : value.split("\r\n|\r|\n")) {
      texts.add(line);
    }
    return texts;
  }

  /**
   * The value as it appears inside a JSON string: as Jackson writes it ({@code ascii} false:
   * other characters as they are), or with every character above 126 as {@code \}{@code uXXXX}
   * too, as Python's {@code json.dumps} ({@code upper} false) and Jackson's ASCII mode
   * ({@code upper} true) write them.
   */
  static String json(String value, boolean ascii, boolean upper) {
    String hex = upper ? "\\u%04X" : "\\u%04x";
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || ascii && c > 0x7e) {
            out.append(String.format(ascii ? hex : "\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }


  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int count) throws IOException {
    Objects.checkFromIndexSize(offset, count, bytes.length);
    if (forms.length == 0) {
      out.write(bytes, offset, count);
      return;
    }
    if (length + count > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
    }
    System.arraycopy(bytes, offset, buffer, length, count);
    length += count;
    drain(false);
  }

  /**
   * Writes out everything that can no longer be part of a match, masking matches; at the end
   * ({@code all}) everything.
   */
  private void drain(boolean all) throws IOException {
    // What this drain lets through goes out in one write: a line the child wrote at once stays
    // whole when stdout and stderr share a file or a pipe.
    ByteArrayOutputStream chunk = new ByteArrayOutputStream(length + TOKEN_BYTES.length);
    int start = 0;
    int written = 0;
    while (start < length) {
      int matched = 0;
      boolean waiting = false;
      for (byte[] form : forms) {
        int available = length - start;
        int compare = Math.min(form.length, available);
        if (regionMatches(start, form, compare)) {
          if (compare == form.length) {
            matched = form.length;
            break;
          }
          if (!all) {
            waiting = true;
          }
        }
      }
      if (matched > 0) {
        // Longest first: a longer form that may still match here is waited for.
        if (waiting) {
          break;
        }
        chunk.write(buffer, written, start - written);
        chunk.write(TOKEN_BYTES);
        start += matched;
        written = start;
      } else if (waiting) {
        break;
      } else {
        start++;
      }
    }
    if (all) {
      start = length;
    }
    chunk.write(buffer, written, start - written);
    if (chunk.size() > 0) {
      chunk.writeTo(out);
    }
    System.arraycopy(buffer, start, buffer, 0, length - start);
    length -= start;
  }

  private boolean regionMatches(int start, byte[] form, int count) {
    for (int i = 0; i < count; i++) {
      if (buffer[start + i] != form[i]) {
        return false;
      }
    }
    return true;
  }

  /** Writes what is not held back and flushes; what could still become a match stays held. */
  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Writes everything held back (masking complete matches) and closes the stream beneath. */
  @Override
  public void close() throws IOException {
    drain(true);
    out.close();
  }
}
