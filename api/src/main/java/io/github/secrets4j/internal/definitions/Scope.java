package io.github.secrets4j.internal.definitions;

import io.github.secrets4j.internal.Text;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One file being bound: its source name and folder, and typed access to its nodes that reports
 * what is missing, unknown or of the wrong type. Never shows a scalar's text, which could be a
 * value; names and keys from the file are escaped and bounded.
 */
final class Scope {
  final String source;
  /** The folder relative {@code fromFile} paths resolve against; null for a stream. */
  final Path folder;
  final Problems problems;
  /** The file's {@code metadata.name}, once read; empty before or when missing. */
  String definition = "";

  Scope(String source, Path folder, Problems problems) {
    this.source = source;
    this.folder = folder;
    this.problems = problems;
  }

  Problems.Location at(Node node) {
    return new Problems.Location(source, node.line, node.column);
  }

  Problems.Location at(Node.Field field) {
    return new Problems.Location(source, field.line(), field.column());
  }

  void problem(Node node, String message) {
    problems.add(at(node), message);
  }

  void problem(Node.Field field, String message) {
    problems.add(at(field), message);
  }

  /** Stands in a message for text under {@code value:}, which is never shown. */
  static final String HIDDEN = "(not shown: it could be a value)";

  /** Quotes text from the file for a message: escaped, at most 100 code points. */
  static String quote(String text) {
    return "\"" + Text.escape(text, 100) + "\"";
  }

  /**
   * Returns the fields of a mapping, reporting every field not in {@code allowed}; null (after
   * reporting) when {@code node} is not a mapping.
   */
  Map<String, Node.Field> mapping(Node node, String what, List<String> allowed) {
    return mapping(node, what, allowed, true);
  }

  /**
   * As {@link #mapping(Node, String, List)}, for a mapping under {@code value:}: an unknown key
   * is reported without its name, which could be a value written where it must not be.
   */
  Map<String, Node.Field> valueMapping(Node node, String what, List<String> allowed) {
    return mapping(node, what, allowed, false);
  }

  private Map<String, Node.Field> mapping(Node node, String what, List<String> allowed,
      boolean showKeys) {
    if (!is(node, Node.Type.MAPPING, what)) {
      return null;
    }
    if (allowed != null) {
      for (Node.Field field : node.fields.values()) {
        if (!allowed.contains(field.name())) {
          problem(field, (showKeys ? "unknown field " + quote(field.name())
              : "an unknown field " + HIDDEN) + " in " + what
              + " (expected: " + String.join(", ", allowed) + ")");
        }
      }
    }
    return node.fields;
  }

  /** Returns the items of a list; null (after reporting) when {@code node} is not one. */
  List<Node> list(Node node, String what) {
    return is(node, Node.Type.SEQUENCE, what) ? node.items : null;
  }

  /** Returns a string's text; null (after reporting) when {@code node} is not a string. */
  String string(Node node, String what) {
    return is(node, Node.Type.STRING, what) ? node.text : null;
  }

  /** Returns a boolean; null (after reporting) when {@code node} is not one. */
  Boolean bool(Node node, String what) {
    return is(node, Node.Type.BOOLEAN, what) ? Boolean.valueOf(node.text) : null;
  }

  /** Returns an integer; null (after reporting) when {@code node} is not one that fits an int. */
  Integer integer(Node node, String what) {
    String form = node.type == Node.Type.NUMBER || node.type == Node.Type.STRING
        ? notDecimal(node.text) : null;
    if (form != null) {
      // YAML 1.1 (the parser) and 1.2 read these forms differently (040 is 32 in 1.1, 40 in
      // 1.2; 0o40 is a string in 1.1): only plain decimal means the same in both.
      problem(node, what + " must be a whole number written in decimal, not " + form
          + " (YAML 1.1 and 1.2 read it differently)");
      return null;
    }
    if (!is(node, Node.Type.NUMBER, what)) {
      return null;
    }
    try {
      return Integer.valueOf(node.text);
    } catch (NumberFormatException e) {
      problem(node, what + " must be a whole number");
      return null;
    }
  }

  private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f_]+");
  private static final Pattern OCTAL = Pattern.compile("[0-7_]+");
  private static final Pattern BINARY = Pattern.compile("[01_]+");
  private static final Pattern DECIMAL = Pattern.compile("[0-9_]+");

  /**
   * Names the form of a whole number not written in plain decimal (hexadecimal, octal, binary,
   * with a leading zero or with underscores), never the text itself; null for any other text.
   */
  static String notDecimal(String text) {
    if (text == null) {
      return null;
    }
    String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
    if (digits.length() < 2 || digits.charAt(0) < '0' || digits.charAt(0) > '9') {
      return null;
    }
    String prefix = digits.substring(0, 2).toLowerCase(Locale.ROOT);
    String rest = digits.substring(2);
    if (prefix.equals("0x") && HEX.matcher(rest).matches()) {
      return "in hexadecimal (0x...)";
    }
    if (prefix.equals("0o") && OCTAL.matcher(rest).matches()) {
      return "in octal (0o...)";
    }
    if (prefix.equals("0b") && BINARY.matcher(rest).matches()) {
      return "in binary (0b...)";
    }
    if (!DECIMAL.matcher(digits).matches()) {
      return null;
    }
    if (digits.indexOf('_') >= 0) {
      return "with underscores";
    }
    return digits.charAt(0) == '0' ? "with a leading zero (octal in YAML 1.1)" : null;
  }

  /** Returns a field's value node, or null (after reporting) when the field is missing. */
  Node required(Map<String, Node.Field> fields, String name, Node parent, String what) {
    Node.Field field = fields.get(name);
    if (field == null) {
      problem(parent, what + " needs the field \"" + name + "\"");
      return null;
    }
    return field.value();
  }

  /** Returns a field's value node, or null when the field is absent. */
  static Node optional(Map<String, Node.Field> fields, String name) {
    Node.Field field = fields.get(name);
    return field == null ? null : field.value();
  }

  private boolean is(Node node, Node.Type type, String what) {
    if (node.type == type) {
      return true;
    }
    if (node.type != Node.Type.INVALID) {
      problem(node, what + " must be " + type.description + ", not " + node.type.description);
    }
    return false;
  }
}
