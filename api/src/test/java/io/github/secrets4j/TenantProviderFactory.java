package io.github.secrets4j;

import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretsProvider;
import io.github.secrets4j.spi.SecretsProviderFactory;

/**
 * A factory a tenant's jar brings, on a class loader of its own: {@link DiscoveryClassLoaderTest}
 * puts it (class and services entry) in a jar built at test time. Deliberately not listed in the
 * test resources' services file, and a top-level class with no other class of its own, so that
 * its bytes alone can be defined by another loader.
 */
public final class TenantProviderFactory implements SecretsProviderFactory {
  /** The slug it claims. */
  public static final String SLUG = "tenant-probe";

  /** For {@link java.util.ServiceLoader}. */
  public TenantProviderFactory() {}

  @Override
  public String slug() {
    return SLUG;
  }

  @Override
  public SecretsProvider create(ProviderContext context) {
    throw new UnsupportedOperationException("a tenant's provider must never be created");
  }
}
