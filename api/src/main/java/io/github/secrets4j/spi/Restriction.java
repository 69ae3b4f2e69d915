package io.github.secrets4j.spi;

import io.github.secrets4j.internal.policy.Constraint;
import io.github.secrets4j.internal.policy.Rules.Rule;
import io.github.secrets4j.internal.policy.Rules;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider's own restriction on one parameter, read from its settings, checked the way
 * {@link io.github.secrets4j.SecretsPolicy} checks its rules (same logic, same messages). Return
 * it from {@link SecretsProvider#authorize}: {@code restriction.check(request)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Restriction {
  private static final Restriction NONE = new Restriction(null);

  private final Rules rules;

  private Restriction(Rules rules) {
    this.rules = rules;
  }

  /**
   * Returns the restriction that allows everything.
   *
   * @return the shared unrestricted instance
   */
  public static Restriction none() {
    return NONE;
  }

  /**
   * The parameter must start with one of {@code prefixes}; none means no restriction.
   *
   * @param provider the provider's slug
   * @param parameter the parameter restricted, for example {@code "variable"}
   * @param prefixes the allowed prefixes
   * @param setting the setting they come from, named in refusals
   * @return the restriction, or {@link #none()} when {@code prefixes} is empty
   */
  public static Restriction prefix(
      String provider, String parameter, List<String> prefixes, String setting) {
    Objects.requireNonNull(prefixes, "prefixes");
    return prefixes.isEmpty() ? NONE : of(provider, Constraint.of("prefix", parameter, prefixes), setting);
  }

  /**
   * The parameter must be an absolute path without {@code ..} whose real path lies inside one of
   * {@code directories}; none means no restriction.
   *
   * @param provider the provider's slug
   * @param parameter the parameter restricted, for example {@code "path"}
   * @param directories the allowed absolute directories
   * @param setting the setting they come from, named in refusals
   * @return the restriction, or {@link #none()} when {@code directories} is empty
   * @throws IllegalArgumentException if a directory is not an absolute path
   */
  public static Restriction under(
      String provider, String parameter, List<String> directories, String setting) {
    Objects.requireNonNull(directories, "directories");
    return directories.isEmpty() ? NONE : of(provider, Constraint.of("under", parameter, directories), setting);
  }

  private static Restriction of(String provider, Constraint constraint, String setting) {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(setting, "setting");
    Rule rule = new Rule(provider, List.of(constraint), setting);
    return new Restriction(new Rules(Map.of(provider, List.of(rule)), true));
  }

  /**
   * Returns why {@code value} is not a path a provider should open: not a valid path, not
   * absolute, or with a {@code ..} segment. The message names the parameter and shows the value
   * escaped.
   *
   * @param parameter the parameter's name, shown in the message
   * @param value the rendered path
   * @return empty when the path is well formed, else why it is not
   */
  public static Optional<String> malformedPath(String parameter, String value) {
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(value, "value");
    return Constraint.malformedPath(parameter, value);
  }

  /**
   * Checks a request.
   *
   * @param request the request, with its rendered parameters
   * @throws io.github.secrets4j.SecretParametersError if the parameter is malformed
   * @throws io.github.secrets4j.SecretAccessDeniedError if it is not allowed
   */
  public void check(SecretRequest request) {
    Objects.requireNonNull(request, "request");
    if (rules != null) {
      rules.authorize(request);
    }
  }

  /** Shows the rule in text form, as refusals do. */
  @Override
  public String toString() {
    return rules == null ? "none" : rules.byProvider().values().iterator().next().get(0).toString();
  }
}
