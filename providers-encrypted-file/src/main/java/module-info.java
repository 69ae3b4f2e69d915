/**
 * The embedded encrypted-file store of secrets4j: one local JSON file whose values are encrypted
 * with Google Tink.
 */
module io.github.secrets4j.provider.encryptedfile {
  requires transitive io.github.secrets4j;
  requires com.google.crypto.tink;
  requires com.fasterxml.jackson.databind;

  exports io.github.secrets4j.encryptedfile;

  provides io.github.secrets4j.spi.SecretsProviderFactory
      with io.github.secrets4j.encryptedfile.EncryptedFileProviderFactory;
}
