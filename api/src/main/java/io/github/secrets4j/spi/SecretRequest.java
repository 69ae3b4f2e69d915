package io.github.secrets4j.spi;

import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.internal.FrozenMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request for a value, as a provider receives it: the secret, its parameters already rendered
 * for the object, and the object itself.
 *
 * <p>Immutable and thread-safe. It holds no value, so its {@code toString()} is safe to log; it
 * shows the parameter names, not their rendered text.
 */
public final class SecretRequest {
  private final Secret secret;
  private final Map<String, String> parameters;
  private final Object obj;

  private SecretRequest(Secret secret, Map<String, String> parameters, Object obj) {
    this.secret = secret;
    this.parameters = parameters;
    this.obj = obj;
  }

  /**
   * Creates a request; the runtime does this, and so can tests of a provider.
   *
   * @param secret the secret asked for
   * @param renderedParameters its parameters after rendering (copied)
   * @param obj the object the secret is wanted for, or {@code null}
   */
  public static SecretRequest of(Secret secret, Map<String, String> renderedParameters, Object obj) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(renderedParameters, "renderedParameters");
    // Rendered parameters are frozen already: requests share them instead of copying.
    return new SecretRequest(secret, FrozenMap.of(renderedParameters), obj);
  }

  /** Returns the secret asked for. */
  public Secret secret() {
    return secret;
  }

  /** Returns the object the secret is wanted for, if one was given. */
  public Optional<Object> obj() {
    return Optional.ofNullable(obj);
  }

  /** Returns the rendered parameters, unmodifiable, in definition order. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /**
   * Returns a required parameter.
   *
   * @throws SecretParametersError {@code The "NAME" parameter is mandatory!} when it is absent or
   *     blank
   */
  public String parameter(String name) {
    Objects.requireNonNull(name, "name");
    String value = parameters.get(name);
    if (value == null || value.isBlank()) {
      throw parametersError("The \"" + name + "\" parameter is mandatory!");
    }
    return value;
  }

  /** Returns a parameter, or empty when it is absent or blank. */
  public Optional<String> optionalParameter(String name) {
    Objects.requireNonNull(name, "name");
    String value = parameters.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** Returns a {@link SecretValueNotFoundError} for this secret; the reason must hold no value. */
  public SecretValueNotFoundError notFound(String reason) {
    return new SecretValueNotFoundError(secret.name(), secret.provider(), reason);
  }

  /** Returns a {@link SecretParametersError} for this secret; the reason must hold no value. */
  public SecretParametersError parametersError(String reason) {
    return new SecretParametersError(secret.name(), secret.provider(), reason);
  }

  /** Returns a {@link SecretProviderError} for this secret; the reason must hold no value. */
  public SecretProviderError providerError(String reason) {
    return new SecretProviderError(secret.name(), secret.provider(), reason);
  }

  /**
   * Returns a {@link SecretProviderError} for this secret with a cause (may be {@code null});
   * neither the reason nor the cause's message may hold a value.
   */
  public SecretProviderError providerError(String reason, Throwable cause) {
    return new SecretProviderError(secret.name(), secret.provider(), reason, cause);
  }

  /** Shows the secret's name, its provider and the parameter names; never a rendered value. */
  @Override
  public String toString() {
    return "SecretRequest{secret=\"" + secret.name() + "\", provider=\"" + secret.provider()
        + "\", parameters=" + parameters.keySet() + ", obj=" + (obj == null ? "none" : "given") + "}";
  }
}
