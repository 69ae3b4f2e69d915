package io.github.secrets4j.encryptedfile;

import io.github.secrets4j.Secrets;
import io.github.secrets4j.encryptedfile.internal.EncryptedFileEngine;
import io.github.secrets4j.spi.SecretsProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Operations on encrypted-file stores that are not reads or writes of one secret.
 *
 * <p>The key is created together with the store on the first put; {@link #createKeyFile(Path)}
 * creates one ahead (for example to keep it elsewhere than next to the store).
 */
public final class EncryptedFileStores {
  private EncryptedFileStores() {}

  /**
   * Creates a new, random key file for an encrypted-file store: an AES-256-GCM and an HMAC-SHA256
   * Tink keyset and a new store id, mode 0600 (its folder 0700 when it is created). Never prints
   * the key.
   *
   * @param keyFile where to write the key file; must not exist
   * @throws java.nio.file.FileAlreadyExistsException when the file exists (a key is never
   *     overwritten)
   * @throws IOException when it cannot be written
   */
  public static void createKeyFile(Path keyFile) throws IOException {
    EncryptedFileEngine.createKeyFile(Objects.requireNonNull(keyFile, "keyFile"));
  }

  /**
   * Rotates the key of the encrypted-file store of {@code secrets}: adds a new primary key to the
   * key file, re-encrypts every kept version of every value and re-seals the store with it, and
   * only after that succeeded drops the old keys from the key file. Holds the store's lock
   * throughout, so other threads and processes wait; a crash at any point leaves a key file that
   * opens the store file. Values, versions, owners and grants do not change.
   *
   * @param secrets the runtime whose {@code encrypted-file} provider names the store
   * @throws IllegalArgumentException if the runtime has no {@code encrypted-file} provider, or it
   *     is not this module's
   * @throws IllegalStateException if the store's key is inline (setting
   *     {@code secrets4j.encrypted-file.key}): it cannot be rewritten from here
   * @throws io.github.secrets4j.SecretProviderError if the store or its key cannot be read or
   *     written; the store file is then intact
   */
  public static void rotateKey(Secrets secrets) {
    Objects.requireNonNull(secrets, "secrets");
    SecretsProvider provider = secrets.provider(EncryptedFileProvider.SLUG).orElseThrow(() ->
        new IllegalArgumentException("this runtime has no " + EncryptedFileProvider.SLUG + " provider"));
    if (!(provider instanceof EncryptedFileProvider encrypted)) {
      throw new IllegalArgumentException("the " + EncryptedFileProvider.SLUG + " provider of this runtime is "
          + provider.getClass().getName() + ", not " + EncryptedFileProvider.class.getName());
    }
    encrypted.engine().rotateKey();
  }
}
