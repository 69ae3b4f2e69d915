package io.github.secrets4j.spi;

import io.github.secrets4j.SecretKind;
import java.util.List;

/**
 * Offers {@link SecretKind}s to every runtime that discovers it. Found with
 * {@link java.util.ServiceLoader} where providers are found (the module layer of secrets4j's api
 * module and the class loader of its classes, or the loader given to
 * {@code Secrets.builder().classLoader(...)}): declare the implementation in
 * {@code META-INF/services/io.github.secrets4j.spi.SecretKindProvider} and, in a named module, with
 * {@code provides io.github.secrets4j.spi.SecretKindProvider with ...}.
 *
 * <p>Implementations have a public no-argument constructor that does no I/O, and are asked once
 * per runtime, when it is built. A kind's name must be a slug of at most 64 chars, unique among
 * every kind a runtime knows ({@code opaque} and {@code env} are taken): two kinds with one name
 * make {@code Secrets.builder().build()} fail, naming both classes, unless the host wires one of
 * them with {@code Secrets.builder().kind(...)}, which wins.
 */
public interface SecretKindProvider {
  /**
   * Returns the kinds this plugin offers.
   *
   * @return the kinds, not {@code null}; may be empty
   */
  List<SecretKind<?>> kinds();
}
