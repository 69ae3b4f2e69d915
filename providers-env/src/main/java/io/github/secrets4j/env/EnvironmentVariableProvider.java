package io.github.secrets4j.env;

import io.github.secrets4j.SecretsPolicy;
import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretsProvider;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads a secret from an environment variable: slug {@code environment-variable}, parameter
 * {@code variable}.
 *
 * <p>An unset variable is a {@link io.github.secrets4j.SecretValueNotFoundError}
 * ({@code Undefined environment variable "NAME"!}); an empty value is a value. With the setting
 * {@code secrets4j.environment-variable.allowed-prefixes} (a comma-separated list), a rendered
 * variable name that starts with none of the prefixes is refused by the runtime, through
 * {@link #policy()}, with a {@link io.github.secrets4j.SecretAccessDeniedError} naming the
 * variable and the setting, and the environment is not read.
 *
 * <p>Variables are read through the runtime's {@link ProviderContext#environmentVariable}: the
 * process environment unless the runtime was given another. Thread-safe; caches nothing.
 */
public final class EnvironmentVariableProvider implements SecretsProvider {
  /** The slug, {@code environment-variable}. */
  public static final String SLUG = "environment-variable";

  /** The setting that restricts which variables may be read. */
  public static final String ALLOWED_PREFIXES = "secrets4j.environment-variable.allowed-prefixes";

  private static final List<ParameterSpec> PARAMETERS =
      List.of(ParameterSpec.required("variable", "The name of the environment variable"));

  private final ProviderContext context;
  private final List<String> allowedPrefixes;
  private final SecretsPolicy policy;

  private EnvironmentVariableProvider(ProviderContext context) {
    this.context = context;
    this.allowedPrefixes =
        context.setting(ALLOWED_PREFIXES)
            .map(value -> Arrays.stream(value.split(",")).map(String::strip)
                .filter(prefix -> !prefix.isEmpty()).toList())
            .orElse(List.of());
    this.policy = allowedPrefixes.isEmpty() ? SecretsPolicy.allowAll()
        : SecretsPolicy.builder().allowOtherProviders()
            .allow(SLUG, rule -> rule.describedBy(ALLOWED_PREFIXES)
                .prefix("variable", allowedPrefixes.toArray(new String[0])))
            .build();
  }

  /**
   * Creates the provider for a runtime.
   *
   * @param context the runtime's settings and environment
   */
  public static EnvironmentVariableProvider create(ProviderContext context) {
    return new EnvironmentVariableProvider(Objects.requireNonNull(context, "context"));
  }

  @Override
  public String slug() {
    return SLUG;
  }

  @Override
  public String name() {
    return "Environment Variable";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /** Returns the rule {@value #ALLOWED_PREFIXES} makes; the runtime checks it before {@link #getValue}. */
  @Override
  public SecretsPolicy policy() {
    return policy;
  }

  /** Returns the prefixes a variable must start with; empty when every variable may be read. */
  public List<String> allowedPrefixes() {
    return allowedPrefixes;
  }

  @Override
  public String getValue(SecretRequest request) {
    String variable = request.parameter("variable");
    if (variable.indexOf('=') >= 0 || variable.indexOf('\0') >= 0) {
      throw request.parametersError(
          "\"" + printable(variable) + "\" is not a valid environment variable name");
    }
    return context.environmentVariable(variable)
        .orElseThrow(() -> request.notFound(
            "Undefined environment variable \"" + printable(variable) + "\"!"));
  }

  /**
   * The text as it may appear in an error message: NUL as {@code \\0}, other control and
   * invisible format characters (line breaks, bidi overrides) as {@code \\uXXXX}, so a hostile
   * name cannot forge log lines or hide what it is.
   */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        out.append("\\0");
      } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
          || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "EnvironmentVariableProvider{allowedPrefixes=" + allowedPrefixes + "}";
  }
}
