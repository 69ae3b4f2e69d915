package io.github.secrets4j;

import io.github.secrets4j.internal.Slugs;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A named set of secrets, each in a slot keyed by (access type, secret type): the username and
 * password for NETCONF, the token for HTTP(S). A slot holds at most one secret.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows a value.
 */
public final class SecretsGroup {
  private final String name;
  private final String slug;
  private final String description;
  private final Map<Slot, Secret> secrets;

  private SecretsGroup(Builder builder, String slug) {
    this.name = builder.name;
    this.slug = slug;
    this.description = builder.description;
    this.secrets = Collections.unmodifiableMap(new LinkedHashMap<>(builder.secrets));
  }

  /**
   * Returns a builder of a group whose secrets resolve through the runtimes they were built
   * with. {@link Secrets#group(String)} makes one whose secrets all resolve through that runtime.
   *
   * @param name the group's name
   * @return the builder
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static Builder builder(String name) {
    return new Builder(null, name);
  }

  /**
   * Returns the human-readable name the group was built with.
   *
   * @return the name, never blank
   */
  public String name() {
    return name;
  }

  /**
   * Returns the slug: as given, or derived from the name.
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
   * Returns the secret in the slot (access type, secret type), if there is one. Asks no provider.
   *
   * @param accessType the slot's access type, such as {@link AccessType#GENERIC}
   * @param secretType the slot's secret type, such as {@link SecretType#PASSWORD}
   * @return the secret, or empty when the slot is empty
   */
  public Optional<Secret> secret(AccessType accessType, SecretType secretType) {
    return Optional.ofNullable(secrets.get(new Slot(accessType, secretType)));
  }

  /**
   * Returns the value of the secret in the slot, without an object.
   *
   * @param accessType the slot's access type
   * @param secretType the slot's secret type
   * @return the value, never {@code null}
   * @throws SecretsGroupError if the slot is empty, naming the group and the slot
   * @throws SecretError as {@link Secret#getValue()} does
   */
  public String getSecretValue(AccessType accessType, SecretType secretType) {
    return getSecretValue(accessType, secretType, null);
  }

  /**
   * Returns the value of the secret in the slot, rendered for {@code obj}.
   *
   * @param accessType the slot's access type
   * @param secretType the slot's secret type
   * @param obj the object the secret is wanted for, or {@code null}
   * @return the value, never {@code null}
   * @throws SecretsGroupError if the slot is empty, naming the group and the slot
   * @throws SecretError as {@link Secret#getValue(Object)} does
   */
  public String getSecretValue(AccessType accessType, SecretType secretType, Object obj) {
    Secret secret = secrets.get(new Slot(accessType, secretType));
    if (secret == null) {
      throw new SecretsGroupError(name, accessType, secretType);
    }
    return secret.getValue(obj);
  }

  /** Shows name, slug and the occupied slots with their secrets' names. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("SecretsGroup{name=\"").append(name)
        .append("\", slug=\"").append(slug).append("\", secrets={");
    String separator = "";
    for (Map.Entry<Slot, Secret> entry : secrets.entrySet()) {
      text.append(separator).append(entry.getKey()).append("=\"")
          .append(entry.getValue().name()).append('"');
      separator = ", ";
    }
    return text.append("}}").toString();
  }

  private record Slot(AccessType accessType, SecretType secretType) {
    Slot {
      Objects.requireNonNull(accessType, "accessType");
      Objects.requireNonNull(secretType, "secretType");
    }

    @Override
    public String toString() {
      return accessType.value() + "/" + secretType.value();
    }
  }

  /** Builds a {@link SecretsGroup}; setters check their argument at once. */
  public static final class Builder {
    private final Secrets runtime;
    private final String name;
    private String slug;
    private String description = "";
    private final Map<Slot, Secret> secrets = new LinkedHashMap<>();

    /** A builder whose secrets are bound to {@code runtime}, or keep their own when null. */
    Builder(Secrets runtime, String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("group name must not be blank");
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
     * Sets the description.
     *
     * @param description the description
     * @return this builder
     */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /**
     * Puts a secret in the slot (access type, secret type). In a group made by
     * {@link Secrets#group(String)} the secret is bound to that runtime (or view) first.
     *
     * @param accessType the slot's access type
     * @param secretType the slot's secret type
     * @param secret the secret to put there
     * @return this builder
     * @throws IllegalArgumentException if the slot already holds a secret, naming the slot
     */
    public Builder secret(AccessType accessType, SecretType secretType, Secret secret) {
      Objects.requireNonNull(secret, "secret");
      Slot slot = new Slot(accessType, secretType);
      Secret existing = secrets.putIfAbsent(slot, runtime == null ? secret : secret.boundTo(runtime));
      if (existing != null) {
        throw new IllegalArgumentException("Secrets group \"" + name + "\" already has a secret for "
            + "access type \"" + accessType.value() + "\" and secret type \""
            + secretType.value() + "\" (\"" + existing.name() + "\")");
      }
      return this;
    }

    /**
     * Builds the group.
     *
     * @return the group, immutable
     * @throws IllegalStateException if no slug can be derived from the name
     */
    public SecretsGroup build() {
      String slug = this.slug != null ? this.slug : Slugs.slugify(name);
      if (slug.isEmpty()) {
        throw new IllegalStateException("Secrets group \"" + name
            + "\": no slug can be derived from the name; set one with .slug(...)");
      }
      return new SecretsGroup(this, slug);
    }
  }
}
