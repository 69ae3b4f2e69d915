package io.github.secrets4j.internal.kind;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the kind {@code env} reads a value: a JSON object of strings, or dotenv text (the grammar
 * is documented on {@code SecretKind.ENV}). Messages name lines, columns and valid variable
 * names, never a value.
 */
public final class EnvParser {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** How a name must look, for messages. */
  static final String NAME_RULE = "must match [A-Za-z_][A-Za-z0-9_]*";

  private EnvParser() {}

  /**
   * Reads {@code value} as the kind {@code env} does.
   *
   * @param value the value (never in a message)
   * @return the variables in the order given; unmodifiable
   * @throws IllegalArgumentException naming the line (and column) at fault, never the value
   */
  public static Map<String, String> parse(String value) {
    Objects.requireNonNull(value, "value");
    String start = value.stripLeading();
    Map<String, String> variables = start.startsWith("{") ? EnvJson.parse(value) : dotenv(value);
    return Collections.unmodifiableMap(variables);
  }

  /** Whether {@code name} is a valid environment variable name. */
  public static boolean isValidName(String name) {
    return NAME.matcher(name).matches();
  }

  private static Map<String, String> dotenv(String text) {
    Map<String, String> variables = new LinkedHashMap<>();
    int n = text.length();
    int i = 0;
    int line = 1;
    while (i < n) {
      i = blanks(text, i);
      if (i >= n) {
        break;
      }
      char c = text.charAt(i);
      if (c == '#') {
        i = endOfLine(text, i);
      }
      if (i >= n) {
        break;
      }
      if (isEol(text.charAt(i))) {
        i = afterEol(text, i);
        line++;
        continue;
      }
      int first = line;
      if (text.startsWith("export", i) && i + 6 < n && isBlank(text.charAt(i + 6))) {
        i = blanks(text, i + 6);
      }
      int nameStart = i;
      while (i < n && text.charAt(i) != '=' && !isEol(text.charAt(i))) {
        i++;
      }
      if (i >= n || text.charAt(i) != '=') {
        throw dotenvError(line, "expected NAME=VALUE");
      }
      String name = stripBlanks(text.substring(nameStart, i));
      if (!isValidName(name)) {
        throw dotenvError(line, "invalid variable name (" + NAME_RULE + ")");
      }
      i = blanks(text, i + 1);
      String value;
      boolean quoted = i < n && (text.charAt(i) == '\'' || text.charAt(i) == '"');
      if (quoted && text.charAt(i) == '\'') {
        int close = text.indexOf('\'', i + 1);
        if (close < 0) {
          throw dotenvError(first, "the single-quoted value of \"" + name + "\" is not closed");
        }
        value = text.substring(i + 1, close);
        line += lineBreaks(value);
        i = close + 1;
      } else if (quoted) {
        StringBuilder out = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw dotenvError(first, "the double-quoted value of \"" + name + "\" is not closed");
          }
          c = text.charAt(i);
          if (c == '"') {
            i++;
            break;
          }
          if (c == '\\' && i + 1 < n) {
            char escaped = text.charAt(i + 1);
            switch (escaped) {
              case 'n': out.append('\n'); break;
              case 'r': out.append('\r'); break;
              case 't': out.append('\t'); break;
              case '"': case '\\': case '$': out.append(escaped); break;
              default:
                // The character is not shown: it is a part of the value.
                throw dotenvError(line, "unsupported escape sequence in the double-quoted value"
                    + " of \"" + name + "\" (allowed: \\n \\r \\t \\\" \\\\ \\$)");
            }
            i += 2;
            continue;
          }
          if (c == '\n' || (c == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
            line++;
          }
          out.append(c);
          i++;
        }
        value = out.toString();
      } else {
        int start = i;
        while (i < n && !isEol(text.charAt(i))
            && !(text.charAt(i) == '#' && isBlank(text.charAt(i - 1)))) {
          i++;
        }
        value = stripBlanks(text.substring(start, i));
      }
      if (quoted) {
        i = blanks(text, i);
        if (i < n && text.charAt(i) == '#') {
          i = endOfLine(text, i);
        } else if (i < n && !isEol(text.charAt(i))) {
          throw dotenvError(line, "unexpected text after the closing quote of \"" + name + "\"");
        }
      } else {
        i = endOfLine(text, i);
      }
      if (variables.put(name, value) != null) {
        throw dotenvError(first, "variable \"" + name + "\" is defined twice");
      }
      if (i < n) {
        i = afterEol(text, i);
        line++;
      }
    }
    return variables;
  }

  private static IllegalArgumentException dotenvError(int line, String what) {
    return new IllegalArgumentException("line " + line + ": " + what);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isEol(char c) {
    return c == '\n' || c == '\r';
  }

  private static int blanks(String text, int i) {
    while (i < text.length() && isBlank(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int endOfLine(String text, int i) {
    while (i < text.length() && !isEol(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The index after the line break at {@code i} ({@code \r\n} counts as one). */
  private static int afterEol(String text, int i) {
    if (text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
      return i + 2;
    }
    return i + 1;
  }

  private static int lineBreaks(String text) {
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        count++;
      }
    }
    return count;
  }

  private static String stripBlanks(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isBlank(text.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }
}
