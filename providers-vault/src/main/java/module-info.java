/**
 * The HashiCorp Vault provider for secrets4j (slug {@code hashicorp-vault}): KV v1 and v2 reads
 * with token, AppRole or Kubernetes authentication, one reused HTTP client and one reused,
 * renewed token per configured Vault.
 */
module io.github.secrets4j.vault {
  requires transitive io.github.secrets4j;
  requires vault.java.driver;
  requires java.net.http;
  requires org.slf4j;

  exports io.github.secrets4j.vault;

  provides io.github.secrets4j.spi.SecretsProviderFactory
      with io.github.secrets4j.vault.HashiCorpVaultProviderFactory;
}
