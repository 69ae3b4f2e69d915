package io.github.secrets4j.cli;

import io.github.secrets4j.SecretStore;
import io.github.secrets4j.Secrets;
import picocli.CommandLine.Option;

/** The {@code --store SLUG} option of the {@code secret} commands. */
final class StoreOption {
  @Option(names = "--store", paramLabel = "SLUG",
      description = "The provider of the store, such as encrypted-file or hashicorp-vault. "
          + "Default: the setting secrets4j.store, else encrypted-file.")
  String slug;

  /** The store named, else the default one. */
  SecretStore store(Secrets secrets) {
    return slug == null ? secrets.store() : secrets.store(slug);
  }
}
