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
  /**
   * Checks the components: none may be null and the name must not be blank.
   *
   * @param name the parameter name, for example {@code "path"}
   * @param required whether the runtime rejects a secret without it before calling the provider
   * @param description what the parameter means, for documentation and tools
   * @throws NullPointerException if {@code name} or {@code description} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public ParameterSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    if (name.isBlank()) {
      throw new IllegalArgumentException("parameter name must not be blank");
    }
  }

  /**
   * Returns a required parameter: the runtime refuses a secret without it.
   *
   * @param name the parameter name, for example {@code "path"}
   * @param description what the parameter means
   * @return the parameter's description, with {@code required} true
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static ParameterSpec required(String name, String description) {
    return new ParameterSpec(name, true, description);
  }

  /**
   * Returns an optional parameter.
   *
   * @param name the parameter name, for example {@code "version"}
   * @param description what the parameter means, including its default
   * @return the parameter's description, with {@code required} false
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static ParameterSpec optional(String name, String description) {
    return new ParameterSpec(name, false, description);
  }
}
