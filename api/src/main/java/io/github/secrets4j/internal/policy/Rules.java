package io.github.secrets4j.internal.policy;

import io.github.secrets4j.spi.SecretRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Collections;
import java.util.LinkedHashMap;

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
}
