package io.github.secrets4j.examples;

import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretMetadata;
import io.github.secrets4j.SecretStore;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.StoredSecret;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded default store ({@code encrypted-file}) in a folder of its own: put, list, read
 * through a {@code Secret}, grant to a principal, remove. Prints no value.
 */
public final class LocalStore {
  private LocalStore() {}

  /** Runs the example with a store file under {@code base}. */
  public static void run(Path base, PrintStream out) {
    Path storeFile = base.resolve("local-store").resolve("store.json");
    try (Secrets secrets = Secrets.builder()
        .setting("secrets4j.encrypted-file.path", storeFile.toString())
        .build()) {
      SecretStore store = secrets.store(); // secrets4j.store: encrypted-file by default
      StoredSecret put = store.put("db/password", "demo-local-store-password",
          SecretMetadata.builder().description("The inventory database").label("team", "netops").build());
      out.println("[store] put " + put.key() + " version " + put.version() + " in " + store.provider());
      store.put("db/password", "demo-local-store-password-2", put.metadata()); // a put replaces the metadata
      for (StoredSecret entry : store.list()) {
        out.println("[store] listed " + entry.key() + " version " + entry.version()
            + ", description: " + entry.metadata().description().orElse("-"));
      }
      out.println("[store] value: " + Masked.mask(store.secret("db/password").getValue()));
      out.println("[store] key file created next to the store: "
          + Files.exists(storeFile.resolveSibling("store.key")));

      SecretStore alice = secrets.forPrincipal("alice").store();
      alice.put("alice/token", "demo-alice-token");
      SecretStore bob = secrets.forPrincipal("bob").store();
      try {
        bob.secret("alice/token").getValue();
      } catch (SecretAccessDeniedError e) {
        out.println("[store] bob before the grant: " + e.getClass().getSimpleName());
      }
      alice.grant("alice/token", "bob");
      out.println("[store] bob after the grant: " + Masked.mask(bob.secret("alice/token").getValue()));

      out.println("[store] removed: " + store.remove("db/password") + ", left: "
          + store.list().stream().map(StoredSecret::key).toList());
    }
  }

  /** Runs the example in a fresh temporary folder. */
  public static void main(String[] args) throws java.io.IOException {
    run(Files.createTempDirectory("secrets4j-local-store"), System.out);
  }
}
