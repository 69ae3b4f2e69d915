package io.github.secrets4j.spi;

/**
 * The service that {@link java.util.ServiceLoader} discovers: it names a provider slug and creates
 * the provider on demand.
 *
 * <p>Contract for implementers: a public no-argument constructor that does no I/O and cannot
 * fail. {@link #create} is called the first time a secret names {@link #slug()}, at most once per
 * {@code Secrets} runtime while it succeeds, so an unused or broken plugin on the class path breaks
 * nothing else. Declare the factory in {@code META-INF/services/io.github.secrets4j.spi.SecretsProviderFactory}
 * and, in a named module, with {@code provides io.github.secrets4j.spi.SecretsProviderFactory with ...}.
 */
public interface SecretsProviderFactory {
  /**
   * Returns the slug of the provider this factory creates, for example {@code "text-file"}.
   * Called during discovery: must not fail or do I/O.
   *
   * @return the slug, equal to the created provider's {@link SecretsProvider#slug()}
   */
  String slug();

  /**
   * Creates the provider.
   *
   * @param context settings and environment of the runtime creating it
   * @return a provider whose {@link SecretsProvider#slug()} equals {@link #slug()}
   * @throws RuntimeException if the provider cannot be created; the runtime reports it as a
   *     {@link io.github.secrets4j.SecretProviderError} and tries again on the next request
   */
  SecretsProvider create(ProviderContext context);
}
