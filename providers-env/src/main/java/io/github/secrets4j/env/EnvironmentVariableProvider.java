package io.github.secrets4j.env;

import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.Restriction;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretsProvider;
import java.util.List;
import java.util.Objects;

/**
 * Reads a secret from an environment variable: slug {@code environment-variable}, parameter
 * {@code variable}.
 *
 * <p>An unset variable is a {@link io.github.secrets4j.SecretValueNotFoundError}
 * ({@code Undefined environment variable "NAME"!}); an empty value is a value. With the setting
 * {@code secrets4j.environment-variable.allowed-prefixes} (a comma-separated list), a rendered
 * variable name that starts with none of the prefixes is refused by {@link #getValue} with a
 * {@link io.github.secrets4j.SecretAccessDeniedError} naming the variable and the setting, and the
 * environment is not read: on every call, also when the provider is called directly rather than
 * through a runtime.
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
  private final Restriction restriction;

  private EnvironmentVariableProvider(ProviderContext context) {
    this.context = context;
    this.allowedPrefixes = context.listSetting(ALLOWED_PREFIXES);
    this.restriction = Restriction.prefix(SLUG, "variable", allowedPrefixes, ALLOWED_PREFIXES);
  }

  /**
   * Creates the provider for a runtime.
   *
   * @param context the runtime's settings and environment
   * @return the provider, reading {@value #ALLOWED_PREFIXES} from {@code context} once, now
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

  /**
   * Returns the prefixes a variable must start with, from {@value #ALLOWED_PREFIXES}.
   *
   * @return the prefixes, unmodifiable; empty when every variable may be read
   */
  public List<String> allowedPrefixes() {
    return allowedPrefixes;
  }

  /**
   * Reads the variable, after refusing a name outside {@value #ALLOWED_PREFIXES} (when set).
   *
   * @throws io.github.secrets4j.SecretAccessDeniedError if the name starts with none of the
   *     allowed prefixes
   */
  @Override
  public String getValue(SecretRequest request) {
    String variable = request.parameter("variable");
    restriction.check(request);
    if (variable.indexOf('=') >= 0 || variable.indexOf('\0') >= 0) {
      throw request.parametersError(
          "\"" + context.escape(variable) + "\" is not a valid environment variable name");
    }
    return context.environmentVariable(variable)
        .orElseThrow(() -> request.notFound(
            "Undefined environment variable \"" + context.escape(variable) + "\"!"));
  }

  @Override
  public String toString() {
    return "EnvironmentVariableProvider{allowedPrefixes=" + allowedPrefixes + "}";
  }
}
