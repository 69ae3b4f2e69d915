/** An example third-party secrets4j provider. */
module com.example.secrets {
  requires io.github.secrets4j;

  provides io.github.secrets4j.spi.SecretsProviderFactory
      with com.example.secrets.SystemPropertyProviderFactory;
}
