package io.github.secrets4j.internal.definitions;

import io.github.secrets4j.SecretValueSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code value:} of a store-managed secret: exactly one source, never a plaintext. No
 * text written under {@code value:} is shown in a message (a value could have been written where
 * a name is expected), except a {@code fromFile} path's problems, which never show the path.
 */
final class ValueSources {
  private ValueSources() {}

  /** Returns the value source; null (after reporting) when it is missing or wrong. */
  static SecretValueSource read(Binder binder, Scope scope, Map<String, Node.Field> fields,
      Node item, String what) {
    Node node = scope.required(fields, "value", item, what);
    if (node == null) {
      return null;
    }
    if (node.type == Node.Type.STRING || node.type == Node.Type.NUMBER
        || node.type == Node.Type.BOOLEAN) {
      // The text is never shown: it is what the file must not hold.
      scope.problem(node, "a plaintext value is not allowed (" + what + "): use { generate: "
          + "{ length, alphabet } }, { fromEnv: NAME }, { fromFile: path } or { fromStdin: true }");
      return null;
    }
    Map<String, Node.Field> sources =
        scope.valueMapping(node, "the value of " + what, Binder.valueFields());
    if (sources == null) {
      return null;
    }
    List<Node.Field> given = new ArrayList<>();
    for (String name : Binder.valueFields()) {
      if (sources.containsKey(name)) {
        given.add(sources.get(name));
      }
    }
    if (given.size() != 1) {
      if (given.isEmpty() && sources.size() == 0) {
        scope.problem(node, "the value of " + what + " needs one of generate, fromEnv, "
            + "fromFile, fromStdin");
      } else if (given.size() > 1) {
        List<String> names = new ArrayList<>();
        given.forEach(f -> names.add(f.name()));
        scope.problem(node, "the value of " + what + " takes exactly one of generate, fromEnv, "
            + "fromFile, fromStdin; found " + String.join(", ", names));
      }
      return null;
    }
    Node.Field source = given.get(0);
    Node value = source.value();
    switch (source.name()) {
      case "generate":
        return generate(scope, value, what);
      case "fromEnv": {
        String variable = scope.string(value, "fromEnv of " + what);
        if (variable == null) {
          return null;
        }
        if (!EnvNames.isValid(variable)) {
          scope.problem(value, "invalid environment variable name " + Scope.HIDDEN
              + " in fromEnv of " + what + " (use [A-Za-z_][A-Za-z0-9_]*)");
          return null;
        }
        return new SecretValueSource.FromEnv(variable);
      }
      case "fromFile": {
        String text = scope.string(value, "fromFile of " + what);
        Path path = text == null ? null : Binder.path(scope, value, text, what);
        return path == null ? null : new SecretValueSource.FromFile(path);
      }
      default: {
        Boolean on = scope.bool(value, "fromStdin of " + what);
        if (on == null) {
          return null;
        }
        if (!on) {
          scope.problem(value, "fromStdin of " + what + " must be true");
          return null;
        }
        binder.stdin(scope, value, what);
        return new SecretValueSource.FromStdin();
      }
    }
  }

  private static SecretValueSource generate(Scope scope, Node node, String what) {
    Map<String, Node.Field> fields =
        scope.valueMapping(node, "generate of " + what, Binder.generateFields());
    if (fields == null) {
      return null;
    }
    int length = SecretValueSource.Generate.DEFAULT_LENGTH;
    Node lengthNode = Scope.optional(fields, "length");
    if (lengthNode != null) {
      Integer given = scope.integer(lengthNode, "generate.length of " + what);
      if (given == null) {
        return null;
      }
      if (given < SecretValueSource.Generate.MIN_LENGTH
          || given > SecretValueSource.Generate.MAX_LENGTH) {
        scope.problem(lengthNode, "generate.length of " + what + " must be "
            + SecretValueSource.Generate.MIN_LENGTH + " to "
            + SecretValueSource.Generate.MAX_LENGTH);
        return null;
      }
      length = given;
    }
    SecretValueSource.Alphabet alphabet = SecretValueSource.Alphabet.ALPHANUMERIC;
    Node alphabetNode = Scope.optional(fields, "alphabet");
    if (alphabetNode != null) {
      String name = scope.string(alphabetNode, "generate.alphabet of " + what);
      if (name == null) {
        return null;
      }
      alphabet = null;
      List<String> names = new ArrayList<>();
      for (SecretValueSource.Alphabet candidate : SecretValueSource.Alphabet.values()) {
        names.add(candidate.value());
        if (candidate.value().equals(name)) {
          alphabet = candidate;
        }
      }
      if (alphabet == null) {
        scope.problem(alphabetNode, "unknown alphabet " + Scope.HIDDEN + " in generate of "
            + what + " (known: " + String.join(", ", names) + ")");
        return null;
      }
    }
    return new SecretValueSource.Generate(length, alphabet);
  }
}
