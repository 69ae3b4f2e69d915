package io.github.secrets4j;

import io.github.secrets4j.internal.template.SecretSpec;
import io.github.secrets4j.internal.Slugs;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A secret: where a value lives, never the value itself.
 *
 * <p>A secret names a provider (by slug) and parameters that tell the provider where the value is.
 * Each parameter may be a Jinja template with one variable, {@code obj}, the object the secret is
 * wanted for: {@code /opt/secrets/{{ obj.site.slug }}/{{ obj.name }}.txt}. {@link #getValue(Object)}
 * renders the parameters and asks the provider.
 *
 * <p>Templates are strict and sandboxed: an undefined value ({@code obj.x} when there is no such
 * property, or when no object was given) is a {@link SecretParametersError}, never an empty
 * string; templates can read properties (map entries, record components, getters) and apply
 * filters, and nothing else. A parameter without <code>{{</code>, <code>{%</code> or <code>{#</code> never
 * touches the template engine.
 *
 * <p>Immutable and thread-safe: it holds its definition and the runtime it resolves through,
 * nothing else (no value, no memo). Equal when name, slug, description, provider, parameters and
 * runtime are equal, since only then do two secrets behave alike. {@link #toString()} shows name,
 * slug and provider, never a value.
 */
public final class Secret {
  private final Secrets runtime;
  private final String name;
  private final String slug;
  private final String description;
  private final String provider;
  private final Map<String, String> parameters;
  private final SecretSpec spec;

  private Secret(Builder builder, String slug, Secrets runtime) {
    this.runtime = runtime;
    this.name = builder.name;
    this.slug = slug;
    this.description = builder.description;
    this.provider = builder.provider;
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.parameters));
    this.spec = new SecretSpec(name, slug, provider, parameters);
  }

  /** A copy of {@code secret} bound to {@code runtime}. */
  private Secret(Secret secret, Secrets runtime) {
    this.runtime = runtime;
    this.name = secret.name;
    this.slug = secret.slug;
    this.description = secret.description;
    this.provider = secret.provider;
    this.parameters = secret.parameters;
    this.spec = secret.spec;
  }

  /**
   * Returns a builder of a secret bound to the shared {@link Secrets#defaults()} runtime. Use
   * {@link Secrets#secret(String)} to bind one to a runtime of your own.
   *
   * @param name the unique, human-readable name, for example {@code "NAPALM Secret"}
   * @return a new builder; name a provider before {@code build()}
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static Builder builder(String name) {
    return new Builder(null, name);
  }

  /**
   * Returns the human-readable name the secret was built with.
   *
   * @return the name, never blank
   */
  public String name() {
    return name;
  }

  /**
   * Returns the slug: as given, or derived from the name ("NAPALM Secret" gives
   * {@code napalm-secret}).
   *
   * @return the slug: lower-case letters, digits, {@code -} and {@code _}
   */
  public String slug() {
    return slug;
  }

  /**
   * Returns the description.
   *
   * @return the description; empty when none was given
   */
  public String description() {
    return description;
  }

  /**
   * Returns the slug of the provider that holds the value.
   *
   * @return the provider's slug, for example {@code environment-variable}
   */
  public String provider() {
    return provider;
  }

  /**
   * Returns the parameters as defined, templates unrendered.
   *
   * @return the parameters' names and values, unmodifiable, in insertion order
   */
  public Map<String, String> parameters() {
    return parameters;
  }

  /**
   * Returns the parameters rendered for {@code obj}, as the provider would receive them. Asks no
   * provider and so reveals no value: use it to check a definition.
   *
   * @param obj the object the secret is wanted for, or {@code null}
   * @return the rendered parameters, unmodifiable, in definition order
   * @throws SecretParametersError if a template fails to render (naming the parameter and why)
   */
  public Map<String, String> renderedParameters(Object obj) {
    return spec.render(obj);
  }

  /**
   * Returns the value, without an object: any template that mentions {@code obj} fails.
   *
   * @return the value, never {@code null}
   * @throws SecretError or one of its subclasses when the value cannot be had
   */
  public String getValue() {
    return getValue(null);
  }

  /**
   * Renders the parameters with {@code obj} in scope and asks the provider for the value.
   *
   * @param obj the object the secret is wanted for (a map, a record or a JavaBean), or {@code null}
   * @return the value, never {@code null}
   * @throws SecretParametersError if a parameter is missing or a template fails
   * @throws SecretValueNotFoundError if the provider works but has no such value
   * @throws SecretProviderError if the provider is missing, misconfigured or failing
   * @throws SecretError if the provider failed unexpectedly (the cause is attached)
   * @throws IllegalStateException if the runtime is closed
   */
  public String getValue(Object obj) {
    return (runtime != null ? runtime : Secrets.defaults()).resolve(spec, obj);
  }

  /**
   * Returns the value for {@code obj}, as {@link #getValue(Object)}, parsed by {@code kind}: for
   * example {@code secret.getValue(obj, SecretKind.ENV)} returns the variables of an {@code env}
   * value. The request goes the same way as {@link #getValue(Object)} (caching, policies), and the
   * raw value is cached, not the parsed one: each call parses again.
   *
   * @param <T> the type of a value of the kind
   * @param obj the object the secret is wanted for (a map, a record or a JavaBean), or {@code null}
   * @param kind the kind the value must be of
   * @return the parsed value, never {@code null}
   * @throws NullPointerException if {@code kind} is null
   * @throws SecretValueInvalidError if the kind refuses the value; its message names the secret,
   *     the provider and the kind and says what is wrong, never the value
   * @throws SecretParametersError if a parameter is missing or a template fails
   * @throws SecretValueNotFoundError if the provider works but has no such value
   * @throws SecretProviderError if the provider is missing, misconfigured or failing
   * @throws SecretError if the provider or the kind failed unexpectedly (the cause is attached,
   *     without its message), or a kind's own secret failed (a password of a key)
   * @throws IllegalStateException if the runtime is closed
   */
  public <T> T getValue(Object obj, SecretKind<T> kind) {
    Objects.requireNonNull(kind, "kind");
    return (runtime != null ? runtime : Secrets.defaults()).resolve(spec, obj, kind);
  }

  /** Returns this secret bound to {@code runtime} (itself when it already is). */
  Secret boundTo(Secrets runtime) {
    return runtime == this.runtime ? this : new Secret(this, runtime);
  }

  /** Returns the compiled definition the runtime resolves. */
  SecretSpec spec() {
    return spec;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Secret)) {
      return false;
    }
    Secret that = (Secret) other;
    return name.equals(that.name)
        && slug.equals(that.slug)
        && description.equals(that.description)
        && provider.equals(that.provider)
        && parameters.equals(that.parameters)
        && runtime == that.runtime;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, slug, provider, parameters, System.identityHashCode(runtime));
  }

  /** Shows name, slug and provider; never a value, and not the parameters. */
  @Override
  public String toString() {
    return "Secret{name=\"" + name + "\", slug=\"" + slug + "\", provider=\"" + provider + "\"}";
  }

  /**
   * Builds a {@link Secret}. Setters check their argument at once; {@link #build()} checks that a
   * provider was named and that every template parses.
   */
  public static final class Builder {
    private final Secrets runtime;
    private final String name;
    private String slug;
    private String description = "";
    private String provider;
    private final Map<String, String> parameters = new LinkedHashMap<>();

    Builder(Secrets runtime, String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("secret name must not be blank");
      }
      this.runtime = runtime;
      this.name = name;
    }

    /**
     * Sets the slug instead of deriving it from the name.
     *
     * @param slug the slug to use
     * @return this builder
     * @throws IllegalArgumentException if it is not lower-case letters, digits, {@code -} and
     *     {@code _}
     */
    public Builder slug(String slug) {
      this.slug = Slugs.requireValid(slug, "slug");
      return this;
    }

    /**
     * Sets the description, free text that {@link Secret#toString()} does not show.
     *
     * @param description the description
     * @return this builder
     */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /**
     * Names the provider that holds the value, for example {@code "environment-variable"}.
     *
     * @param slug the provider's slug
     * @return this builder
     * @throws IllegalArgumentException if the slug is blank
     */
    public Builder provider(String slug) {
      Objects.requireNonNull(slug, "provider");
      if (slug.isBlank()) {
        throw new IllegalArgumentException("provider slug must not be blank");
      }
      this.provider = slug.strip();
      return this;
    }

    /**
     * Sets one parameter; the value may be a Jinja template.
     *
     * @param name the parameter's name, such as {@code path} or {@code variable}
     * @param value the parameter's value or template, such as {@code /run/{{ obj.name }}.txt}
     * @return this builder
     * @throws IllegalArgumentException if the name is blank
     */
    public Builder parameter(String name, String value) {
      Objects.requireNonNull(name, "parameter name");
      if (value == null) {
        throw new NullPointerException("value of parameter \"" + name + "\"");
      }
      if (name.isBlank()) {
        throw new IllegalArgumentException("parameter name must not be blank");
      }
      parameters.put(name, value);
      return this;
    }

    /**
     * Sets several parameters, in the map's iteration order, as {@link #parameter(String,
     * String)} does for each.
     *
     * @param parameters the parameters' names and values or templates
     * @return this builder
     * @throws IllegalArgumentException if a name or value is not a string (raw maps) or a name is
     *     blank
     */
    public Builder parameters(Map<String, String> parameters) {
      Objects.requireNonNull(parameters, "parameters");
      // Definitions read from JSON or YAML arrive through raw maps: check every entry's type.
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) parameters).entrySet()) {
        Object name = entry.getKey();
        Object value = entry.getValue();
        if (name != null && !(name instanceof String)) {
          throw new IllegalArgumentException("parameter names must be strings, not "
              + name.getClass().getSimpleName());
        }
        if (value != null && !(value instanceof String)) {
          throw new IllegalArgumentException("parameter \"" + name + "\" must be a string (a "
              + "template), not a " + value.getClass().getSimpleName());
        }
        parameter((String) name, (String) value);
      }
      return this;
    }

    /**
     * Builds the secret. A builder made by {@link Secrets#secret(String)} also checks that its
     * runtime knows the provider slug (without creating the provider), as Nautobot refuses an
     * unknown provider when a secret is saved; one made by {@link Secret#builder(String)} is bound
     * to the shared runtime only at its first use, so its slug is checked then.
     *
     * @return the secret, immutable
     * @throws IllegalStateException if no provider was named, or no slug can be derived from the name
     * @throws SecretParametersError if a template does not parse (naming the parameter)
     * @throws SecretProviderError if the runtime the builder came from has no provider under the
     *     slug (naming it and the available slugs)
     */
    public Secret build() {
      if (provider == null) {
        throw new IllegalStateException("Secret \"" + name + "\": a provider is required "
            + "(for example .provider(\"environment-variable\"))");
      }
      String slug = this.slug != null ? this.slug : Slugs.slugify(name);
      if (slug.isEmpty()) {
        throw new IllegalStateException("Secret \"" + name
            + "\": no slug can be derived from the name; set one with .slug(...)");
      }
      if (runtime != null) {
        runtime.requireProvider(provider, name);
      }
      return new Secret(this, slug, runtime);
    }
  }
}
