package io.github.secrets4j.internal.policy;

import io.github.secrets4j.internal.Text;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One rule: a provider and the constraints its rendered parameters must all meet.
 *
 * @param provider the provider slug
 * @param constraints the constraints, all of which must hold
 * @param source where the rule comes from (a setting), shown in refusals; may be {@code null}
 */
public record Rule(String provider, List<Constraint> constraints, String source) {
  /** Copies the constraints. */
  public Rule {
    Objects.requireNonNull(provider, "provider");
    constraints = List.copyOf(constraints);
  }

  /** Returns why a constrained parameter is malformed, before any rule is weighed. */
  Optional<String> malformed(Map<String, String> parameters) {
    for (Constraint constraint : constraints) {
      String value = parameters.get(constraint.parameter());
      if (value != null && !value.isBlank()) {
        Optional<String> problem = constraint.malformed(value);
        if (problem.isPresent()) {
          return problem;
        }
      }
    }
    return Optional.empty();
  }

  /** Returns empty when the parameters meet every constraint, else why not. */
  Optional<String> check(Map<String, String> parameters) {
    for (Constraint constraint : constraints) {
      String value = parameters.get(constraint.parameter());
      if (value == null || value.isBlank()) {
        return Optional.of("the \"" + constraint.parameter() + "\" parameter is absent (rule "
            + this + ")");
      }
      if (!constraint.test(value)) {
        return Optional.of("the \"" + constraint.parameter() + "\" parameter \""
            + Text.escape(value) + "\" " + constraint.failure() + " (rule " + this + ")");
      }
    }
    return Optional.empty();
  }

  /** Returns the rule in text form, with its source when it has one. */
  @Override
  public String toString() {
    String text = constraints.isEmpty() ? provider
        : provider + ": " + constraints.stream().map(Constraint::text)
            .collect(Collectors.joining(", "));
    return source == null ? text : text + " [from " + source + "]";
  }
}
