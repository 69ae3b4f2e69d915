package io.github.secrets4j.encryptedfile;

import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretsProvider;
import io.github.secrets4j.spi.SecretsProviderFactory;

/** Makes {@link EncryptedFileProvider} discoverable with {@link java.util.ServiceLoader}. */
public final class EncryptedFileProviderFactory implements SecretsProviderFactory {
  /** For {@link java.util.ServiceLoader}. */
  public EncryptedFileProviderFactory() {}

  @Override
  public String slug() {
    return EncryptedFileProvider.SLUG;
  }

  @Override
  public SecretsProvider create(ProviderContext context) {
    return EncryptedFileProvider.create(context);
  }
}
