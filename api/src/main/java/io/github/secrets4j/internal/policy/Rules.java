package io.github.secrets4j.internal.policy;

import io.github.secrets4j.internal.Text;
import io.github.secrets4j.spi.SecretRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rules of a policy, by provider, and how a request is weighed against them: a provider named
 * by no rule is refused unless other providers are allowed; several rules for one provider are
 * alternatives; a malformed parameter is a parameter error, a refusal an access denial.
 *
 * @param byProvider the rules of each provider named, in order
 * @param otherProviders whether providers that no rule names are let through
 */
public record Rules(Map<String, List<Rule>> byProvider, boolean otherProviders) {
  /** Copies the map, keeping its order. */
  public Rules {
    Map<String, List<Rule>> copy = new LinkedHashMap<>();
    byProvider.forEach((provider, rules) -> copy.put(provider, List.copyOf(rules)));
    byProvider = Collections.unmodifiableMap(copy);
  }

  /**
   * Parses the text form of a policy (other providers refused).
   *
   * @throws IllegalArgumentException naming the rule and what is wrong
   */
  public static Rules parse(String text) {
    Map<String, List<Rule>> rules = new LinkedHashMap<>();
    for (PolicyText.ParsedRule parsed : PolicyText.parse(text)) {
      rules.computeIfAbsent(parsed.slug(), slug -> new java.util.ArrayList<>())
          .add(new Rule(parsed.slug(), parsed.constraints(), null));
    }
    return new Rules(rules, false);
  }

  /**
   * Checks a request.
   *
   * @throws io.github.secrets4j.SecretParametersError if a constrained parameter is malformed
   * @throws io.github.secrets4j.SecretAccessDeniedError if no rule allows the request
   */
  public void authorize(SecretRequest request) {
    List<Rule> candidates = byProvider.get(request.provider());
    if (candidates != null) {
      for (Rule rule : candidates) {
        Optional<String> malformed = rule.malformed(request.parameters());
        if (malformed.isPresent()) {
          throw request.parametersError(malformed.get());
        }
      }
    }
    Optional<String> refusal = check(request.provider(), request.parameters());
    if (refusal.isPresent()) {
      throw request.accessDenied("Access denied: " + refusal.get());
    }
  }

  /**
   * Returns whether some request to {@code provider} may be allowed: a rule names it, or other
   * providers are allowed.
   *
   * @param provider the provider slug
   * @return whether a request to it may be allowed
   */
  public boolean mayAllow(String provider) {
    return otherProviders || byProvider.containsKey(provider);
  }

  /** Returns empty when allowed, else why the request is refused. */
  public Optional<String> check(String provider, Map<String, String> parameters) {
    List<Rule> candidates = byProvider.get(provider);
    if (candidates == null) {
      return otherProviders ? Optional.empty() : Optional.of("provider \"" + provider
          + "\" is not allowed by the policy (allowed: " + String.join(", ", byProvider.keySet()) + ")");
    }
    String firstRefusal = null;
    for (Rule rule : candidates) {
      Optional<String> refusal = rule.check(parameters);
      if (refusal.isEmpty()) {
        return Optional.empty();
      }
      if (firstRefusal == null) {
        firstRefusal = refusal.get();
      }
    }
    return Optional.of(candidates.size() == 1 ? firstRefusal
        : firstRefusal + "; no other rule for \"" + provider + "\" allows it either");
  }

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

    /**
     * Returns why a constrained parameter is malformed, before any rule is weighed.
     *
     * @param parameters the rendered parameters
     * @return why one is malformed, or empty
     */
    public Optional<String> malformed(Map<String, String> parameters) {
      for (int i = 0; i < constraints.size(); i++) {
        Constraint constraint = constraints.get(i);
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

    /**
     * Returns empty when the parameters meet every constraint, else why not.
     *
     * @param parameters the rendered parameters
     * @return why they are refused, or empty
     */
    public Optional<String> check(Map<String, String> parameters) {
      for (int i = 0; i < constraints.size(); i++) {
        Constraint constraint = constraints.get(i);
        String value = parameters.get(constraint.parameter());
        if (value == null || value.isBlank()) {
          return Optional.of("the \"" + constraint.parameter() + "\" parameter is absent (rule "
              + this + ")");
        }
        if (!constraint.test(value)) {
          return Optional.of(refusal(constraint, value));
        }
      }
      return Optional.empty();
    }

    /**
     * Returns why {@code value}, which failed {@code constraint} of this rule, is refused.
     *
     * @param constraint the constraint of this rule that failed
     * @param value the rendered value, escaped in the text
     * @return the refusal, naming the parameter, the value and the rule
     */
    public String refusal(Constraint constraint, String value) {
      return "the \"" + constraint.parameter() + "\" parameter \"" + Text.escape(value) + "\" "
          + constraint.failure() + " (rule " + this + ")";
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
}
