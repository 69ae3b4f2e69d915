package io.github.secrets4j.spi;

import java.util.Objects;

/**
 * Describes one parameter a provider understands.
 *
 * @param name the parameter name, for example {@code "path"}
 * @param required whether the runtime rejects a secret without it
 *     ({@code The "path" parameter is mandatory!}) before calling the provider
 * @param description what the parameter means, for documentation and tools
 */
public record ParameterSpec(String name, boolean required, String description) {
  /** Checks the components: none may be null and the name must not be blank. */
  public ParameterSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    if (name.isBlank()) {
      throw new IllegalArgumentException("parameter name must not be blank");
    }
  }

  /** Returns a required parameter. */
  public static ParameterSpec required(String name, String description) {
    return new ParameterSpec(name, true, description);
  }

  /** Returns an optional parameter. */
  public static ParameterSpec optional(String name, String description) {
    return new ParameterSpec(name, false, description);
  }
}
