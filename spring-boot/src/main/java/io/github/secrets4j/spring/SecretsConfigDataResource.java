package io.github.secrets4j.spring;

import io.github.secrets4j.spi.UntrustedText;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.config.ConfigDataResource;

/**
 * One {@code secrets4j:} import, parsed: which property each reference gives. Holds names and
 * references, never a value.
 */
public final class SecretsConfigDataResource extends ConfigDataResource {
  private final String location;
  private final boolean optional;
  private final Map<String, Reference> references;

  SecretsConfigDataResource(String location, boolean optional, Map<String, Reference> references) {
    super(optional);
    this.location = location;
    this.optional = optional;
    this.references = Collections.unmodifiableMap(new LinkedHashMap<>(references));
  }

  /**
   * Returns the import as written after {@code secrets4j:} ({@code optional:} not included).
   *
   * @return the location's value, such as {@code db.password=secret:db-password}
   */
  public String location() {
    return location;
  }

  /**
   * Tells whether the import was {@code optional:secrets4j:...}.
   *
   * @return true if a secret that is not found makes Spring Boot skip the import
   */
  public boolean optional() {
    return optional;
  }

  Map<String, Reference> references() {
    return references;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecretsConfigDataResource that && location.equals(that.location)
        && optional == that.optional;
  }

  @Override
  public int hashCode() {
    return Objects.hash(location, optional);
  }

  /** The location, escaped and bounded. */
  @Override
  public String toString() {
    return "secrets4j:" + UntrustedText.escape(location, 200);
  }
}
