package io.github.secrets4j.testkit;

import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretsProvider;
import io.github.secrets4j.spi.SecretsProviderFactory;

/**
 * Discovers an empty {@link InMemorySecretsProvider} for runtimes that find providers with
 * {@link java.util.ServiceLoader}; fill it through {@code secrets.provider("in-memory")}.
 */
public final class InMemorySecretsProviderFactory implements SecretsProviderFactory {
  /** For {@link java.util.ServiceLoader}. */
  public InMemorySecretsProviderFactory() {}

  @Override
  public String slug() {
    return InMemorySecretsProvider.SLUG;
  }

  @Override
  public SecretsProvider create(ProviderContext context) {
    return InMemorySecretsProvider.create();
  }
}
