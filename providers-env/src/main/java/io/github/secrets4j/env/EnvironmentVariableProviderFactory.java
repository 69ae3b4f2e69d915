package io.github.secrets4j.env;

import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretsProvider;
import io.github.secrets4j.spi.SecretsProviderFactory;

/** Makes {@link EnvironmentVariableProvider} discoverable with {@link java.util.ServiceLoader}. */
public final class EnvironmentVariableProviderFactory implements SecretsProviderFactory {
  /** For {@link java.util.ServiceLoader}. */
  public EnvironmentVariableProviderFactory() {}

  @Override
  public String slug() {
    return EnvironmentVariableProvider.SLUG;
  }

  @Override
  public SecretsProvider create(ProviderContext context) {
    return EnvironmentVariableProvider.create(context);
  }
}
