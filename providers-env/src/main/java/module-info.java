/** The environment-variable provider of secrets4j. */
module io.github.secrets4j.provider.env {
  requires transitive io.github.secrets4j;

  exports io.github.secrets4j.env;

  provides io.github.secrets4j.spi.SecretsProviderFactory
      with io.github.secrets4j.env.EnvironmentVariableProviderFactory;
}
