/** The secrets4j test kit: an in-memory provider and the contract every provider passes. */
module io.github.secrets4j.testkit {
  requires transitive io.github.secrets4j;
  requires transitive org.junit.jupiter.api;
  requires org.assertj.core;
  requires transitive org.slf4j;

  exports io.github.secrets4j.testkit;

  opens io.github.secrets4j.testkit to org.junit.platform.commons;

  provides io.github.secrets4j.spi.SecretsProviderFactory
      with io.github.secrets4j.testkit.InMemorySecretsProviderFactory;
}
