package io.github.secrets4j.internal.policy;

import java.util.List;

/** The parameter must start with one of the values. */
public record Prefix(String parameter, List<String> values) implements Constraint {
  /** Checks the parameter name and values. */
  public Prefix {
    values = Constraint.checked(parameter, values);
  }

  @Override
  public String operator() {
    return "prefix";
  }

  @Override
  public boolean test(String value) {
    for (String prefix : values) {
      if (value.startsWith(prefix)) {
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
