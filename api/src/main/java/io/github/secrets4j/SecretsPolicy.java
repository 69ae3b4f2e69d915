package io.github.secrets4j;

import io.github.secrets4j.internal.PolicyText;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
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
 * <p>Immutable and thread-safe.
 */
public final class SecretsPolicy {
  private static final SecretsPolicy ALLOW_ALL = new SecretsPolicy(Map.of(), true);

  private final Map<String, List<Rule>> rules;
  private final boolean otherProviders;

  private SecretsPolicy(Map<String, List<Rule>> rules, boolean otherProviders) {
    this.rules = rules;
    this.otherProviders = otherProviders;
  }

  /** Returns the policy that refuses nothing. */
  public static SecretsPolicy allowAll() {
    return ALLOW_ALL;
  }

  /** Returns a builder of a policy. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Parses a policy in text form (see the class description).
   *
   * @throws IllegalArgumentException naming the position and what is wrong
   */
  public static SecretsPolicy parse(String text) {
    Objects.requireNonNull(text, "text");
    Builder builder = builder();
    for (PolicyText.ParsedRule parsed : PolicyText.parse(text)) {
      builder.allow(parsed.slug(), rule -> {
        for (PolicyText.ParsedConstraint constraint : parsed.constraints()) {
          String[] values = constraint.values().toArray(new String[0]);
          switch (constraint.operator()) {
            case "equals":
              rule.equalTo(constraint.parameter(), values);
              break;
            case "prefix":
              rule.prefix(constraint.parameter(), values);
              break;
            case "matches":
              rule.matches(constraint.parameter(), values[0]);
              break;
            case "under":
              rule.under(constraint.parameter(), values);
              break;
            default:
              throw new IllegalArgumentException("unknown operator \"" + constraint.operator()
                  + "\" (use equals, prefix, matches or under)");
          }
        }
      });
    }
    return builder.build();
  }

