package io.github.secrets4j.encryptedfile;

import io.github.secrets4j.encryptedfile.internal.EncryptedFileEngine;
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
}
