package io.github.secrets4j;

import io.github.secrets4j.internal.Slugs;
import io.github.secrets4j.internal.policy.Constraint;
import io.github.secrets4j.internal.policy.Rules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Which providers may be asked, and for what: rules checked on the <em>rendered</em> parameters of
 * every request, before any provider (or cached value) is touched. A refused request is a
 * {@link SecretAccessDeniedError} naming the secret, the provider, the parameter and the rule.
 *
 * <pre>{@code
 * SecretsPolicy policy = SecretsPolicy.builder()
 *     .allow("environment-variable", rule -> rule.prefix("variable", "NAPALM_"))
 *     .allow("text-file", rule -> rule.under("path", "/opt/nautobot/secrets"))
 *     .build();
 * }</pre>
 *
 * <p>Semantics: a provider named by no rule is refused, unless the policy
 * {@linkplain Builder#allowOtherProviders() allows other providers}. Several rules for one provider
 * are alternatives (one must allow the request); the constraints of one rule must all hold. A
 * constrained parameter that is absent or blank is refused. Constraints: {@code equalTo} (one of
 * the values), {@code prefix} (starts with one of them), {@code matches} (a regular expression that
 * must match the whole value) and {@code under} (an absolute path without {@code ..} whose real
 * path, symbolic links resolved, lies inside one of the directories).
 *
 * <p>The same policy in text form ({@link #parse}, and the setting {@code secrets4j.policy}):
 * {@code environment-variable: variable prefix NAPALM_; text-file: path under /opt/nautobot/secrets}.
 * Rules are separated by {@code ;}, constraints by {@code ,}, alternative values by {@code |}
 * (except for {@code matches}, whose pattern is taken whole); {@code \} escapes the next character.
 *
 * <p>Immutable and thread-safe. Equal when the rules (in order) and the treatment of other
 * providers are equal.
 */
public final class SecretsPolicy {
  private static final SecretsPolicy ALLOW_ALL = new SecretsPolicy(new Rules(Map.of(), true));

  private final Rules rules;

  private SecretsPolicy(Rules rules) {
    this.rules = rules;
  }

  /**
   * Returns the policy that refuses nothing.
   *
   * @return the allow-all policy (one shared instance)
   */
  public static SecretsPolicy allowAll() {
    return ALLOW_ALL;
  }

  /**
   * Returns a builder of a policy, which refuses every provider that no rule allows.
   *
   * @return a new builder without rules
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Parses a policy in text form (see the class description).
   *
   * @param text the policy's rules in text form, as the setting {@code secrets4j.policy} holds
   * @return the policy
   * @throws IllegalArgumentException naming the position and what is wrong
   */
  public static SecretsPolicy parse(String text) {
    Objects.requireNonNull(text, "text");
    return new SecretsPolicy(Rules.parse(text));
  }

  /**
   * Returns whether this policy lets providers that no rule names through.
   *
   * @return {@code true} if requests to providers without a rule are allowed
   */
  public boolean allowsOtherProviders() {
    return rules.otherProviders();
  }

  /**
   * Returns the slugs of the providers some rule names.
   *
   * @return the slugs, in the order the rules were added, unmodifiable
   */
  public List<String> providers() {
    return List.copyOf(rules.byProvider().keySet());
  }

  /**
   * Checks a request.
   *
   * @param provider the provider slug
   * @param parameters the rendered parameters
   * @return empty when the request is allowed, else why it is refused
   */
  public Optional<String> check(String provider, Map<String, String> parameters) {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(parameters, "parameters");
    return rules.check(provider, parameters);
  }

  /** Returns the rules, which the runtime's pipeline checks. */
  Rules rules() {
    return rules;
  }

  /** Returns the policy in its text form. */
  @Override
  public String toString() {
    if (rules.byProvider().isEmpty()) {
      return rules.otherProviders() ? "allow all" : "deny all";
    }
    String text = rules.byProvider().values().stream().flatMap(List::stream)
        .map(Object::toString).collect(Collectors.joining("; "));
    return rules.otherProviders() ? text + " (other providers allowed)" : text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecretsPolicy that
        && that.rules.otherProviders() == rules.otherProviders()
        && List.copyOf(that.rules.byProvider().entrySet())
            .equals(List.copyOf(rules.byProvider().entrySet()));
  }

  @Override
  public int hashCode() {
    return rules.hashCode();
  }

  /** One rule of a policy: a provider and the constraints its rendered parameters must meet. */
  public static final class Rule {
    private Rule() {}

    /** Collects the constraints of one rule; each method checks its arguments at once. */
    public static final class Builder {
      private final List<Constraint> constraints = new ArrayList<>();
      private String source;

      private Builder() {}

      /**
       * Requires the rendered parameter to equal one of {@code values}.
       *
       * @param parameter the parameter's name, such as {@code variable}
       * @param values the values allowed
       * @return this builder
       * @throws IllegalArgumentException if the parameter name or the list of values is invalid
       */
      public Builder equalTo(String parameter, String... values) {
        constraints.add(Constraint.of("equals", parameter, values(values)));
        return this;
      }

      /**
       * Requires the rendered parameter to start with one of {@code prefixes}.
       *
       * @param parameter the parameter's name, such as {@code variable}
       * @param prefixes the prefixes allowed
       * @return this builder
       * @throws IllegalArgumentException if the parameter name or the list of prefixes is invalid
       */
      public Builder prefix(String parameter, String... prefixes) {
        constraints.add(Constraint.of("prefix", parameter, values(prefixes)));
        return this;
      }

      /**
       * Requires the whole rendered parameter to match {@code regex}.
       *
       * @param parameter the parameter's name
       * @param regex a {@link java.util.regex.Pattern} the whole value must match
       * @return this builder
       * @throws IllegalArgumentException if the expression does not compile
       */
      public Builder matches(String parameter, String regex) {
        Objects.requireNonNull(regex, "regex");
        constraints.add(Constraint.of("matches", parameter, List.of(regex)));
        return this;
      }

      /**
       * The parameter must be an absolute path without {@code ..} whose real path lies inside one
       * of {@code directories}.
       *
       * @param parameter the parameter's name, such as {@code path}
       * @param directories the absolute directories allowed
       * @return this builder
       * @throws IllegalArgumentException if a directory is not an absolute path
       */
      public Builder under(String parameter, String... directories) {
        constraints.add(Constraint.of("under", parameter, values(directories)));
        return this;
      }

      /**
       * Notes where the rule comes from, shown with it in refusals, for example the setting it
       * was read from.
       *
       * @param source a short description of the rule's origin
       * @return this builder
       */
      public Builder describedBy(String source) {
        this.source = Objects.requireNonNull(source, "source");
        return this;
      }

      private static List<String> values(String[] values) {
        Objects.requireNonNull(values, "values");
        for (String value : values) {
          Objects.requireNonNull(value, "value");
        }
        return List.of(values);
      }
    }
  }

  /** Builds a {@link SecretsPolicy}. */
  public static final class Builder {
    private final Map<String, List<Rules.Rule>> rules =
        new LinkedHashMap<>();
    private boolean otherProviders;

    private Builder() {}

    /**
     * Allows every request to {@code provider}.
     *
     * @param provider the provider's slug
     * @return this builder
     * @throws IllegalArgumentException if the slug is invalid
     */
    public Builder allow(String provider) {
      return allow(provider, rule -> { });
    }

    /**
     * Allows requests to {@code provider} whose rendered parameters meet the constraints that
     * {@code constraints} adds. Call it again for the same provider to add an alternative.
     *
     * @param provider the provider's slug
     * @param constraints adds the rule's constraints to the builder it is given
     * @return this builder
     * @throws IllegalArgumentException if the slug or a constraint is invalid
     */
    public Builder allow(String provider, Consumer<Rule.Builder> constraints) {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(constraints, "constraints");
      if (!Slugs.isValid(provider)) {
        throw new IllegalArgumentException("invalid provider slug \"" + provider + "\"");
      }
      Rule.Builder rule = new Rule.Builder();
      constraints.accept(rule);
      rules.computeIfAbsent(provider, p -> new ArrayList<>())
          .add(new Rules.Rule(provider, rule.constraints,
              rule.source));
      return this;
    }

    /**
     * Lets requests to providers that no rule names through (by default they are refused).
     *
     * @return this builder
     */
    public Builder allowOtherProviders() {
      this.otherProviders = true;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy, immutable
     */
    public SecretsPolicy build() {
      return new SecretsPolicy(new Rules(rules, otherProviders));
    }
  }
}
