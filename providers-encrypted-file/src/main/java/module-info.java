/**
 * The embedded encrypted-file store of secrets4j: one local JSON file whose values are encrypted
 * with Google Tink.
 */
module io.github.secrets4j.provider.encryptedfile {
  requires transitive io.github.secrets4j;
  requires com.google.crypto.tink;
  requires com.fasterxml.jackson.databind;

  exports io.github.secrets4j.encryptedfile;
  // The SPI glue (provider factory, SecretWriter) comes with the store API of issue 11.
}
