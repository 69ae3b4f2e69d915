package io.github.secrets4j.internal.policy;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The whole parameter must match a regular expression. Equal when parameter and expression are. */
public final class Matches implements Constraint {
  private final String parameter;
  private final String regex;
  private final Pattern pattern;

  /**
   * @throws IllegalArgumentException if the expression does not compile, naming the parameter
   */
  public Matches(String parameter, String regex) {
    Constraint.checked(parameter, List.of(regex));
    this.parameter = parameter;
    this.regex = regex;
    try {
      this.pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid regular expression for \"" + parameter + "\": "
          + e.getDescription());
    }
  }

  @Override
  public String parameter() {
    return parameter;
  }

  @Override
  public List<String> values() {
    return List.of(regex);
  }

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
    return "does not match " + regex;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Matches that && that.parameter.equals(parameter)
        && that.regex.equals(regex);
  }

  @Override
  public int hashCode() {
    return 31 * parameter.hashCode() + regex.hashCode();
  }

  @Override
  public String toString() {
    return text();
  }
}
