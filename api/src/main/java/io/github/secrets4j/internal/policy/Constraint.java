package io.github.secrets4j.internal.policy;

import java.util.List;
import java.util.Optional;

/**
 * What one rule demands of one rendered parameter. The kinds are closed: {@link EqualTo},
 * {@link Prefix}, {@link Matches} and {@link Under}. Equal when kind, parameter and values are.
 */
public sealed interface Constraint permits EqualTo, Prefix, Matches, Under {
  /** Returns the parameter constrained. */
  String parameter();

  /** Returns the values as written in the text form. */
  List<String> values();

  /** Returns the operator of the text form: {@code equals}, {@code prefix}, {@code matches}, {@code under}. */
  String operator();

  /** Returns whether a present, non-blank rendered value meets the constraint. */
  boolean test(String value);

  /** Returns why a value that failed {@link #test} fails, for example {@code is not one of [a, b]}. */
  String failure();

  /**
   * Returns why a value is not even of the right form (a path that is relative or has {@code ..}),
   * which is a mistake in the parameters rather than a refusal; empty by default.
   */
  default Optional<String> malformed(String value) {
    return Optional.empty();
  }

  /** Returns the constraint in text form: {@code parameter operator value|value}. */
  default String text() {
    return parameter() + " " + operator() + " " + String.join("|", values());
  }

  /** Checks a constraint's parameter name and values; returns the values, copied. */
  static List<String> checked(String parameter, List<String> values) {
    if (parameter == null) {
      throw new NullPointerException("parameter");
    }
    if (parameter.isBlank()) {
      throw new IllegalArgumentException("parameter name must not be blank");
    }
    if (values == null) {
      throw new NullPointerException("values");
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException("at least one value is required");
    }
    for (String value : values) {
      if (value == null) {
        throw new NullPointerException("value");
      }
      if (value.isEmpty()) {
        throw new IllegalArgumentException("values must not be empty");
      }
    }
    return List.copyOf(values);
  }
}
