package io.github.secrets4j.spi;

import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.internal.template.FrozenMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request for a value, as a provider receives it: the secret's name and slug, the provider's
 * slug, the parameters already rendered for the object, and the object itself.
 *
 * <p>The runtime builds one request per {@code getValue} call and hands the same instance to every
 * step (required parameters, the provider's {@link SecretsProvider#authorize} hook, the runtime's
 * policies, the cache, the provider). It names the secret but does not hold it, so a provider
 * cannot ask for another value through it.
 *
 * <p>Immutable and thread-safe. It holds no value, so its {@code toString()} is safe to log; it
 * shows the parameter names, not their rendered text.
 */
public final class SecretRequest {
  private final String secretName;
  private final String secretSlug;
  private final String provider;
  private final Map<String, String> parameters;
  private final Object obj;

  private SecretRequest(
      String secretName, String secretSlug, String provider, Map<String, String> parameters,
      Object obj) {
    this.secretName = secretName;
    this.secretSlug = secretSlug;
    this.provider = provider;
    this.parameters = parameters;
    this.obj = obj;
  }

  /**
   * Creates a request; the runtime does this, and so can tests of a provider.
   *
   * @param secretName the name of the secret asked for
   * @param secretSlug the slug of the secret asked for
   * @param provider the slug of the provider asked
   * @param renderedParameters the secret's parameters after rendering (copied unless already
   *     frozen by the runtime)
   * @param obj the object the secret is wanted for, or {@code null}
   * @return the request, immutable
   * @throws NullPointerException if an argument other than {@code obj} is null, or a parameter
   *     name or value is
   */
  public static SecretRequest of(String secretName, String secretSlug, String provider,
      Map<String, String> renderedParameters, Object obj) {
    Objects.requireNonNull(secretName, "secretName");
    Objects.requireNonNull(secretSlug, "secretSlug");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(renderedParameters, "renderedParameters");
    return new SecretRequest(secretName, secretSlug, provider, FrozenMap.of(renderedParameters), obj);
  }

  /**
   * Returns the name of the secret asked for, for example {@code "NAPALM Secret"}.
   *
   * @return the secret's name
   */
  public String secretName() {
    return secretName;
  }

  /**
   * Returns the slug of the secret asked for, for example {@code "napalm-secret"}.
   *
   * @return the secret's slug
   */
  public String secretSlug() {
    return secretSlug;
  }

  /**
   * Returns the slug of the provider asked, for example {@code "text-file"}.
   *
   * @return the provider's slug
   */
  public String provider() {
    return provider;
  }

  /**
   * Returns the object the secret is wanted for, if one was given.
   *
   * @return the object, or empty when the secret was resolved without one
   */
  public Optional<Object> obj() {
    return Optional.ofNullable(obj);
  }

  /**
   * Returns the rendered parameters.
   *
   * @return the parameters' names and rendered values, unmodifiable, in definition order
   */
  public Map<String, String> parameters() {
    return parameters;
  }

  /**
   * Returns a required parameter.
   *
   * @param name the parameter's name, such as {@code path}
   * @return the rendered value, never blank
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

  /**
   * Returns an optional parameter.
   *
   * @param name the parameter's name, such as {@code version}
   * @return the rendered value, or empty when it is absent or blank
   */
  public Optional<String> optionalParameter(String name) {
    Objects.requireNonNull(name, "name");
    String value = parameters.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /**
   * Returns a {@link SecretValueNotFoundError} for this secret, to throw.
   *
   * @param reason what is missing; must hold no value (escape rendered text with
   *     {@link ProviderContext#escape(CharSequence)})
   * @return the error, naming this secret and provider
   */
  public SecretValueNotFoundError notFound(String reason) {
    return new SecretValueNotFoundError(secretName, provider, reason);
  }

  /**
   * Returns a {@link SecretParametersError} for this secret, to throw.
   *
   * @param reason which parameter is wrong and why; must hold no value
   * @return the error, naming this secret and provider
   */
  public SecretParametersError parametersError(String reason) {
    return new SecretParametersError(secretName, provider, reason);
  }

  /**
   * Returns a {@link SecretAccessDeniedError} for this secret, for a provider that refuses a
   * request ({@link Restriction} uses it); the reason must hold no value.
   *
   * @param reason which rule refused the request; must hold no value
   * @return the error, naming this secret and provider
   */
  public SecretAccessDeniedError accessDenied(String reason) {
    return new SecretAccessDeniedError(secretName, provider, reason);
  }

  /**
   * Returns a {@link SecretProviderError} for this secret, to throw.
   *
   * @param reason what is misconfigured or failing; must hold no value
   * @return the error, naming this secret and provider
   */
  public SecretProviderError providerError(String reason) {
    return new SecretProviderError(secretName, provider, reason);
  }

  /**
   * Returns a {@link SecretProviderError} for this secret with a cause (may be {@code null});
   * neither the reason nor the cause's message may hold a value.
   *
   * @param reason what is misconfigured or failing; must hold no value
   * @param cause the underlying failure, or {@code null}
   * @return the error, naming this secret and provider
   */
  public SecretProviderError providerError(String reason, Throwable cause) {
    return new SecretProviderError(secretName, provider, reason, cause);
  }

  /** Shows the secret's name, its provider and the parameter names; never a rendered value. */
  @Override
  public String toString() {
    return "SecretRequest{secret=\"" + secretName + "\", provider=\"" + provider
        + "\", parameters=" + parameters.keySet() + ", obj=" + (obj == null ? "none" : "given") + "}";
  }
}
