package io.github.secrets4j.examples;

import io.github.secrets4j.AccessType;
import io.github.secrets4j.SecretKind;
import io.github.secrets4j.SecretType;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.SecretsPlan;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A definition file ({@code netops-example.yaml}, shipped with the examples) on a private
 * {@code encrypted-file} store: the plan, its apply, a second plan without changes, a value read
 * by its kind and a target's variable names. Prints the user name, no password, token or
 * {@code env} value.
 */
public final class DeclaredSecrets {
  private DeclaredSecrets() {}

  /**
   * Runs the example with the store and the files under {@code base}, the runtime seeing
   * {@code environment} as its environment variables.
   */
  public static void run(Map<String, String> environment, Path base, PrintStream out) {
    Path folder = base.resolve("declared");
    Path definitions = folder.resolve("netops-example.yaml");
    try (InputStream in = DeclaredSecrets.class.getResourceAsStream("netops-example.yaml")) {
      Files.createDirectories(folder);
      Files.copy(in, definitions);
      Files.writeString(folder.resolve("app.env"),
          "DB_HOST=db.example.net\nDB_PASSWORD=demo-app-env-password\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Secrets secrets = Secrets.builder()
        .setting("secrets4j.encrypted-file.path", folder.resolve("store.json").toString())
        .environment(environment)
        .definitions(definitions)
        .build()) {
      SecretsPlan plan = secrets.plan();
      plan.toText().lines().forEach(line -> out.println(("[declared] " + line).stripTrailing()));
      out.println("[declared] applied: " + plan.apply().size() + " changes");
      out.println("[declared] a second plan has changes: " + secrets.plan().hasChanges());

      Map<String, String> appEnv = secrets.defined("app-env").getValue(null, SecretKind.ENV);
      appEnv.forEach((name, value) -> out.println("[declared] app-env " + name + ": " + Masked.mask(value)));
      out.println("[declared] sync-token: " + Masked.mask(secrets.defined("sync-token").getValue()));
      out.println("[declared] napalm username: "
          + secrets.definedGroup("napalm").getSecretValue(AccessType.GENERIC, SecretType.USERNAME));
      out.println("[declared] target netops-job env: " + secrets.target("netops-job").env().keySet());
    }
  }

  /** Runs the example in a fresh temporary folder, with the process environment. */
  public static void main(String[] args) throws IOException {
    run(System.getenv(), Files.createTempDirectory("secrets4j-declared"), System.out);
  }
}
