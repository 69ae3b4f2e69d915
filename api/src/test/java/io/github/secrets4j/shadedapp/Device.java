package io.github.secrets4j.shadedapp;

/**
 * A class of an application (or of secrets4j's benchmarks) in a package under
 * {@code io.github.secrets4j}, loaded by {@code ShadedJarTest} as if shaded into secrets4j's jar.
 */
public final class Device {
  private final String name = "csr1";

  /** @return the device's name */
  public String getName() {
    return name;
  }
}
