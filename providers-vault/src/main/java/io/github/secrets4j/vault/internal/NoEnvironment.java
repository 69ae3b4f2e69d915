package io.github.secrets4j.vault.internal;

import io.github.jopenlibs.vault.EnvironmentLoader;

/**
 * An {@link EnvironmentLoader} that finds nothing. Without it, {@code VaultConfig.build()} reads
 * {@code VAULT_ADDR}, {@code VAULT_TOKEN} (or {@code ~/.vault-token}), {@code VAULT_OPEN_TIMEOUT},
 * {@code VAULT_READ_TIMEOUT}, {@code VAULT_SSL_VERIFY} and {@code VAULT_SSL_CERT} behind our back;
 * secrets4j reads the documented fallbacks itself, through the runtime's environment.
 */
public final class NoEnvironment extends EnvironmentLoader {
  private static final long serialVersionUID = 1L;

  /** The one instance. */
  public static final NoEnvironment INSTANCE = new NoEnvironment();

  private NoEnvironment() {}

  /** Returns {@code null}, always: no variable is ever found. */
  @Override
  public String loadVariable(String name) {
    return null;
  }
}
