package io.github.secrets4j;

import io.github.secrets4j.internal.kind.EnvParser;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The kinds {@link SecretKind} names: {@code opaque} and {@code env}. Here, beside the interface,
 * so that the interface needs nothing from {@code internal} (no import circle).
 */
final class BuiltInKind<T> implements SecretKind<T> {
  /** {@link SecretKind#OPAQUE}. */
  static final BuiltInKind<String> OPAQUE = new BuiltInKind<>("opaque", value -> value);
  /** {@link SecretKind#ENV}. */
  static final BuiltInKind<Map<String, String>> ENV = new BuiltInKind<>("env", EnvParser::parse);

  private final String name;
  private final Function<String, T> parser;

  private BuiltInKind(String name, Function<String, T> parser) {
    this.name = name;
    this.parser = parser;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public T parse(String value) {
    return parser.apply(Objects.requireNonNull(value, "value"));
  }

  @Override
  public String toString() {
    return "SecretKind{" + name + "}";
  }
}
