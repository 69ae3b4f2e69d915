package io.github.secrets4j.internal.policy;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What one rule demands of one rendered parameter. The kinds are closed: {@code equals},
 * {@code prefix}, {@code matches} and {@code under}. Equal when kind, parameter and values are.
 */
public sealed interface Constraint permits EqualTo, Prefix, Matches, Under {
  /**
   * Returns a constraint of kind {@code operator}.
   *
   * @throws IllegalArgumentException if the operator is unknown, the parameter blank, a value
   *     empty, a regular expression invalid or a directory not absolute
   * @throws NullPointerException if an argument or value is null
   */
  static Constraint of(String operator, String parameter, List<String> values) {
    if (parameter == null) {
      throw new NullPointerException("parameter");
    }
    if (parameter.isBlank()) {
      throw new IllegalArgumentException("parameter name must not be blank");
    }
    List<String> checked = List.copyOf(values);
    if (checked.isEmpty()) {
      throw new IllegalArgumentException("at least one value is required");
    }
    if (checked.contains("")) {
      throw new IllegalArgumentException("values must not be empty");
    }
    switch (operator) {
      case "equals":
        return new EqualTo(parameter, checked);
      case "prefix":
        return new Prefix(parameter, checked);
      case "matches":
        try {
          return new Matches(parameter, checked, Pattern.compile(checked.get(0)));
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("invalid regular expression for \"" + parameter
              + "\": " + e.getDescription());
        }
      case "under":
        return new Under(parameter, checked);
      default:
        throw new IllegalArgumentException("unknown operator \"" + operator
            + "\" (use equals, prefix, matches or under)");
    }
  }

  /**
   * Returns why {@code value} is not a path that can be confined: invalid, relative, or with a
   * {@code ..} segment (the rule the text-file provider applies too).
   */
  static Optional<String> malformedPath(String parameter, String value) {
    return Under.malformed(parameter, value);
  }

  /** Returns the parameter constrained. */
  String parameter();

  /** Returns the values as written in the text form. */
  List<String> values();

  /** Returns the operator of the text form. */
  String operator();

  /** Returns whether a present, non-blank rendered value meets the constraint. */
  boolean test(String value);

  /** Returns why a value that failed {@link #test} fails, for example {@code is not one of [a]}. */
  String failure();

  /** Returns why a value is not even of the right form (a mistake in the parameters). */
  default Optional<String> malformed(String value) {
    return Optional.empty();
  }

  /** Returns the constraint in text form: {@code parameter operator value|value}. */
  default String text() {
    return parameter() + " " + operator() + " " + String.join("|", values());
  }
}

record EqualTo(String parameter, List<String> values) implements Constraint {
  @Override
  public String operator() {
    return "equals";
  }

  @Override
  public boolean test(String value) {
    return values.contains(value);
  }

  @Override
  public String failure() {
    return "is not one of " + values;
  }
}

record Prefix(String parameter, List<String> values) implements Constraint {
  @Override
  public String operator() {
    return "prefix";
  }

  @Override
  public boolean test(String value) {
    // A loop, not a stream: the environment provider checks this on every read.
    for (int i = 0; i < values.size(); i++) {
      if (value.startsWith(values.get(i))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String failure() {
    return "does not start with one of " + values;
  }
}

/** Equal by parameter and expression (a {@link Pattern} is equal only to itself). */
record Matches(String parameter, List<String> values, Pattern pattern) implements Constraint {
  @Override
  public String operator() {
    return "matches";
  }

  @Override
  public boolean test(String value) {
    return pattern.matcher(value).matches();
  }

  @Override
  public String failure() {
    return "does not match " + values.get(0);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Matches that && that.parameter.equals(parameter)
        && that.values.equals(values);
  }

  @Override
  public int hashCode() {
    return 31 * parameter.hashCode() + values.hashCode();
  }
}
