package io.github.secrets4j.file;

import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretsProvider;
import io.github.secrets4j.spi.SecretsProviderFactory;

/** Makes {@link TextFileProvider} discoverable with {@link java.util.ServiceLoader}. */
public final class TextFileProviderFactory implements SecretsProviderFactory {
  /** For {@link java.util.ServiceLoader}. */
  public TextFileProviderFactory() {}

  @Override
  public String slug() {
    return TextFileProvider.SLUG;
  }

  @Override
  public SecretsProvider create(ProviderContext context) {
    return TextFileProvider.create(context);
  }
}
