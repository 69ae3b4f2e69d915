package io.github.secrets4j.internal.definitions;

import java.util.List;
import java.util.Map;

/**
 * One value of a parsed definition file with where it starts. Immutable, so a YAML alias shares
 * its anchor's node instead of copying it; {@link #size} counts the nodes a walk visits, aliases
 * expanded, which is what the reader bounds.
 */
final class Node {
  enum Type {
    MAPPING("a mapping"), SEQUENCE("a list"), STRING("a string"), NUMBER("a number"),
    BOOLEAN("a boolean"), NULL("null"),
    /** Stands for what could not be read (an unknown alias); already reported, never again. */
    INVALID("invalid");

    final String description;

    Type(String description) {
      this.description = description;
    }
  }

  /** A mapping's entry: the key and where the key is. */
  record Field(String name, int line, int column, Node value) {}

  final Type type;
  final int line;
  final int column;
  /** A scalar's text: may be a secret (a plaintext value), so never printed. */
  final String text;
  final Map<String, Field> fields;
  final List<Node> items;
  final long size;

  private Node(Type type, int line, int column, String text, Map<String, Field> fields,
      List<Node> items, long size) {
    this.type = type;
    this.line = line;
    this.column = column;
    this.text = text;
    this.fields = fields;
    this.items = items;
    this.size = size;
  }

  static Node scalar(Type type, int line, int column, String text) {
    return new Node(type, line, column, text, Map.of(), List.of(), 1);
  }

  static Node mapping(int line, int column, Map<String, Field> fields) {
    long size = 1;
    for (Field field : fields.values()) {
      size = Math.min(Long.MAX_VALUE / 4, size + field.value().size);
    }
    return new Node(Type.MAPPING, line, column, null, fields, List.of(), size);
  }

  static Node sequence(int line, int column, List<Node> items) {
    long size = 1;
    for (Node item : items) {
      size = Math.min(Long.MAX_VALUE / 4, size + item.size);
    }
    return new Node(Type.SEQUENCE, line, column, null, Map.of(), items, size);
  }

  /** No text: it is never shown. */
  @Override
  public String toString() {
    return "Node{" + type + " at " + line + ":" + column + "}";
  }
}
