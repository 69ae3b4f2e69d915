package io.github.secrets4j.encryptedfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.secrets4j.PlanOptions;
import io.github.secrets4j.PlannedChange;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.SecretsPlan;
import io.github.secrets4j.StoredSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reconcile of a definition file against the real encrypted-file store, across runtimes. */
class EncryptedFilePlanTest {
  @TempDir Path dir;

  private Secrets runtime(String dbPassword, String file) throws Exception {
    Path definitions = dir.resolve("app.yaml");
    Files.writeString(definitions, file);
    return Secrets.builder().setting(EncryptedFileProvider.PATH, dir.resolve("store.json").toString())
        .environment(Map.of("DB_PASSWORD", dbPassword)).definitions(definitions).build();
  }

  private static final String FILE = """
      apiVersion: secrets4j/v1
      kind: SecretsDefinition
      metadata: { name: app }
      secrets:
        - { name: db-password, store: encrypted-file, value: { fromEnv: DB_PASSWORD } }
        - { name: api-token, store: encrypted-file, key: tokens/api, value: { generate: { length: 24, alphabet: hex } } }
        - { name: web-cert, store: encrypted-file, value: { fromFile: web.pem } }
      grants:
        - { principal: alice, secrets: [ api-token ] }
      """;

  @Test
  void planApplyThenNothingToDoThenAnUpdateAndAPrune() throws Exception {
    Files.writeString(dir.resolve("web.pem"), "cert\n");
    String token;
    try (Secrets secrets = runtime("db-1", FILE)) {
      SecretsPlan plan = secrets.plan();
      assertThat(plan.changes()).extracting(PlannedChange::action)
          .containsOnly(PlannedChange.Action.CREATE).hasSize(3);
      assertThat(plan.apply()).hasSize(3);
      StoredSecret entry = secrets.store("encrypted-file").describe("tokens/api").orElseThrow();
      assertThat(entry.metadata().labels()).containsEntry(SecretsPlan.MANAGED_BY_LABEL, "app");
      assertThat(entry.grants()).containsExactly("alice");
      token = secrets.defined("api-token").getValue();
      assertThat(token).matches("[0-9a-f]{24}");
      assertThat(secrets.defined("web-cert").getValue()).isEqualTo("cert\n");
    }
    try (Secrets secrets = runtime("db-1", FILE)) {
      SecretsPlan again = secrets.plan();
      assertThat(again.hasChanges()).isFalse();
      assertThat(again.apply()).isEmpty();
    }
    try (Secrets secrets = runtime("db-2", FILE.replace(
        "  - { name: web-cert, store: encrypted-file, value: { fromFile: web.pem } }\n", ""))) {
      SecretsPlan plan = secrets.plan(PlanOptions.defaults().prune(true));
      assertThat(plan.changes()).extracting(c -> c.action() + " " + c.key()).containsExactly(
          "UPDATE db-password", "NOOP tokens/api", "DELETE web-cert");
      plan.apply();
      assertThat(secrets.defined("db-password").getValue()).isEqualTo("db-2");
      assertThat(secrets.defined("api-token").getValue()).isEqualTo(token);
      assertThat(secrets.store("encrypted-file").list()).extracting(StoredSecret::key)
          .containsExactlyInAnyOrder("db-password", "tokens/api");
      assertThat(secrets.plan(PlanOptions.defaults().prune(true)).hasChanges()).isFalse();
    }
  }
}
