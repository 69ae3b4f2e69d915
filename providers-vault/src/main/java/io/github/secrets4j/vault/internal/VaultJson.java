package io.github.secrets4j.vault.internal;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads Vault's JSON bodies with the driver's parser; never echoes a body into a message. */
final class VaultJson {
  private VaultJson() {}

  /** Parses a body that must be a JSON object; empty when it is not. */
  static Optional<JsonObject> object(byte[] body) {
    try {
      JsonValue value = Json.parse(new String(body, StandardCharsets.UTF_8));
      return value.isObject() ? Optional.of(value.asObject()) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Returns the member {@code name} of {@code object} if it is itself an object. */
  static Optional<JsonObject> member(JsonObject object, String name) {
    JsonValue value = object.get(name);
    return value != null && value.isObject() ? Optional.of(value.asObject()) : Optional.empty();
  }

  /** Returns a numeric member as a long, or {@code defaultValue}. */
  static long number(JsonObject object, String name, long defaultValue) {
    JsonValue value = object.get(name);
    if (value == null || !value.isNumber()) {
      return defaultValue;
    }
    try {
      return value.asLong();
    } catch (RuntimeException e) {
      return (long) value.asDouble();
    }
  }

  /** Returns a boolean member, or {@code defaultValue}. */
  static boolean bool(JsonObject object, String name, boolean defaultValue) {
    JsonValue value = object.get(name);
    return value != null && value.isBoolean() ? value.asBoolean() : defaultValue;
  }

  /** Returns a non-empty string member. */
  static Optional<String> string(JsonObject object, String name) {
    JsonValue value = object.get(name);
    return value != null && value.isString() && !value.asString().isEmpty()
        ? Optional.of(value.asString()) : Optional.empty();
  }

  /**
   * Returns the entries of Vault's {@code {"errors": [...]}} body, each with Vault's multi-error
   * formatting flattened ({@code "1 error occurred:\n\t* a"} becomes {@code "a"}) but otherwise
   * as Vault wrote it, or an empty list when the body has none.
   */
  static List<String> errors(byte[] body) {
    List<String> errors = new ArrayList<>();
    object(body).ifPresent(json -> {
      JsonValue value = json.get("errors");
      if (value != null && value.isArray()) {
        for (JsonValue entry : value.asArray()) {
          if (entry.isString()) {
            String text = flatten(entry.asString());
            if (!text.isEmpty()) {
              errors.add(text);
            }
          }
        }
      }
    });
    return errors;
  }

  /**
   * Returns {@code errors(body)} joined with {@code ", "}, unescaped: Vault's answer, so print it
   * through {@link io.github.secrets4j.spi.ProviderContext#escape}, which also bounds it.
   */
  static String errorText(byte[] body) {
    return String.join(", ", errors(body));
  }

  private static String flatten(String error) {
    // "1 error occurred:\n\t* permission denied\n\n" -> "permission denied"
    String text = error.replaceFirst("^\\s*\\d+ errors? occurred:", "");
    text = text.replaceAll("[\\r\\n\\t]+\\*\\s*", "; ").strip();
    while (text.startsWith(";")) {
      text = text.substring(1).strip();
    }
    return text;
  }
}
