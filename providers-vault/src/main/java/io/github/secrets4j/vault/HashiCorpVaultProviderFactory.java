package io.github.secrets4j.vault;

import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretsProvider;
import io.github.secrets4j.spi.SecretsProviderFactory;

/**
 * Creates the {@link HashiCorpVaultProvider} ({@code hashicorp-vault}) for
 * {@link java.util.ServiceLoader} discovery. The constructor does nothing; {@link #create} does no
 * I/O either (Vaults are configured on first use).
 */
public final class HashiCorpVaultProviderFactory implements SecretsProviderFactory {
  /** For {@link java.util.ServiceLoader}. */
  public HashiCorpVaultProviderFactory() {}

  @Override
  public String slug() {
    return HashiCorpVaultProvider.SLUG;
  }

  @Override
  public SecretsProvider create(ProviderContext context) {
    return HashiCorpVaultProvider.create(context);
  }
}
