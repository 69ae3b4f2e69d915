package io.github.secrets4j.microprofile;

import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretReference;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.spi.UntrustedText;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A MicroProfile Config {@link ConfigSource} that answers only the property names it is made
 * with, each mapped to a secrets4j reference, and reads the value through the runtime's cache on
 * every {@link #getValue(String)}, so a rotated value shows up once its cache entry expires. It
 * never lists a store: {@link #getPropertyNames()} is the names it was given.
 *
 * <pre>
 * SmallRyeConfig config = new SmallRyeConfigBuilder()
 *     .withSources(SecretsConfigSource.of(secrets, Map.of("db.password", "secret:db-password")))
 *     .build();
 * </pre>
 *
 * <p>References are secrets4j's one grammar ({@link SecretReference}): {@code secret:KEY} (a key
 * of the default store), {@code KEY@STORE} (a key of the store of provider {@code STORE}),
 * {@code env:NAME}, {@code file:/path}, {@code group/NAME:ACCESS/TYPE} (a slot of a defined
 * group) or the name of a secret in the runtime's definition files. They are checked when the
 * source is made. Never prints a value.
 */
public final class SecretsConfigSource implements ConfigSource {
  /** The source's name, {@value}. */
  public static final String NAME = "secrets4j";

  private final Map<String, Secret> secrets;
  private final int ordinal;

  private SecretsConfigSource(Map<String, Secret> secrets, int ordinal) {
    this.secrets = secrets;
    this.ordinal = ordinal;
  }

  /**
   * Makes a source with the default ordinal ({@value ConfigSource#DEFAULT_ORDINAL}).
   *
   * @param runtime the runtime that resolves the references; the caller closes it
   * @param properties property names mapped to references, such as
   *     {@code db.password=secret:db-password}
   * @return the source
   * @throws NullPointerException if an argument, a name or a reference is null
   * @throws IllegalArgumentException if a reference is invalid or names no defined secret
   *     (naming the property), or a store cannot write
   * @throws io.github.secrets4j.SecretProviderError if a store's provider is not available
   */
  public static SecretsConfigSource of(Secrets runtime, Map<String, String> properties) {
    return of(runtime, properties, DEFAULT_ORDINAL);
  }

  /**
   * Makes a source with the given ordinal (sources with a higher one win).
   *
   * @param runtime the runtime that resolves the references; the caller closes it
   * @param properties property names mapped to references
   * @param ordinal the source's ordinal
   * @return the source
   * @throws NullPointerException if an argument, a name or a reference is null
   * @throws IllegalArgumentException if a reference is invalid or names no defined secret
   *     (naming the property), or a store cannot write
   * @throws io.github.secrets4j.SecretProviderError if a store's provider is not available
   */
  public static SecretsConfigSource of(Secrets runtime, Map<String, String> properties,
      int ordinal) {
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(properties, "properties");
    Map<String, Secret> secrets = new LinkedHashMap<>();
    for (Map.Entry<String, String> property : properties.entrySet()) {
      String name = Objects.requireNonNull(property.getKey(), "property name");
      try {
        String reference = Objects.requireNonNull(property.getValue(), "reference");
        secrets.put(name, SecretReference.parse(reference).secret(runtime));
      } catch (IllegalArgumentException e) {
        // The reason is a secrets4j message, escaped where it quotes a name.
        throw new IllegalArgumentException("Property \"" + UntrustedText.escape(name) + "\": "
            + e.getMessage(), e);
      }
    }
    return new SecretsConfigSource(Collections.unmodifiableMap(secrets), ordinal);
  }

  /**
   * Returns the property names this source was made with, never a store's keys.
   *
   * @return the names, unmodifiable
   */
  @Override
  public Set<String> getPropertyNames() {
    return secrets.keySet();
  }

  /**
   * Reads the secret mapped to {@code propertyName} through the runtime's cache.
   *
   * @param propertyName a property name
   * @return the value, or null when this source has no such property
   * @throws io.github.secrets4j.SecretError if the secret cannot be read (its message names the
   *     secret, never the value)
   */
  @Override
  public String getValue(String propertyName) {
    Secret secret = secrets.get(propertyName);
    return secret == null ? null : secret.getValue();
  }

  /**
   * Returns {@value #NAME}.
   *
   * @return the name
   */
  @Override
  public String getName() {
    return NAME;
  }

  /**
   * Returns the ordinal the source was made with.
   *
   * @return the ordinal
   */
  @Override
  public int getOrdinal() {
    return ordinal;
  }

  @Override
  public String toString() {
    // Names may come from a file: escaped, and at most 20 of them shown.
    StringBuilder names = new StringBuilder();
    int shown = 0;
    for (String name : secrets.keySet()) {
      if (shown == 20) {
        names.append(", ... (").append(secrets.size()).append(" in all)");
        break;
      }
      names.append(shown++ == 0 ? "" : ", ").append('"').append(UntrustedText.escape(name, 100))
          .append('"');
    }
    return "SecretsConfigSource{properties=[" + names + "], ordinal=" + ordinal + "}";
  }
}
