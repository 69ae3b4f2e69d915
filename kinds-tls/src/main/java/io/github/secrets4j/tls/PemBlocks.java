package io.github.secrets4j.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits PEM text into its blocks in one pass: each {@code -----BEGIN TYPE-----} line must be
 * closed by {@code -----END TYPE-----} before the next BEGIN. Linear in the text's length, which
 * is bounded, as is the number of blocks. Messages name blocks by position, never their text or
 * type (both come from the value).
 */
final class PemBlocks {
  /** The longest value read, in chars (1 MiB). */
  static final int MAX_CHARS = 1 << 20;
  /** The most PEM blocks a value may hold. */
  static final int MAX_BLOCKS = 100;
  private static final int MAX_TYPE = 64;
  private static final String DASHES = "-----";
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";

  /** One block: its type and its text from BEGIN to END. Holds key material: no toString. */
  static final class Block {
    final String type;
    final String text;

    private Block(String type, String text) {
      this.type = type;
      this.text = text;
    }
  }

  private PemBlocks() {}

  static List<Block> read(String value) {
    if (value.length() > MAX_CHARS) {
      throw new IllegalArgumentException("the value is longer than " + MAX_CHARS
          + " chars, the most the kind tls reads");
    }
    List<Block> blocks = new ArrayList<>();
    String openType = null;
    int openStart = -1;
    int position = 0;
    while (true) {
      int dashes = value.indexOf(DASHES, position);
      if (dashes < 0) {
        break;
      }
      boolean begin = value.startsWith(BEGIN, dashes);
      boolean end = !begin && value.startsWith(END, dashes);
      int typeStart = dashes + (begin ? BEGIN.length() : END.length());
      int typeEnd = begin || end ? typeEnd(value, typeStart) : -1;
      if (typeEnd < 0) {
        position = dashes + 1;
        continue;
      }
      String type = value.substring(typeStart, typeEnd);
      int after = typeEnd + DASHES.length();
      if (begin) {
        if (openType != null) {
          throw new IllegalArgumentException("PEM block " + (blocks.size() + 1)
              + " has no END line before the next BEGIN line");
        }
        if (blocks.size() == MAX_BLOCKS) {
          throw new IllegalArgumentException("more than " + MAX_BLOCKS + " PEM blocks");
        }
        openType = type;
        openStart = dashes;
      } else {
        if (openType == null) {
          throw new IllegalArgumentException("an END line after PEM block " + blocks.size()
              + " has no BEGIN line");
        }
        if (!openType.equals(type)) {
          throw new IllegalArgumentException("the END line of PEM block " + (blocks.size() + 1)
              + " names another type than its BEGIN line");
        }
        blocks.add(new Block(openType, value.substring(openStart, after)));
        openType = null;
      }
      position = after;
    }
    if (openType != null) {
      throw new IllegalArgumentException("PEM block " + (blocks.size() + 1) + " has no END line");
    }
    return blocks;
  }

  /** Where the type of a marker at {@code start} ends (the closing dashes), or -1 if none. */
  private static int typeEnd(String value, int start) {
    int limit = Math.min(value.length(), start + MAX_TYPE);
    int i = start;
    while (i < limit) {
      char c = value.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ')) {
        break;
      }
      i++;
    }
    return i > start && value.startsWith(DASHES, i) ? i : -1;
  }
}
