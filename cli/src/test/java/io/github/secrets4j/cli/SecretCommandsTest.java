package io.github.secrets4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.secrets4j.Secrets;
import io.github.secrets4j.StoredSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCommandsTest {
  @TempDir
  Path home;
  Shell shell;

  @BeforeEach
  void setUp() {
    shell = new Shell(home);
  }

  /** The store the shell writes to, read through the library. */
  private StoredSecret stored(String key) {
    try (Secrets secrets = Secrets.builder().environment(shell.env).build()) {
      return secrets.store().describe(key).orElseThrow();
    }
  }

  private String value(String key) {
    try (Secrets secrets = Secrets.builder().environment(shell.env).build()) {
      return secrets.store().secret(key).getValue();
    }
  }

  @Test
  void aValueOnTheCommandLineIsStoredWithAWarningAboutShellHistory() {
    Shell.Result result = shell.run("secret", "add", "db", "hunter2");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("Stored \"db\" in encrypted-file, version 1.\n");
    assertThat(result.err()).isEqualTo("secrets4j: warning: a VALUE on the command line lands in "
        + "shell history and is visible in ps; use @FILE or - (stdin)\n");
    assertThat(value("db")).isEqualTo("hunter2");
  }

  @Test
  void aValueFromStdinIsStoredAsItIsWithoutAWarning() {
    Shell.Result result = shell.stdin("line one\nline two\n").run("secret", "add", "cert", "-");

    assertThat(result.code()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(value("cert")).isEqualTo("line one\nline two\n");
  }

  @Test
  void aValueFromAFileIsStoredAndEachPutIsANewVersion() {
    Path file = shell.write("token.txt", "t0ken");
    shell.run("secret", "add", "token", "@" + file);
    Shell.Result result = shell.run("secret", "add", "token", "@" + file);

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("Stored \"token\" in encrypted-file, version 2.\n");
    assertThat(result.err()).isEmpty();
    assertThat(value("token")).isEqualTo("t0ken");
  }

  @Test
  void aMissingFileIsOneErrorLine() {
    Shell.Result result = shell.run("secret", "add", "token", "@" + home.resolve("nope"));

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo(
        "secrets4j: UncheckedIOException: Cannot read file \"$HOME/nope\": NoSuchFileException\n");
  }

  @Test
  void aValueOverOneMebibyteOrNotUtf8IsRefusedAndNothingIsStored() {
    byte[] big = new byte[Values.MAX_BYTES + 1];
    Arrays.fill(big, (byte) 'a');
    Shell.Result tooBig = shell.stdin(big).run("secret", "add", "big", "-");
    Shell.Result latin1 = shell.stdin(new byte[] {'c', 'a', 'f', (byte) 0xE9})
        .run("secret", "add", "latin", "-");

    assertThat(tooBig.code()).isEqualTo(1);
    assertThat(tooBig.err()).isEqualTo("secrets4j: IllegalArgumentException: The value in stdin "
        + "is larger than 1 MiB\n");
    assertThat(latin1.code()).isEqualTo(1);
    assertThat(latin1.err()).isEqualTo("secrets4j: IllegalArgumentException: The value in stdin "
        + "is not UTF-8 text\n");
    assertThat(shell.run("secret", "ls", "--json").out()).isEqualTo("[]\n");
  }

  @Test
  void aValueOfExactlyOneMebibyteIsStored() {
    byte[] max = new byte[Values.MAX_BYTES];
    Arrays.fill(max, (byte) 'a');
    assertThat(shell.stdin(max).run("secret", "add", "max", "-").code()).isZero();
    assertThat(value("max")).hasSize(Values.MAX_BYTES);
  }

  @Test
  void kindDescriptionAndLabelsAreStored() {
    Shell.Result result = shell.stdin("A=1\nB=2\n").run("secret", "add", "--kind", "env",
        "--description", "app env", "--label", "team=core", "--label", "tier=1", "app", "-");

    assertThat(result.code()).isZero();
    StoredSecret entry = stored("app");
    assertThat(entry.metadata().kind()).isEqualTo("env");
    assertThat(entry.metadata().description()).contains("app env");
    assertThat(entry.metadata().labels()).isEqualTo(Map.of("team", "core", "tier", "1"));
  }

  @Test
  void aValueItsKindRefusesIsAnErrorAndNothingIsStored() {
    Shell.Result result = shell.stdin("not env").run("secret", "add", "--kind", "env", "app", "-");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).startsWith("secrets4j: IllegalArgumentException: ")
        .doesNotContain("not env").endsWith("\n").hasLineCount(1);
    assertThat(shell.run("secret", "ls", "--json").out()).isEqualTo("[]\n");
  }

  @Test
  void lsPrintsTheGoldenTable() {
    shell.stdin("x").run("secret", "add", "db/password", "-");
    shell.stdin("y").run("secret", "add", "--kind", "opaque", "api-token", "-");
    shell.stdin("z").run("secret", "add", "api-token", "-");
    shell.stdin("w").run("secret", "add", "rtl\u202e" + "x".repeat(100), "-");
    try (Secrets secrets = Secrets.builder().environment(shell.env)
        .timeSource(InstantSource.fixed(Shell.NOW.plusSeconds(60))).build()) {
      secrets.forPrincipal("bob").store().put("owned", "v");
    }

    Shell.Result result = shell.run("secret", "ls");

    assertThat(result.code()).isZero();
    assertThat(result.err()).isEmpty();
    Shell.assertGolden("ls.txt", result.out());
  }

  @Test
  void lsJsonPrintsTheGoldenArray() {
    shell.stdin("x").run("secret", "add", "db/password", "-");
    shell.stdin("y").run("secret", "add", "api-token", "-");
    shell.stdin("z").run("secret", "add", "api-token", "-");
    shell.stdin("w").run("secret", "add", "caf\u00e9", "-");
    try (Secrets secrets = Secrets.builder().environment(shell.env)
        .timeSource(InstantSource.fixed(Shell.NOW.plusSeconds(60))).build()) {
      secrets.forPrincipal("bob").store().put("owned", "v");
    }

    Shell.Result result = shell.run("secret", "ls", "--json");

    assertThat(result.code()).isZero();
    Shell.assertGolden("ls.json", result.out());
  }

  @Test
  void anEmptyStoreListsTheHeaderOnly() {
    assertThat(shell.run("secret", "ls").out()).isEqualTo("KEY  KIND  VERSION  UPDATED  OWNER\n");
  }

  @Test
  void rmRemovesAndAMissingKeyIsAnError() {
    shell.stdin("x").run("secret", "add", "db", "-");

    Shell.Result removed = shell.run("secret", "rm", "db");
    Shell.Result again = shell.run("secret", "rm", "db");

    assertThat(removed.code()).isZero();
    assertThat(removed.out()).isEqualTo("Removed \"db\" from encrypted-file.\n");
    assertThat(again.code()).isEqualTo(1);
    Shell.assertGolden("rm-missing.err", again.err());
  }

  @Test
  void shareAndUnshareChangeTheGrants() {
    shell.stdin("x").run("secret", "add", "db", "-");

    Shell.Result shared = shell.run("secret", "share", "db", "alice");
    assertThat(shared.code()).isZero();
    assertThat(shared.out()).isEqualTo("Shared \"db\" in encrypted-file with \"alice\".\n");
    assertThat(stored("db").grants()).containsExactly("alice");
    try (Secrets secrets = Secrets.builder().environment(shell.env).build()) {
      assertThat(secrets.forPrincipal("alice").store().secret("db").getValue()).isEqualTo("x");
    }

    Shell.Result unshared = shell.run("secret", "unshare", "db", "alice");
    assertThat(unshared.code()).isZero();
    assertThat(unshared.out()).isEqualTo("Unshared \"db\" in encrypted-file with \"alice\".\n");
    assertThat(stored("db").grants()).isEmpty();

    Shell.Result missing = shell.run("secret", "share", "nope", "alice");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).startsWith("secrets4j: SecretValueNotFoundError: ");
  }

  @Test
  void storeOptionAndSetPickAnotherStore() throws Exception {
    Path root = home.resolve("files");
    Shell.Result result = shell.stdin("v").run("--set",
        "secrets4j.text-file.store-root=" + root, "secret", "add", "--store", "text-file", "k",
        "-");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("Stored \"k\" in text-file, version 1.\n");
    assertThat(Files.readString(root.resolve("k"))).isEqualTo("v");
    assertThat(shell.run("secret", "ls", "--json").out()).isEqualTo("[]\n");
  }

  @Test
  void setWinsOverTheEnvironment() {
    Path root = home.resolve("files");
    shell.env.put("SECRETS4J_STORE", "text-file");
    shell.env.put("SECRETS4J_TEXT_FILE_STORE_ROOT", root.toString());

    Shell.Result viaEnv = shell.stdin("a").run("secret", "add", "k", "-");
    Shell.Result viaSet = shell.stdin("b").run("--set", "secrets4j.store=encrypted-file",
        "secret", "add", "k", "-");

    assertThat(viaEnv.out()).isEqualTo("Stored \"k\" in text-file, version 1.\n");
    assertThat(viaSet.out()).isEqualTo("Stored \"k\" in encrypted-file, version 1.\n");
  }

  @Test
  void onlyTheBuiltInKindsAreKnown() {
    Shell.Result result = shell.stdin("x").run("secret", "add", "--kind", "tls", "cert", "-");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).startsWith("secrets4j: IllegalArgumentException: Key \"cert\": "
        + "unknown kind \"tls\" (known: env, opaque)");
  }
}
