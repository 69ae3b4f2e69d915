/** The text-file provider of secrets4j. */
module io.github.secrets4j.provider.file {
  requires transitive io.github.secrets4j;
  requires com.fasterxml.jackson.databind;

  exports io.github.secrets4j.file;

  provides io.github.secrets4j.spi.SecretsProviderFactory
      with io.github.secrets4j.file.TextFileProviderFactory;
}
