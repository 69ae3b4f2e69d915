package io.github.secrets4j;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One secret declared in a definition file, as {@link Secrets#definitions()} lists it: its names,
 * its kind and where its value lives, never a value.
 *
 * <p>A secret is either read from a provider ({@link Provided}: {@code provider:} and
 * {@code parameters:}) or managed in a store ({@link Stored}: {@code store:}, {@code key:},
 * {@code labels:}, {@code value:}), which reconcile writes.
 *
 * @param name the secret's name, unique among all loaded definitions
 * @param slug its slug, given or derived from the name as Nautobot does; unique
 * @param description its description, empty when none
 * @param kind the name of its kind, {@value SecretMetadata#DEFAULT_KIND} unless given
 * @param definition the {@code metadata.name} of the file that declares it
 * @param location where it is declared, {@code source:line:column}
 * @param origin where its value lives
 */
public record SecretDefinition(String name, String slug, String description, String kind,
    String definition, String location, Origin origin) {

  /**
   * Checks that no component is null.
   *
   * @param name the secret's name
   * @param slug its slug
   * @param description its description, empty when none
   * @param kind the name of its kind
   * @param definition the {@code metadata.name} of the file that declares it
   * @param location where it is declared
   * @param origin where its value lives
   * @throws NullPointerException if a component is null
   */
  public SecretDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(origin, "origin");
  }

  /**
   * Returns the slug of the provider the secret is read through: its {@code provider}, or for a
   * store-managed one its {@code store}.
   *
   * @return the provider's slug
   */
  public String provider() {
    return origin instanceof Stored stored ? stored.store() : ((Provided) origin).provider();
  }

  /**
   * Returns the store-managed part, when the secret is one.
   *
   * @return its store, key, labels and value source; empty for a secret read from a provider
   */
  public Optional<Stored> stored() {
    return origin instanceof Stored stored ? Optional.of(stored) : Optional.empty();
  }

  /** Where a defined secret's value lives. */
  public sealed interface Origin permits Provided, Stored {}

  /**
   * A secret read from a provider.
   *
   * @param provider the provider's slug
   * @param parameters the parameters, templates rendered with {@code obj} at each read, in file
   *     order
   */
  public record Provided(String provider, Map<String, String> parameters) implements Origin {
    /**
     * Checks and copies the components.
     *
     * @param provider the provider's slug
     * @param parameters the parameters
     * @throws NullPointerException if a component, a name or a value is null
     */
    public Provided {
      Objects.requireNonNull(provider, "provider");
      parameters = copy(parameters, "parameters");
    }
  }

  /**
   * A secret managed in a store: reconcile writes {@code value} under {@code key} with the kind,
   * description and labels as metadata. Read back through the store's own read parameters for the
   * key, as {@link SecretStore#secret(String)} does.
   *
   * @param store the slug of the provider that stores it
   * @param key the key it is stored under (the slug unless the file gives one)
   * @param labels the labels of its metadata, in file order
   * @param value where its value comes from
   */
  public record Stored(String store, String key, Map<String, String> labels,
      SecretValueSource value) implements Origin {
    /**
     * Checks and copies the components.
     *
     * @param store the slug of the provider that stores it
     * @param key the key
     * @param labels the labels
     * @param value where its value comes from
     * @throws NullPointerException if a component, a label name or value is null
     */
    public Stored {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(key, "key");
      labels = copy(labels, "labels");
      Objects.requireNonNull(value, "value");
    }
  }

  static <K, V> Map<K, V> copy(Map<K, V> map, String what) {
    Objects.requireNonNull(map, what);
    Map<K, V> copy = new LinkedHashMap<>();
    for (Map.Entry<K, V> entry : map.entrySet()) {
      copy.put(Objects.requireNonNull(entry.getKey(), what),
          Objects.requireNonNull(entry.getValue(), what));
    }
    return Collections.unmodifiableMap(copy);
  }
}
