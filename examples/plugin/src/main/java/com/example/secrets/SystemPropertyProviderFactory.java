package com.example.secrets;

import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretsProvider;
import io.github.secrets4j.spi.SecretsProviderFactory;

/** Found by {@link java.util.ServiceLoader} through {@code META-INF/services}. */
public final class SystemPropertyProviderFactory implements SecretsProviderFactory {
  @Override
  public String slug() {
    return "system-property";
  }

  @Override
  public SecretsProvider create(ProviderContext context) {
    return new SystemPropertyProvider();
  }
}
