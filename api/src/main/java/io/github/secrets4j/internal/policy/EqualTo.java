package io.github.secrets4j.internal.policy;

import java.util.List;

/** The parameter must equal one of the values. */
public record EqualTo(String parameter, List<String> values) implements Constraint {
  /** Checks the parameter name and values. */
  public EqualTo {
    values = Constraint.checked(parameter, values);
  }

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
