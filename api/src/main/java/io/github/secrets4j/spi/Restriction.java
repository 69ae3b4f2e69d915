package io.github.secrets4j.spi;

import io.github.secrets4j.internal.policy.Constraint;
import io.github.secrets4j.internal.policy.Rules.Rule;
import io.github.secrets4j.internal.policy.Under;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider's own restriction on one parameter, read from its settings, checked the way
 * {@link io.github.secrets4j.SecretsPolicy} checks its rules (same logic, same messages).
 *
 * <p>A provider enforces it itself, in {@link SecretsProvider#getValue}, on every call: a
 * provider can be called without the runtime (a host holds it, a test calls it), and a
 * restriction that only the runtime checked would then not hold. The check looks only at the
 * request's parameters, never at {@link SecretRequest#provider()}, which the caller chooses.
 *
 * <p>Immutable and thread-safe.
 */
public final class Restriction {
  private static final Restriction NONE = new Restriction(null, null, null);

  private final Rule rule;
  private final Constraint constraint;
  private final String parameter;

  private Restriction(Rule rule, Constraint constraint, String parameter) {
    this.rule = rule;
    this.constraint = constraint;
    this.parameter = parameter;
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
   * @return the restriction
   * @throws IllegalArgumentException if the parameter is blank or a prefix empty
   */
  public static Restriction prefix(
      String provider, String parameter, List<String> prefixes, String setting) {
    Objects.requireNonNull(prefixes, "prefixes");
    return prefixes.isEmpty() ? NONE
        : of(provider, Constraint.of("prefix", parameter, prefixes), setting);
  }

  /**
   * The parameter must be an absolute path without {@code ..} whose real path lies inside one of
   * {@code directories}; none means no restriction. The real path must be proven: a path whose
   * resolution fails (a link loop, a resolution longer than PATH_MAX, a directory that cannot be
   * read) or goes through a link in procfs ({@code /proc/self/fd/N}, {@code /dev/fd/N},
   * {@code /proc/self/root}, ...) is refused. Nothing existing at the path is not a refusal when
   * where it would be is inside.
   *
   * @param provider the provider's slug
   * @param parameter the parameter restricted, for example {@code "path"}
   * @param directories the allowed directories, absolute
   * @param setting the setting they come from, named in refusals
   * @return the restriction
   * @throws IllegalArgumentException if a directory is not an absolute path
   */
  public static Restriction under(
      String provider, String parameter, List<String> directories, String setting) {
    Objects.requireNonNull(directories, "directories");
    return directories.isEmpty() ? NONE
        : of(provider, Constraint.of("under", parameter, directories), setting);
  }

  private static Restriction of(String provider, Constraint constraint, String setting) {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(setting, "setting");
    Rule rule = new Rule(provider, List.of(constraint), setting);
    return new Restriction(rule, constraint, constraint.parameter());
  }

  /**
   * Returns why {@code value} is not a path a provider should open: not a valid path, not
   * absolute, or with a {@code ..} segment. The message names the parameter and shows the value
   * escaped.
   *
   * @param parameter the parameter's name, for the message
   * @param value the rendered value
   * @return why the value is malformed, or empty when it is a path a provider may open
   */
  public static Optional<String> malformedPath(String parameter, String value) {
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(value, "value");
    return Constraint.malformedPath(parameter, value);
  }

  /**
   * Checks a request: its parameters only, whichever provider it names.
   *
   * @param request the request, with its rendered parameters
   * @throws io.github.secrets4j.SecretParametersError if the parameter is malformed
   * @throws io.github.secrets4j.SecretAccessDeniedError if it is not allowed
   */
  public void check(SecretRequest request) {
    Objects.requireNonNull(request, "request");
    if (rule == null) {
      return;
    }
    Map<String, String> parameters = request.parameters();
    Optional<String> malformed = rule.malformed(parameters);
    if (malformed.isPresent()) {
      throw request.parametersError(malformed.get());
    }
    Optional<String> refusal = rule.check(parameters);
    if (refusal.isPresent()) {
      throw request.accessDenied("Access denied: " + refusal.get());
    }
  }

  /**
   * Checks a request against a restriction made by {@link #under} and returns the path to open:
   * the real path the check proved inside (every symbolic link resolved), so that the provider
   * can open it with {@link LinkOption#NOFOLLOW_LINKS} and a link put in its place after the
   * check is not followed. Where nothing exists yet, it is the real path of the deepest existing
   * directory followed by the missing names; opening it then fails as "not found".
   *
   * @param request the request
   * @return the real path to open
   * @throws io.github.secrets4j.SecretParametersError if the parameter is absent or malformed
   * @throws io.github.secrets4j.SecretAccessDeniedError if the path is not proven inside
   * @throws IllegalStateException if this restriction was not made by {@link #under} with at
   *     least one directory
   */
  public Path realPath(SecretRequest request) {
    Objects.requireNonNull(request, "request");
    if (!(constraint instanceof Under under)) {
      throw new IllegalStateException("not a restriction to directories: " + this);
    }
    String value = request.parameter(parameter);
    Optional<String> malformed = under.malformed(value);
    if (malformed.isPresent()) {
      throw request.parametersError(malformed.get());
    }
    Under.Location location = under.locate(value);
    if (!location.inside()) {
      throw request.accessDenied("Access denied: " + rule.refusal(under, value));
    }
    return location.path();
  }

  /** Shows the rule in text form, as refusals do. */
  @Override
  public String toString() {
    return rule == null ? "none" : rule.toString();
  }
}
