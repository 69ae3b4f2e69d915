package io.github.secrets4j.internal;

import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.internal.template.ParameterTemplates;
import io.github.secrets4j.spi.SecretRequest;
import java.util.Map;

/**
 * What the runtime needs of a secret to resolve it: names, provider, and the parameters compiled
 * once. Immutable; it holds no value, no runtime and no object. For an untemplated secret the
 * request without an object is built once, here, since nothing about it can change.
 */
public final class SecretSpec {
  private final String name;
  private final String slug;
  private final String provider;
  private final ParameterTemplates templates;
  private final SecretRequest bareRequest;

  /**
   * Compiles the parameters.
   *
   * @throws SecretParametersError naming the parameter whose template does not parse
   */
  public SecretSpec(String name, String slug, String provider, Map<String, String> parameters) {
    this.name = name;
    this.slug = slug;
    this.provider = provider;
    try {
      this.templates = ParameterTemplates.compile(parameters);
    } catch (ParameterTemplates.ParameterException e) {
      throw new SecretParametersError(name, provider, e.reason());
    }
    this.bareRequest = templates.isTemplated() ? null
        : SecretRequest.of(name, slug, provider, templates.render(null), null);
  }

  /** Returns the secret's name. */
  public String name() {
    return name;
  }

  /** Returns the provider's slug. */
  public String provider() {
    return provider;
  }

  /**
   * Returns the request for {@code obj}: the parameters rendered once.
   *
   * @throws SecretParametersError naming the parameter that failed to render and why
   */
  public SecretRequest request(Object obj) {
    if (bareRequest != null) {
      return obj == null ? bareRequest
          : SecretRequest.of(name, slug, provider, bareRequest.parameters(), obj);
    }
    return SecretRequest.of(name, slug, provider, render(obj), obj);
  }

  /**
   * Returns the parameters rendered for {@code obj}, unmodifiable, in definition order.
   *
   * @throws SecretParametersError naming the parameter that failed to render and why
   */
  public Map<String, String> render(Object obj) {
    try {
      return templates.render(obj);
    } catch (ParameterTemplates.ParameterException e) {
      throw new SecretParametersError(name, provider, e.reason());
    }
  }

  /** Returns whether {@code rendered} may be a rendering of these parameters. */
  public boolean mayHaveRendered(Map<String, String> rendered) {
    return templates.mayHaveRendered(rendered);
  }

  @Override
  public String toString() {
    return "SecretSpec{name=\"" + name + "\", provider=\"" + provider + "\"}";
  }
}
