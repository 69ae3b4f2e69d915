package io.github.secrets4j.encryptedfile;

import io.github.secrets4j.Secrets;
import io.github.secrets4j.encryptedfile.internal.EncryptedFileEngine;
import io.github.secrets4j.encryptedfile.internal.EntryMetadata;
import io.github.secrets4j.testkit.SecretsProviderContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The provider contract, the writable group included, against a store in a fresh temp folder. */
class EncryptedFileProviderContractTest extends SecretsProviderContract {
  private final Path folder;
  private final EncryptedFileEngine seeder;

  EncryptedFileProviderContractTest() {
    try {
      folder = Files.createTempDirectory("secrets4j-encrypted-file-contract");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    seeder = EncryptedFileEngine.withKeyFile(folder.resolve("store.json"), folder.resolve("store.key"), 5);
  }

  @Override
  protected String slug() {
    return "encrypted-file";
  }

  @Override
  protected Map<String, String> seed(String key, String value) {
    seeder.put(key, value, EntryMetadata.empty(), Optional.empty());
    return Map.of("key", key);
  }

  @Override
  protected Map<String, String> absent(String key) {
    return Map.of("key", key);
  }

  @Override
  protected Secrets newSecrets() {
    return Secrets.builder().setting(EncryptedFileProvider.PATH, folder.resolve("store.json").toString())
        .build();
  }

  @Override
  protected boolean writable() {
    return true;
  }
}
