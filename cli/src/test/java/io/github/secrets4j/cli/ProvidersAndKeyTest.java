package io.github.secrets4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvidersAndKeyTest {
  @TempDir
  Path home;

  @Test
  void providersListsEveryPublishedProviderWithItsParameters() {
    Shell.Result result = new Shell(home).run("providers");

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .contains("encrypted-file (Encrypted File), can store\n"
            + "  key      required  The key the value is stored under\n"
            + "  version  optional  A kept version of the value (1 for the first put); the "
            + "latest when absent\n")
        .contains("environment-variable (Environment Variable)\n"
            + "  variable  required  The name of the environment variable\n")
        .contains("text-file (Text File)\n"
            + "  path  required  The absolute path of the file holding the value\n")
        .contains("hashicorp-vault (HashiCorp Vault), can store\n  path ")
        .contains("aws-secrets-manager (AWS Secrets Manager), can store\n  name ");
  }

  @Test
  void keyRotateKeepsEveryValueAndChangesTheKeyFile() throws Exception {
    Shell shell = new Shell(home);
    shell.stdin("v1").run("secret", "add", "db", "-");
    Path keyFile = home.resolve("store.key");
    String before = Files.readString(keyFile);

    Shell.Result result = shell.run("key", "rotate");

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("Rotated the key of the encrypted-file store.\n");
    assertThat(Files.readString(keyFile)).isNotEqualTo(before);
    assertThat(shell.run("get", "secret:db").rawOut()).isEqualTo("v1");
  }

  @Test
  void keyRotateRefusesAnInlineKey() throws Exception {
    Shell shell = new Shell(home);
    shell.stdin("v1").run("secret", "add", "db", "-");
    Path keyFile = home.resolve("store.key");
    shell.env.put("SECRETS4J_ENCRYPTED_FILE_KEY", Files.readString(keyFile));
    Files.delete(keyFile);

    Shell.Result result = shell.run("key", "rotate");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).startsWith("secrets4j: IllegalStateException: ").hasLineCount(1);
    assertThat(shell.run("get", "secret:db").rawOut()).isEqualTo("v1");
  }

  @Test
  void aProviderThatCannotBeCreatedShowsItsErrorLine() {
    Shell.Result result = new Shell(home).run("--set", "secrets4j.encrypted-file.max-versions=lots",
        "providers");

    assertThat(result.code()).isZero();
    assertThat(result.out()).containsPattern("(?m)^encrypted-file\n  cannot be created: "
        + "SecretProviderError: .*max-versions.*\n")
        .contains("environment-variable (Environment Variable)\n");
  }
}