  /**
   * Returns whether this policy's answer depends only on the parameters (no {@code under}
   * constraint, which looks at the file system): then a runtime may remember it for an
   * untemplated secret.
   */
  boolean isStatic() {
    for (List<Rule> list : rules.values()) {
      for (Rule rule : list) {
        for (Constraint constraint : rule.constraints) {
          if (constraint.operator.equals("under")) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /**
   * Returns why a parameter that an {@code under} rule of {@code provider} constrains is not a
   * path at all (invalid, relative, or with a {@code ..} segment): that is a mistake in the
   * parameters, reported as such, before any rule is weighed.
   */
  Optional<String> malformed(String provider, Map<String, String> parameters) {
    List<Rule> candidates = rules.get(provider);
    if (candidates == null) {
      return Optional.empty();
    }
    for (Rule rule : candidates) {
      for (Constraint constraint : rule.constraints) {
        String value = parameters.get(constraint.parameter);
        if (constraint.operator.equals("under") && value != null && !value.isBlank()) {
          Optional<String> problem = pathProblem(constraint.parameter, value);
          if (problem.isPresent()) {
            return problem;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> pathProblem(String parameter, String value) {
    String prefix = "The \"" + parameter + "\" parameter ";
    Path path;
    try {
      path = Path.of(value);
    } catch (InvalidPathException e) {
      return Optional.of(prefix + "is not a valid path: \"" + shown(value) + "\"");
    }
    if (!path.isAbsolute()) {
      return Optional.of(prefix + "must be an absolute path: \"" + shown(value) + "\"");
    }
    if (hasDotDotSegment(value)) {
      return Optional.of(prefix + "must not contain \"..\": \"" + shown(value) + "\"");
    }
    return Optional.empty();
  }

  /** Whether a segment between separators ({@code /} and the platform's) is {@code ..}. */
  static boolean hasDotDotSegment(String path) {
    int start = 0;
    for (int i = 0; i <= path.length(); i++) {
      if (i == path.length() || path.charAt(i) == '/' || path.charAt(i) == java.io.File.separatorChar) {
        if (i - start == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.') {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  /** Returns whether this policy lets providers that no rule names through. */
  public boolean allowsOtherProviders() {
    return otherProviders;
  }

  /** Returns the slugs of the providers some rule names. */
  public List<String> providers() {
    return List.copyOf(rules.keySet());
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
    List<Rule> candidates = rules.get(provider);
    if (candidates == null) {
      return otherProviders ? Optional.empty() : Optional.of("provider \"" + provider
          + "\" is not allowed by the policy (allowed: " + String.join(", ", rules.keySet()) + ")");
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

  /** Returns the policy in its text form. */
  @Override
  public String toString() {
    if (rules.isEmpty()) {
      return otherProviders ? "allow all" : "deny all";
    }
    String text = rules.values().stream().flatMap(List::stream).map(Rule::toString)
        .collect(Collectors.joining("; "));
    return otherProviders ? text + " (other providers allowed)" : text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecretsPolicy && ((SecretsPolicy) other).toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  /** One rule: a provider and the constraints its rendered parameters must meet. */
  public static final class Rule {
    private final String provider;
    private final List<Constraint> constraints;
    private final String source;

    private Rule(String provider, List<Constraint> constraints, String source) {
      this.provider = provider;
      this.constraints = constraints;
      this.source = source;
    }

    Optional<String> check(Map<String, String> parameters) {
      for (Constraint constraint : constraints) {
        String value = parameters.get(constraint.parameter);
        if (value == null || value.isBlank()) {
          return Optional.of("the \"" + constraint.parameter + "\" parameter is absent (rule "
              + this + ")");
        }
        if (!constraint.test(value)) {
          return Optional.of("the \"" + constraint.parameter + "\" parameter \"" + shown(value)
              + "\" " + constraint.failure() + " (rule " + this + ")");
        }
      }
      return Optional.empty();
    }

    /** Returns the rule in text form, with where it came from when it came from a setting. */
    @Override
    public String toString() {
      String text = constraints.isEmpty() ? provider
          : provider + ": " + constraints.stream().map(Constraint::toString)
              .collect(Collectors.joining(", "));
      return source == null ? text : text + " [from " + source + "]";
    }

    /** Collects the constraints of one rule; each method checks its arguments at once. */
    public static final class Builder {
      private final List<Constraint> constraints = new ArrayList<>();
      private String source;

      private Builder() {}

      /** The parameter must equal one of {@code values}. */
      public Builder equalTo(String parameter, String... values) {
        constraints.add(new Constraint(parameter, "equals", values(values), null));
        return this;
      }

      /** The parameter must start with one of {@code prefixes}. */
      public Builder prefix(String parameter, String... prefixes) {
        constraints.add(new Constraint(parameter, "prefix", values(prefixes), null));
        return this;
      }

      /**
       * The whole parameter must match {@code regex}.
       *
       * @throws IllegalArgumentException if the expression does not compile
       */
      public Builder matches(String parameter, String regex) {
        Objects.requireNonNull(regex, "regex");
        Pattern pattern;
        try {
          pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("invalid regular expression for \"" + parameter
              + "\": " + e.getDescription());
        }
        constraints.add(new Constraint(parameter, "matches", List.of(regex), pattern));
        return this;
      }

      /**
       * The parameter must be an absolute path without {@code ..} whose real path lies inside one
       * of {@code directories}.
       *
       * @throws IllegalArgumentException if a directory is not an absolute path
       */
      public Builder under(String parameter, String... directories) {
        List<String> dirs = values(directories);
        for (String dir : dirs) {
          try {
            if (!Path.of(dir).isAbsolute()) {
              throw new IllegalArgumentException("\"" + dir + "\" is not an absolute directory");
            }
          } catch (InvalidPathException e) {
            throw new IllegalArgumentException("\"" + dir + "\" is not a valid path");
          }
        }
        constraints.add(new Constraint(parameter, "under", dirs, null));
        return this;
      }

      /**
       * Notes where the rule comes from, shown with it in refusals, for example the setting it
       * was read from.
       */
      public Builder describedBy(String source) {
        this.source = Objects.requireNonNull(source, "source");
        return this;
      }

      private static List<String> values(String[] values) {
        Objects.requireNonNull(values, "values");
        if (values.length == 0) {
          throw new IllegalArgumentException("at least one value is required");
        }
        List<String> list = new ArrayList<>();
        for (String value : values) {
          Objects.requireNonNull(value, "value");
          if (value.isEmpty()) {
            throw new IllegalArgumentException("values must not be empty");
          }
          list.add(value);
        }
        return List.copyOf(list);
      }
    }
  }

  private static String shown(String value) {
    StringBuilder shown = new StringBuilder();
    value.codePoints().limit(200).forEach(c -> {
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
          || c == 0x2028 || c == 0x2029) {
        shown.append(String.format("\\u%04x", c));
      } else {
        shown.appendCodePoint(c);
      }
    });
    return value.codePointCount(0, value.length()) > 200 ? shown + "..." : shown.toString();
  }

  private static final class Constraint {
    private final String parameter;
    private final String operator;
    private final List<String> values;
    private final Pattern pattern;
    private final List<Path> directories;

    Constraint(String parameter, String operator, List<String> values, Pattern pattern) {
      Objects.requireNonNull(parameter, "parameter");
      if (parameter.isBlank()) {
        throw new IllegalArgumentException("parameter name must not be blank");
      }
      this.parameter = parameter;
      this.operator = operator;
      this.values = values;
      this.pattern = pattern;
      List<Path> dirs = new ArrayList<>();
      if (operator.equals("under")) {
        for (String value : values) {
          Path dir = Path.of(value).normalize();
          dirs.add(dir);
          try {
            dirs.add(dir.toRealPath());
          } catch (IOException e) {
            // Does not exist (yet): its lexical form is all there is to compare with.
          }
        }
      }
      this.directories = Collections.unmodifiableList(dirs);
    }

    boolean test(String value) {
      switch (operator) {
        case "equals":
          return values.contains(value);
        case "prefix":
          return values.stream().anyMatch(value::startsWith);
        case "matches":
          return pattern.matcher(value).matches();
        default:
          return isUnder(value);
      }
    }

    private boolean isUnder(String value) {
      Path path;
      try {
        path = Path.of(value);
      } catch (InvalidPathException e) {
        return false;
      }
      if (!path.isAbsolute()) {
        return false;
      }
      if (hasDotDotSegment(value)) {
        return false;
      }
      Path normalized = path.normalize();
      if (!inside(normalized)) {
        return false;
      }
      try {
        return inside(normalized.toRealPath());
      } catch (IOException e) {
        // Nothing there (the provider will say "not found"): the lexical check is what applies.
        return true;
      }
    }

    private boolean inside(Path path) {
      for (Path dir : directories) {
        if (path.startsWith(dir) && !path.equals(dir)) {
          return true;
        }
      }
      return false;
    }

    String failure() {
      switch (operator) {
        case "equals":
          return "is not one of " + values;
        case "prefix":
          return "does not start with one of " + values;
        case "matches":
          return "does not match " + values.get(0);
        default:
          return "is not an absolute path inside " + values;
      }
    }

    @Override
    public String toString() {
      return parameter + " " + operator + " " + String.join("|", values);
    }
  }

  /** Builds a {@link SecretsPolicy}. */
  public static final class Builder {
    private final Map<String, List<Rule>> rules = new LinkedHashMap<>();
    private boolean otherProviders;

    private Builder() {}

    /** Allows every request to {@code provider}. */
    public Builder allow(String provider) {
      return allow(provider, rule -> { });
    }

    /**
     * Allows requests to {@code provider} whose rendered parameters meet the constraints that
     * {@code constraints} adds. Call it again for the same provider to add an alternative.
     *
     * @throws IllegalArgumentException if the slug or a constraint is invalid
     */
    public Builder allow(String provider, Consumer<Rule.Builder> constraints) {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(constraints, "constraints");
      if (!io.github.secrets4j.internal.Slugs.isValid(provider)) {
        throw new IllegalArgumentException("invalid provider slug \"" + provider + "\"");
      }
      Rule.Builder rule = new Rule.Builder();
      constraints.accept(rule);
      rules.computeIfAbsent(provider, p -> new ArrayList<>())
          .add(new Rule(provider, List.copyOf(rule.constraints), rule.source));
      return this;
    }

    /** Lets requests to providers that no rule names through (by default they are refused). */
    public Builder allowOtherProviders() {
      this.otherProviders = true;
      return this;
    }

    /** Builds the policy. */
    public SecretsPolicy build() {
      Map<String, List<Rule>> copy = new LinkedHashMap<>();
      rules.forEach((provider, list) -> copy.put(provider, List.copyOf(list)));
      return new SecretsPolicy(Collections.unmodifiableMap(copy), otherProviders);
    }
  }
}
