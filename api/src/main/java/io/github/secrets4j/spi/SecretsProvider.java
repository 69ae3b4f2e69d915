package io.github.secrets4j.spi;

import java.util.List;
import java.util.Optional;

/**
 * Fetches secret values from one kind of store: the environment, files, a vault.
 *
 * <p>Contract for implementers:
 * <ul>
 *   <li>{@link #getValue} is called from many threads at once and must be thread-safe.
 *   <li>The runtime has already rendered the parameters, checked that every
 *       {@linkplain ParameterSpec#required() required} one is present and not blank, and called
 *       {@link #authorize}. But a provider can also be called directly (a host application
 *       holds it, a test calls it): restrictions of its own (allowed prefixes, allowed
 *       directories) are enforced in {@link #getValue} itself, on every call, with a
 *       {@link Restriction}.
 *   <li>Report failures with {@link io.github.secrets4j.SecretParametersError},
 *       {@link io.github.secrets4j.SecretValueNotFoundError} or
 *       {@link io.github.secrets4j.SecretProviderError} (the {@link SecretRequest} has helpers);
 *       anything else is wrapped in a plain {@link io.github.secrets4j.SecretError}.
 *   <li>Never put a value, token or password in an exception message, a log line or a
 *       {@code toString()}.
 * </ul>
 */
public interface SecretsProvider extends AutoCloseable {
  /**
   * Returns the slug secrets use to name this provider, for example {@code "text-file"}.
   *
   * @return the slug: lower-case letters, digits, {@code -} and {@code _}
   */
  String slug();

  /**
   * Returns a human-readable name, for example {@code "Text File"}.
   *
   * @return the name; the slug by default
   */
  default String name() {
    return slug();
  }

  /**
   * Returns the parameters this provider understands. The runtime refuses a request that lacks a
   * required one before it calls {@link #getValue}.
   *
   * @return the parameters; none are declared by default
   */
  default List<ParameterSpec> parameters() {
    return List.of();
  }

  /**
   * Returns how long the runtime may cache this provider's values unless settings say otherwise:
   * {@link CachePolicy#none()} by default, right for local stores; remote providers declare a
   * few minutes.
   *
   * @return this provider's default cache policy
   */
  default CachePolicy cachePolicy() {
    return CachePolicy.none();
  }

  /**
   * An early check of a request, before any cached value or backend is touched. The runtime
   * calls it on every request, after the required parameters are checked and before its own
   * policies; nothing else does, so it cannot replace the check in {@link #getValue}: a
   * restriction enforced only here does not hold for a caller that has the provider itself.
   * The built-in providers enforce their restrictions in {@code getValue} and do not override
   * this (one check per request). Allows everything by default.
   *
   * @param request the request, its parameters rendered
   * @throws io.github.secrets4j.SecretAccessDeniedError ({@link SecretRequest#accessDenied}) when
   *     the request is refused
   * @throws io.github.secrets4j.SecretParametersError when a parameter is malformed
   */
  default void authorize(SecretRequest request) {}

  /**
   * Fetches one value.
   *
   * @param request the secret, its rendered parameters and the object it is wanted for
   * @return the value, never {@code null} (an empty string is a value)
   * @throws io.github.secrets4j.SecretError when the value cannot be had
   */
  String getValue(SecretRequest request);

  /**
   * Returns the write side of this provider, when it can store secrets: what
   * {@code Secrets.store(slug)} uses. A provider whose writability depends on settings (a store
   * root) decides when it is created.
   *
   * @return the writer; empty by default (the provider only reads)
   */
  default Optional<SecretWriter> writer() {
    return Optional.empty();
  }

  /** Releases clients, connections and credentials; called once by {@code Secrets.close()}. */
  @Override
  default void close() {}
}
