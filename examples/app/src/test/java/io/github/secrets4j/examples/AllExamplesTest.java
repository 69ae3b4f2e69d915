package io.github.secrets4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.secrets4j.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the examples as the run-examples profile does, with the same environment, and checks what they print. */
class AllExamplesTest {
  @TempDir Path base;

  @Test
  void examplesPrintWhatTheReadmeShows() throws Exception {
    Map<String, String> environment = Map.of(
        "GIT_TOKEN_GOLDEN_CONFIG", "ghp_demo_golden_config_token",
        "NAPALM_USERNAME", "netops",
        "NAPALM_PASSWORD", "demo-napalm-password",
        "NAPALM_SECRET", "demo-enable-secret");
    System.setProperty("example.api-key", "demo-api-key-from-a-system-property");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Secrets secrets = Secrets.builder().environment(environment).build();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      AllExamples.run(secrets, environment, base, out);
    } finally {
      System.clearProperty("example.api-key");
    }
    String output = bytes.toString(StandardCharsets.UTF_8);
    assertThat(output)
        .contains("[file] rendered path for csr1 at nyc: " + base + "/device_passwords/nyc/csr1.txt")
        .contains("[file] value: ****** (18 characters), matches the file: true")
        .contains("[env] variable for golden-config: GIT_TOKEN_GOLDEN_CONFIG")
        .contains("[group] NAPALM username: netops")
        .contains("[plugin] providers on the class path: [encrypted-file, environment-variable, system-property, text-file]")
        .contains("[plugin] provider name: System Property")
        .contains("[errors] SecretValueNotFoundError: Secret \"NAPALM Secret\" (provider "
            + "\"environment-variable\"): Undefined environment variable \"NAPALM_SECRET_UNSET\"!")
        .contains("[errors] SecretParametersError: Secret \"No Variable\" (provider "
            + "\"environment-variable\"): The \"variable\" parameter is mandatory!")
        .contains("obj.site is undefined")
        .contains("[errors] SecretProviderError: Secret \"Vaulted\" (provider \"hashicorp-vault\"): "
            + "No registered provider \"hashicorp-vault\" is available")
        .contains("method calls are not allowed")
        .contains("[errors] SecretsGroupError: Secrets group \"Device Credentials\": no secret for "
            + "access type \"SSH\" and secret type \"private-key\"")
        .contains("[store] put db/password version 1 in encrypted-file")
        .contains("[store] listed db/password version 2, description: The inventory database")
        .contains("[store] value: ****** (27 characters)")
        .contains("[store] key file created next to the store: true")
        .contains("[store] bob before the grant: SecretAccessDeniedError")
        .contains("[store] bob after the grant: ****** (16 characters)")
        .contains("[store] removed: true, left: [alice/token]")
        .contains("[declared]   + \"sync-token\" in encrypted-file, key \"tokens/sync\"\n"
            + "[declared]       new entry; value (sensitive) generated (40 characters, hex)\n")
        .contains("[declared]       new entry; value (sensitive) from environment variable NAPALM_PASSWORD")
        .contains("[declared] Plan: 3 to create, 0 to update, 0 to replace, 0 to delete, 0 in conflict, 0 unchanged.")
        .contains("[declared] applied: 3 changes")
        .contains("[declared] a second plan has changes: false")
        .contains("[declared] app-env DB_HOST: ****** (14 characters)")
        .contains("[declared] app-env DB_PASSWORD: ****** (21 characters)")
        .contains("[declared] sync-token: ****** (40 characters)")
        .contains("[declared] napalm username: netops")
        .contains("[declared] target netops-job env: [NAPALM_USERNAME, NAPALM_PASSWORD, SYNC_TOKEN]")
        .doesNotContain("[errors] (no error)")
        .doesNotContain("demo-napalm-password", "ghp_demo_golden_config_token", "csr1-demo-password",
            "demo-enable-secret", "demo-api-key-from-a-system-property", "demo-local-store-password",
            "demo-alice-token", "demo-app-env-password", "db.example.net");
  }
}
