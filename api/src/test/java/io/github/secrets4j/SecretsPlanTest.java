package io.github.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.secrets4j.PlannedChange.Action;
import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretWriter;
import io.github.secrets4j.spi.SecretsProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconcile: plan and apply of real definition files (copied from
 * {@code src/test/resources/definitions/plan/} into a folder of their own, next to the files
 * their {@code fromFile} values read) against a writable store that outlives each runtime.
 */
class SecretsPlanTest {
  private static final String CANARY = "canary-5e1f0b-hunter2";

  @TempDir Path dir;
  private final WritableTestProvider provider = new WritableTestProvider("encrypted-file",
      InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));
  private final Map<String, String> env = new HashMap<>();
  private final List<Secrets> opened = new ArrayList<>();

  @BeforeEach
  void files() throws IOException {
    env.put("DB_PASSWORD", "db-1");
    env.put("LEGACY_KEY", "legacy-1");
    Files.writeString(dir.resolve("web.pem"), "cert-1\n");
  }

  @AfterEach
  void close() {
    opened.forEach(Secrets::close);
  }

  /** A runtime loading these fixtures (copied into {@link #dir}) with {@link #env}. */
  private Secrets runtime(String... fixtures) throws IOException {
    List<Path> paths = new ArrayList<>();
    for (String fixture : fixtures) {
      Path copy = dir.resolve(fixture);
      if (!Files.exists(copy)) {
        Files.writeString(copy, SecretDefinitionsTest.text("plan/" + fixture));
      }
      paths.add(copy);
    }
    Secrets secrets = Secrets.builder().discoverProviders(false).provider(provider)
        .environment(env).definitions(paths.toArray(Path[]::new)).build();
    opened.add(secrets);
    return secrets;
  }

  private Secrets runtimeOf(String yaml) throws IOException {
    Path file = dir.resolve("inline-" + opened.size() + ".yaml");
    Files.writeString(file, yaml);
    Secrets secrets = Secrets.builder().discoverProviders(false).provider(provider)
        .kind(SecretKindsTest.anyText("token")).environment(env).definitions(file).build();
    opened.add(secrets);
    return secrets;
  }

  private String value(String key) {
    Secrets secrets = Secrets.builder().discoverProviders(false).provider(provider).build();
    opened.add(secrets);
    return secrets.store("encrypted-file").secret(key).getValue();
  }

  private StoredSecret entry(String key) {
    return provider.describe(key).orElseThrow();
  }

  private static List<String> summary(SecretsPlan plan) {
    return plan.changes().stream().map(c -> c.action() + " " + c.secret() + " " + c.key())
        .toList();
  }

  private static InputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void createsMarkedEntriesThenApplyingAgainChangesNothing() throws IOException {
    Secrets secrets = runtime("app-v1.yaml");
    SecretsPlan plan = secrets.plan();
    assertThat(summary(plan)).containsExactly("CREATE db-password db-password",
        "CREATE api-token tokens/api", "CREATE web-cert web-cert",
        "CREATE old-token old-token");
    assertThat(plan.hasChanges()).isTrue();
    assertThat(plan.changes().get(0).store()).isEqualTo("encrypted-file");
    assertThat(plan.changes().get(0).reason())
        .isEqualTo("new entry; value (sensitive) from environment variable DB_PASSWORD");
    assertThat(plan.changes().get(1).reason()).isEqualTo("new entry; value (sensitive) "
        + "generated (40 characters, hex); grants read access to \"alice\"");
    assertThat(provider.list()).as("planning writes nothing").isEmpty();
    assertThat(plan.holdsValues()).as("the value read from DB_PASSWORD, and generated ones")
        .isTrue();

    assertThat(plan.apply()).isEqualTo(plan.changes());
    assertThat(plan.holdsValues()).as("an applied plan drops its values").isFalse();
    StoredSecret token = entry("tokens/api");
    assertThat(token.metadata().labels()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "core",
        SecretsPlan.MANAGED_BY_LABEL, "app", SecretsPlan.SECRET_LABEL, "api-token",
        SecretsPlan.SLUG_LABEL, "api-token"));
    assertThat(token.grants()).containsExactly("alice");
    assertThat(entry("db-password").metadata().description())
        .contains("password of the app database");
    assertThat(value("tokens/api")).matches("[0-9a-f]{40}");
    assertThat(value("old-token")).matches("[A-Za-z0-9]{32}");
    assertThat(value("db-password")).isEqualTo("db-1");
    assertThat(value("web-cert")).isEqualTo("cert-1\n");

    // Applied twice: the same plan, then a new one, change nothing.
    assertThat(plan.apply()).isEmpty();
    SecretsPlan again = runtime("app-v1.yaml").plan();
    assertThat(again.hasChanges()).isFalse();
    assertThat(again.changes()).extracting(PlannedChange::action).containsOnly(Action.NOOP);
    assertThat(again.changes()).extracting(PlannedChange::reason).containsOnly("up to date");
    assertThat(again.apply()).isEmpty();
    assertThat(entry("tokens/api").version()).isEqualTo(1);
    assertThat(entry("db-password").version()).isEqualTo(1);
    assertThat(again.toText()).isEqualTo("No changes: the declared secrets match their stores; "
        + "entries no longer declared are kept (prune is off).\n"
        + "Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 0 in conflict, 4 unchanged.\n");
  }

  @Test
  void aChangedEnvironmentVariableOrFileIsAnUpdateOfTheValue() throws IOException {
    runtime("app-v1.yaml").plan().apply();
    env.put("DB_PASSWORD", "db-2");
    Files.writeString(dir.resolve("web.pem"), "cert-2\n");
    SecretsPlan plan = runtime("app-v1.yaml").plan();
    assertThat(summary(plan)).containsExactly("UPDATE db-password db-password",
        "NOOP api-token tokens/api", "UPDATE web-cert web-cert", "NOOP old-token old-token");
    assertThat(plan.changes().get(0).reason()).isEqualTo("value (sensitive) from environment "
        + "variable DB_PASSWORD differs from the stored one");
    assertThat(plan.changes().get(2).reason()).isEqualTo("value (sensitive) from file \""
        + dir.resolve("web.pem") + "\" differs from the stored one");
    assertThat(plan.apply()).hasSize(2);
    assertThat(value("db-password")).isEqualTo("db-2");
    assertThat(value("web-cert")).isEqualTo("cert-2\n");
    assertThat(entry("db-password").version()).isEqualTo(2);
    assertThat(runtime("app-v1.yaml").plan().hasChanges()).isFalse();
  }

  @Test
  void generatedValuesAreMadeOnCreateAndAgainOnlyWhenRotated() throws IOException {
    runtime("app-v1.yaml").plan().apply();
    String first = value("tokens/api");
    assertThat(runtime("app-v1.yaml").plan().hasChanges()).isFalse();
    Secrets secrets = runtime("app-v1.yaml");
    SecretsPlan plan = secrets.plan(PlanOptions.defaults().rotate("api-token"));
    assertThat(summary(plan)).contains("UPDATE api-token tokens/api");
    assertThat(plan.changes().get(1).reason())
        .isEqualTo("value (sensitive) generated again (rotation asked)");
    plan.apply();
    assertThat(value("tokens/api")).matches("[0-9a-f]{40}").isNotEqualTo(first);
    assertThat(entry("tokens/api").grants()).containsExactly("alice");

    assertThatThrownBy(() -> secrets.plan(PlanOptions.defaults().rotate("api-tokn")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot rotate secret \"api-tokn\": it is not defined (closest "
            + "defined: \"api-token\"");
    assertThatThrownBy(() -> secrets.plan(PlanOptions.defaults().rotate("db-password")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot rotate secret \"db-password\": only a secret managed in a store whose "
            + "value is generated can be rotated");
  }

  @Test
  void theTextOfAPlanIsTheGoldenFile() throws IOException {
    runtime("app-v1.yaml").plan().apply();
    provider.put("legacy-key", "by hand", SecretMetadata.empty(), null);
    env.put("DB_PASSWORD", "db-2");
    SecretsPlan plan = runtime("app-v2.yaml").plan(PlanOptions.defaults().stdin(stdin("root")));
    // The one part that depends on where the test runs: the folder of the fromFile value.
    assertThat(plan.toText().replace(dir.toString(), "/etc/app"))
        .isEqualTo(SecretDefinitionsTest.text("plan/plan.expected.txt"));
    assertThat(summary(plan)).containsExactly("UPDATE db-password db-password",
        "UPDATE api-token tokens/api", "REPLACE web-cert web-cert",
        "CONFLICT legacy-key legacy-key", "CREATE root-token root-token",
        "DELETE old-token old-token");
  }

  @Test
  void theReadmeShowsTheGoldenPlan() throws IOException {
    String readme = Files.readString(DefinitionSchemaTest.README);
    int section = readme.indexOf("\n### Plan and apply\n");
    int start = readme.indexOf("```text\n", section) + "```text\n".length();
    assertThat(readme.substring(start, readme.indexOf("```\n", start)))
        .isEqualTo(SecretDefinitionsTest.text("plan/plan.expected.txt"));
  }

  @Test
  void aConflictIsRefusedAndAdoptTakesTheEntryOver() throws IOException {
    provider.put("legacy-key", "by hand", SecretMetadata.builder().label("team", "old").build(),
        null);
    provider.put("old-token", "kept-value", SecretMetadata.empty(), null);
    Secrets secrets = runtime("app-v2.yaml");
    PlanOptions options = PlanOptions.defaults().stdin(stdin("root"));
    SecretsPlan plan = secrets.plan(options);
    assertThat(summary(plan)).contains("CONFLICT legacy-key legacy-key");
    PlannedChange conflict = plan.changes().get(3);
    assertThat(conflict.reason()).isEqualTo("an entry no definition manages has this key; turn "
        + "adopt on to take it over");
    assertThatThrownBy(plan::apply).isInstanceOf(IllegalStateException.class)
        .hasMessage("The plan has 1 conflict; nothing was applied: secret \"legacy-key\" "
            + "(encrypted-file, key \"legacy-key\"): an entry no definition manages has this key; "
            + "turn adopt on to take it over");
    assertThat(provider.list()).extracting(StoredSecret::key)
        .containsExactlyInAnyOrder("legacy-key", "old-token");
    assertThat(entry("legacy-key").version()).isEqualTo(1);

    SecretsPlan adopting = secrets.plan(options.adopt(true).stdin(stdin("root")));
    PlannedChange adopt = adopting.changes().get(3);
    assertThat(adopt.action()).isEqualTo(Action.UPDATE);
    assertThat(adopt.reason()).isEqualTo("adopts an entry no definition manages (adopt is on); "
        + "value (sensitive) from environment variable LEGACY_KEY differs from the stored one; "
        + "label \"team\" removed");
    adopting.apply();
    assertThat(value("legacy-key")).isEqualTo("legacy-1");
    assertThat(entry("legacy-key").metadata().labels())
        .containsEntry(SecretsPlan.MANAGED_BY_LABEL, "app").doesNotContainKey("team");
    // The unmarked old-token is not declared by app-v2: not pruned, untouched.
    assertThat(value("old-token")).isEqualTo("kept-value");

    // An adopted generated value is kept.
    Secrets v1 = runtime("app-v1.yaml");
    SecretsPlan adoptToken = v1.plan(PlanOptions.defaults().adopt(true));
    assertThat(summary(adoptToken)).contains("UPDATE old-token old-token");
    adoptToken.apply();
    assertThat(value("old-token")).isEqualTo("kept-value");
    assertThat(entry("old-token").metadata().labels())
        .containsEntry(SecretsPlan.MANAGED_BY_LABEL, "app");
  }

  @Test
  void anEntryOfAnotherDefinitionIsAConflictEvenWithAdopt() throws IOException {
    runtimeOf("""
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: first }
        secrets:
          - { name: shared, store: encrypted-file, value: { generate: {} } }
        """).plan().apply();
    String value = value("shared");
    SecretsPlan plan = runtimeOf("""
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: second }
        secrets:
          - { name: shared, store: encrypted-file, value: { generate: {} } }
        reconcile: { adopt: true, prune: true }
        """).plan();
    assertThat(plan.changes()).singleElement().satisfies(change -> {
      assertThat(change.action()).isEqualTo(Action.CONFLICT);
      assertThat(change.reason())
          .isEqualTo("the entry is managed by definition \"first\", not \"second\"");
    });
    assertThatThrownBy(plan::apply).isInstanceOf(IllegalStateException.class);
    assertThat(value("shared")).isEqualTo(value);
  }

  @Test
  void pruneDeletesOnlyThisDefinitionsManagedEntries() throws IOException {
    runtime("app-v1.yaml", "other.yaml").plan().apply();
    provider.put("manual", "by hand", SecretMetadata.empty(), null);
    String small = """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: app }
        secrets:
          - name: db-password
            store: encrypted-file
            description: password of the app database
            value: { fromEnv: DB_PASSWORD }
        """;
    Secrets secrets = runtimeOf(small);
    SecretsPlan kept = secrets.plan();
    assertThat(kept.hasChanges()).isFalse();
    assertThat(summary(kept)).containsExactly("NOOP db-password db-password",
        "NOOP old-token old-token", "NOOP api-token tokens/api", "NOOP web-cert web-cert");
    assertThat(kept.changes().get(1).reason())
        .isEqualTo("no longer declared by \"app\"; kept (prune is off)");

    SecretsPlan pruning = secrets.plan(PlanOptions.defaults().prune(true));
    assertThat(summary(pruning)).containsExactly("NOOP db-password db-password",
        "DELETE old-token old-token", "DELETE api-token tokens/api", "DELETE web-cert web-cert");
    assertThat(pruning.apply()).extracting(PlannedChange::action).containsOnly(Action.DELETE);
    assertThat(provider.list()).extracting(StoredSecret::key)
        .containsExactlyInAnyOrder("db-password", "other-token", "manual");
    assertThat(secrets.plan(PlanOptions.defaults().prune(true)).hasChanges()).isFalse();
  }

  @Test
  void aStoreChangedSinceThePlanIsRefusedBeforeAnythingIsWritten() throws IOException {
    Secrets secrets = runtime("app-v1.yaml");
    SecretsPlan plan = secrets.plan();
    provider.put("old-token", CANARY, SecretMetadata.empty(), null);
    Throwable thrown = catchThrowable(plan::apply);
    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessage("Store \"encrypted-file\" changed since the plan: key \"old-token\" was "
            + "created; nothing was applied from this change on: make a new plan");
    assertThat(provider.list()).extracting(StoredSecret::key).containsExactly("old-token");

    provider.remove("old-token", null);
    secrets.plan().apply();
    env.put("DB_PASSWORD", "db-2");
    SecretsPlan update = runtime("app-v1.yaml").plan();
    provider.put("db-password", "db-3", entry("db-password").metadata(), null);
    assertThatThrownBy(update::apply).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("key \"db-password\" is at version 2, the plan saw version 1");
    assertThat(value("db-password")).isEqualTo("db-3");
  }

  @Test
  void aKeyRemovedAndCreatedAgainAtTheSameVersionIsAChangeSinceThePlan() throws IOException {
    java.util.concurrent.atomic.AtomicReference<Instant> now =
        new java.util.concurrent.atomic.AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    WritableTestProvider restarting = new WritableTestProvider("encrypted-file", now::get);
    String file = """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: app }
        secrets:
          - { name: token, store: encrypted-file, key: k, value: { fromEnv: TOKEN } }
        """;
    Path path = dir.resolve("aba.yaml");
    Files.writeString(path, file);
    env.put("TOKEN", "t-1");
    Secrets first = Secrets.builder().discoverProviders(false).provider(restarting)
        .environment(env).definitions(path).build();
    opened.add(first);
    first.plan().apply();
    SecretMetadata managed = restarting.describe("k").orElseThrow().metadata();
    env.put("TOKEN", "t-2");
    Secrets secrets = Secrets.builder().discoverProviders(false).provider(restarting)
        .environment(env).definitions(path).build();
    opened.add(secrets);

    // Removed and put again by hand, unmarked, at version 1 and the same time.
    SecretsPlan plan = secrets.plan();
    assertThat(summary(plan)).containsExactly("UPDATE token k");
    restarting.remove("k", null);
    restarting.put("k", CANARY, SecretMetadata.empty(), null);
    assertThat(restarting.describe("k").orElseThrow().version()).isEqualTo(1);
    assertThatThrownBy(plan::apply).isInstanceOf(IllegalStateException.class)
        .hasMessage("Store \"encrypted-file\" changed since the plan: key \"k\" is no longer "
            + "managed by \"app\"; nothing was applied from this change on: make a new plan");
    assertThat(restarting.describe("k").orElseThrow().metadata().labels()).isEmpty();

    // Removed and put again, marked, at version 1 but later.
    restarting.remove("k", null);
    restarting.put("k", "t-1", managed, null);
    plan = secrets.plan();
    assertThat(summary(plan)).containsExactly("UPDATE token k");
    restarting.remove("k", null);
    now.set(Instant.parse("2026-01-02T00:00:00Z"));
    restarting.put("k", CANARY, managed, null);
    assertThatThrownBy(plan::apply).isInstanceOf(IllegalStateException.class)
        .hasMessage("Store \"encrypted-file\" changed since the plan: key \"k\" was removed and "
            + "created again; nothing was applied from this change on: make a new plan");
    assertThat(secrets.store("encrypted-file").secret("k").getValue()).isEqualTo(CANARY);
  }

  @Test
  void aReplaceShowsEverythingItChangesAndOnlyTheGrantsItAdds() throws IOException {
    String file = """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: app }
        secrets:
          - name: %s
            slug: %s
            store: encrypted-file
            key: k
            description: %s
            labels: %s
            value: { generate: {} }
        grants:
          - { principal: alice, secrets: [ %1$s ] }
          - { principal: %s, secrets: [ %1$s ] }
        """;
    runtimeOf(file.formatted("token", "token", "first", "{ team: core }", "bob")).plan()
        .apply();
    String value = value("k");
    String v2 = file.formatted("token2", "token-2", "second", "{ team: platform, tier: gold }",
        "carol");
    SecretsPlan plan = runtimeOf(v2).plan();
    assertThat(summary(plan)).containsExactly("REPLACE token2 k");
    assertThat(plan.changes().get(0).reasons()).containsExactly(
        "slug changes from \"token\" to \"token-2\" (forces replacement)",
        "renamed from \"token\"", "description changes", "label \"team\" changes",
        "label \"tier\" added", "grants read access to \"carol\"",
        "keeps read access of \"bob\" (not in grants:; reconcile never revokes)",
        "value (sensitive) kept");
    assertThat(plan.toText()).contains("      renamed from \"token\"\n",
        "      keeps read access of \"bob\"");
    plan.apply();
    assertThat(value("k")).isEqualTo(value);
    assertThat(entry("k").grants()).containsExactly("alice", "bob", "carol");
    SecretsPlan again = runtimeOf(v2).plan();
    assertThat(again.hasChanges()).isFalse();
    assertThat(again.changes().get(0).reasons()).containsExactly("up to date",
        "keeps read access of \"bob\" (not in grants:; reconcile never revokes)");

    SecretsPlan move = runtimeOf(v2.replace("key: k", "key: moved")).plan();
    assertThat(move.changes().get(0).reasons()).containsExactly(
        "moves from encrypted-file, key \"k\" (forces replacement)",
        "grants read access to \"alice\"", "grants read access to \"carol\"",
        "read access of \"bob\" is not moved (not in grants:)", "value (sensitive) kept");
    move.apply();
    assertThat(entry("moved").grants()).containsExactly("alice", "carol");
  }

  @Test
  void aChangedSlugOrKindReplacesTheEntryAndAChangedKeyMovesIt() throws IOException {
    String file = """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: app }
        secrets:
          - name: token
            slug: %s
            store: encrypted-file
            key: %s
            kind: %s
            value: { generate: { length: 20 } }
        grants:
          - { principal: alice, secrets: [ token ] }
        """;
    runtimeOf(file.formatted("token", "token", "opaque")).plan().apply();
    String value = value("token");
    provider.put("unrelated", "x", SecretMetadata.empty(), null);

    SecretsPlan slug = runtimeOf(file.formatted("token-2", "token", "opaque")).plan();
    assertThat(slug.changes()).singleElement().satisfies(change -> {
      assertThat(change.action()).isEqualTo(Action.REPLACE);
      assertThat(change.reason()).isEqualTo("slug changes from \"token\" to \"token-2\" (forces "
          + "replacement); value (sensitive) kept");
    });
    long created = entry("token").version();
    slug.apply();
    assertThat(entry("token").version()).as("put over the entry, never removed")
        .isEqualTo(created + 1);
    assertThat(entry("token").metadata().labels()).containsEntry(SecretsPlan.SLUG_LABEL, "token-2");
    assertThat(entry("token").grants()).containsExactly("alice");
    assertThat(value("token")).isEqualTo(value);

    SecretsPlan kind = runtimeOf(file.formatted("token-2", "token", "token")).plan();
    assertThat(kind.changes()).singleElement().extracting(PlannedChange::reason)
        .asString().startsWith("kind changes from \"opaque\" to \"token\" (forces replacement)");
    kind.apply();
    assertThat(entry("token").metadata().kind()).isEqualTo("token");
    assertThat(entry("token").version()).as("put over again").isEqualTo(created + 2);
    assertThat(entry("token").grants()).containsExactly("alice");
    assertThat(value("token")).isEqualTo(value);

    SecretsPlan move = runtimeOf(file.formatted("token-2", "moved", "token")).plan();
    assertThat(summary(move)).containsExactly("REPLACE token moved");
    assertThat(move.changes().get(0).reason()).startsWith("moves from encrypted-file, key "
        + "\"token\" (forces replacement)");
    assertThat(move.toText()).startsWith("-/+ \"token\" in encrypted-file, key \"moved\"\n");
    move.apply();
    assertThat(provider.describe("token")).isEmpty();
    assertThat(value("moved")).isEqualTo(value);
    assertThat(entry("moved").grants()).containsExactly("alice");
    assertThat(provider.describe("unrelated")).isPresent();
    assertThat(runtimeOf(file.formatted("token-2", "moved", "token")).plan().hasChanges()).isFalse();
  }

  @Test
  void aKeyHeldByASecretNoLongerInAStoreIsAConflictThatSaysToRemoveTheEntry()
      throws IOException {
    runtimeOf("""
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: app }
        secrets:
          - { name: db-admin, store: encrypted-file, key: shared, value: { generate: {} } }
        """).plan().apply();
    String admin = value("shared");
    String v2 = """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: app }
        secrets:
          - { name: db-admin, provider: encrypted-file, parameters: { key: elsewhere } }
          - { name: public-token, store: encrypted-file, key: shared, value: { generate: {} } }
        """;
    SecretsPlan plan = runtimeOf(v2).plan();
    assertThat(summary(plan)).containsExactly("CONFLICT public-token shared");
    assertThat(plan.changes().get(0).reason()).isEqualTo("the entry at this key holds secret "
        + "\"db-admin\", which is still declared (not in a store): a key never passes to another "
        + "secret with its value and grants; remove the entry (SecretStore.remove) first, then "
        + "plan again");
    assertThat(value("shared")).isEqualTo(admin);
    runtimeOf(v2).store("encrypted-file").remove("shared");
    SecretsPlan after = runtimeOf(v2).plan();
    assertThat(summary(after)).containsExactly("CREATE public-token shared");
    after.apply();
    assertThat(value("shared")).isNotEqualTo(admin);
  }

  @Test
  void aKeyReusedByAnotherSecretIsAConflictAndTheMovedSecretKeepsItsValue() throws IOException {
    String v1 = """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: app }
        secrets:
          - { name: db-admin, store: encrypted-file, key: shared, value: { generate: {} } }
        grants:
          - { principal: alice, secrets: [ db-admin ] }
        """;
    runtimeOf(v1).plan().apply();
    String admin = value("shared");
    String v2 = """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: app }
        secrets:
          - { name: db-admin, store: encrypted-file, key: admin2, value: { generate: {} } }
          - { name: public-token, store: encrypted-file, key: shared, value: { generate: {} } }
        grants:
          - { principal: alice, secrets: [ db-admin ] }
        reconcile: { prune: true }
        """;
    SecretsPlan plan = runtimeOf(v2).plan();
    assertThat(summary(plan)).containsExactly("REPLACE db-admin admin2",
        "CONFLICT public-token shared");
    assertThat(plan.changes().get(0).reason()).startsWith("moves from encrypted-file, key "
        + "\"shared\" (forces replacement)").endsWith("value (sensitive) kept");
    assertThat(plan.changes().get(1).reason()).isEqualTo("the entry at this key holds secret "
        + "\"db-admin\", which is still declared (now at encrypted-file, key \"admin2\"): a key "
        + "never passes to another secret with its value and grants; apply the move first "
        + "without this secret, then add it");
    assertThatThrownBy(plan::apply).isInstanceOf(IllegalStateException.class);
    assertThat(value("shared")).isEqualTo(admin);
    assertThat(provider.describe("admin2")).isEmpty();

    // In two steps: the move keeps db-admin's value and grants; the new secret gets its own.
    runtimeOf(v2.replace("  - { name: public-token, store: encrypted-file, key: shared, "
        + "value: { generate: {} } }\n", "")).plan().apply();
    assertThat(value("admin2")).isEqualTo(admin);
    assertThat(entry("admin2").grants()).containsExactly("alice");
    assertThat(provider.describe("shared")).isEmpty();
    SecretsPlan add = runtimeOf(v2).plan();
    assertThat(summary(add)).containsExactly("NOOP db-admin admin2",
        "CREATE public-token shared");
    add.apply();
    assertThat(value("shared")).isNotEqualTo(admin);
    assertThat(entry("shared").grants()).isEmpty();
    assertThat(runtimeOf(v2).plan().hasChanges()).isFalse();
  }

  @Test
  void swappingTheKeysOfTwoSecretsIsAConflictThatWritesNothing() throws IOException {
    String file = """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: app }
        secrets:
          - { name: first, store: encrypted-file, key: %s, value: { generate: {} } }
          - { name: second, store: encrypted-file, key: %s, value: { generate: {} } }
        grants:
          - { principal: alice, secrets: [ first ] }
        """;
    runtimeOf(file.formatted("k1", "k2")).plan().apply();
    String first = value("k1");
    String second = value("k2");
    SecretsPlan swap = runtimeOf(file.formatted("k2", "k1")).plan();
    assertThat(summary(swap)).containsExactly("CONFLICT first k2", "CONFLICT second k1");
    assertThat(swap.changes().get(0).reason()).startsWith("the entry at this key holds secret "
        + "\"second\", which is still declared (now at encrypted-file, key \"k1\")");
    assertThatThrownBy(swap::apply).isInstanceOf(IllegalStateException.class);
    assertThat(value("k1")).isEqualTo(first);
    assertThat(value("k2")).isEqualTo(second);
    assertThat(entry("k1").grants()).containsExactly("alice");
    assertThat(entry("k2").grants()).isEmpty();
  }

  @Test
  void aChangedStoreMovesTheEntryToTheNewStore() throws IOException {
    WritableTestProvider second = new WritableTestProvider("second-store",
        InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));
    String file = """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: app }
        secrets:
          - { name: token, store: %s, value: { generate: {} } }
          - { name: anchor, store: %s, value: { generate: {} } }
        """;
    List<Secrets> runtimes = new ArrayList<>();
    for (String store : List.of("encrypted-file", "second-store")) {
      Path path = dir.resolve(store + ".yaml");
      Files.writeString(path, file.formatted(store, "encrypted-file"));
      runtimes.add(Secrets.builder().discoverProviders(false).provider(provider).provider(second)
          .definitions(path).build());
    }
    opened.addAll(runtimes);
    runtimes.get(0).plan().apply();
    String value = value("token");
    SecretsPlan move = runtimes.get(1).plan();
    assertThat(move.changes()).extracting(c -> c.action() + " " + c.store() + " " + c.key())
        .containsExactly("REPLACE second-store token", "NOOP encrypted-file anchor");
    assertThat(move.changes().get(0).reason()).isEqualTo("moves from encrypted-file, key "
        + "\"token\" (forces replacement); value (sensitive) kept");
    move.apply();
    assertThat(provider.describe("token")).isEmpty();
    assertThat(runtimes.get(1).store("second-store").secret("token").getValue()).isEqualTo(value);
    assertThat(runtimes.get(1).plan().hasChanges()).isFalse();
  }

  /** A runtime with {@link #provider} and {@code others}, loading {@code yaml}. */
  private Secrets twoStores(String yaml, SecretsProvider... others) throws IOException {
    Path file = dir.resolve("stores-" + opened.size() + ".yaml");
    Files.writeString(file, yaml);
    Secrets.Builder builder = Secrets.builder().discoverProviders(false).provider(provider)
        .environment(env).definitions(file);
    for (SecretsProvider other : others) {
      builder.provider(other);
    }
    Secrets secrets = builder.build();
    opened.add(secrets);
    return secrets;
  }

  private static final String STORES = """
      apiVersion: secrets4j/v1
      kind: SecretsDefinition
      metadata: { name: app }
      secrets:
      %s
      reconcile: { prune: %s }
      """;

  @Test
  void pruneFindsEntriesInAStoreTheFileNoLongerUses() throws IOException {
    WritableTestProvider second = new WritableTestProvider("second-store",
        InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));
    String v1 = STORES.formatted("""
          - { name: only, store: encrypted-file, value: { generate: {} } }
          - { name: anchor, store: second-store, value: { generate: {} } }""", true);
    String v2 = STORES.formatted("""
          - { name: anchor, store: second-store, value: { generate: {} } }""", true);
    twoStores(v1, second).plan().apply();
    assertThat(provider.describe("only")).isPresent();

    SecretsPlan plan = twoStores(v2, second).plan();
    assertThat(plan.changes()).extracting(c -> c.action() + " " + c.store() + " " + c.key())
        .containsExactly("NOOP second-store anchor", "DELETE encrypted-file only");
    assertThat(plan.apply()).extracting(PlannedChange::action).containsExactly(Action.DELETE);
    assertThat(provider.describe("only")).isEmpty();
    SecretsPlan after = twoStores(v2, second).plan();
    assertThat(after.hasChanges()).isFalse();
    assertThat(after.toText()).startsWith("No changes: the stores match the definitions.\n");

    // With prune off the store the file no longer uses is not even listed: nothing is claimed.
    twoStores(v1, second).plan().apply();
    SecretsPlan kept = twoStores(STORES.formatted("""
          - { name: anchor, store: second-store, value: { generate: {} } }""", false), second)
        .plan();
    assertThat(summary(kept)).containsExactly("NOOP anchor anchor");
    assertThat(kept.toText()).startsWith("No changes: the declared secrets match their stores; "
        + "entries no longer declared are kept (prune is off).\n");
    assertThat(provider.describe("only")).isPresent();
  }

  @Test
  void aMoveWithPruneRemovesTheOldEntryFromAStoreTheFileNoLongerUses() throws IOException {
    WritableTestProvider second = new WritableTestProvider("second-store",
        InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));
    twoStores(STORES.formatted("""
          - { name: token, store: encrypted-file, value: { generate: {} } }""", true), second)
        .plan().apply();
    String value = value("token");
    String moved = STORES.formatted("""
          - { name: token, store: second-store, value: { generate: {} } }""", true);
    SecretsPlan move = twoStores(moved, second).plan();
    assertThat(move.changes()).extracting(c -> c.action() + " " + c.store() + " " + c.key())
        .containsExactly("REPLACE second-store token");
    assertThat(move.changes().get(0).reason()).isEqualTo("moves from encrypted-file, key "
        + "\"token\" (forces replacement); value (sensitive) kept");
    move.apply();
    assertThat(provider.describe("token")).as("the old entry is not orphaned").isEmpty();
    Secrets secrets = twoStores(moved, second);
    assertThat(secrets.store("second-store").secret("token").getValue()).isEqualTo(value);
    assertThat(secrets.plan().hasChanges()).isFalse();
  }

  @Test
  void aStoreThatCannotBeListedIsNamedAndNoChangesIsNotClaimed() throws IOException {
    FailingPuts third = new FailingPuts(new WritableTestProvider("third-store",
        InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"))));
    String file = STORES.formatted("""
          - { name: token, store: encrypted-file, value: { generate: {} } }""", true);
    twoStores(file, third).plan().apply();
    third.listFails = true;
    SecretsPlan plan = twoStores(file, third).plan();
    assertThat(plan.hasChanges()).isFalse();
    assertThat(plan.uncheckedStores()).containsExactly("third-store");
    assertThat(plan.toText()).isEqualTo("Not checked for entries no longer declared (prune is on):"
        + " third-store (cannot be listed: SecretProviderError)\n"
        + "No changes in the stores checked.\n"
        + "Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, 0 in conflict, 1 unchanged.\n");
    assertThat(plan.toText()).doesNotContain("the backend is down");

    // Prune off: other stores are not listed at all.
    SecretsPlan kept = twoStores(STORES.formatted("""
          - { name: token, store: encrypted-file, value: { generate: {} } }""", false), third)
        .plan();
    assertThat(kept.toText()).doesNotContain("third-store");
    assertThat(kept.uncheckedStores()).isEmpty();
  }

  /** A runtime loading one secret whose value is {@code value}, with one setting. */
  private Secrets confined(String value, String setting, String settingValue) throws IOException {
    Path file = dir.resolve("confined-" + opened.size() + ".yaml");
    Files.writeString(file, """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: app }
        secrets:
          - { name: confined, store: encrypted-file, value: %s }
        """.formatted(value));
    Secrets.Builder builder = Secrets.builder().discoverProviders(false).provider(provider)
        .environment(env).definitions(file);
    if (setting != null) {
      builder.setting(setting, settingValue);
    }
    Secrets secrets = builder.build();
    opened.add(secrets);
    return secrets;
  }

  private static String fromFile(Path path) {
    return "{ fromFile: \"" + path + "\" }";
  }

  @Test
  void fromFileObeysTheAllowedRootsOfTheTextFileProvider() throws IOException {
    Path allowed = Files.createDirectories(dir.resolve("allowed"));
    Path inside = Files.writeString(allowed.resolve("inside.txt"), CANARY);
    Path outside = Files.writeString(dir.resolve("outside.txt"), CANARY);
    Path link = Files.createSymbolicLink(allowed.resolve("link.txt"), outside);
    String roots = "secrets4j.text-file.allowed-roots";

    assertThat(summary(confined(fromFile(inside), roots, allowed.toString()).plan()))
        .containsExactly("CREATE confined confined");
    for (Path refused : List.of(outside, link)) {
      Throwable thrown = catchThrowable(() -> confined(fromFile(refused), roots,
          allowed.toString()).plan());
      assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("Cannot read the "
          + "value of secret \"confined\" from file \"" + refused + "\": its real path is not "
          + "proven inside secrets4j.text-file.allowed-roots");
      assertThat(thrown.toString()).doesNotContain(CANARY);
    }
    // Without the setting any absolute path may be read, as by the provider.
    assertThat(summary(confined(fromFile(link), null, null).plan()))
        .containsExactly("CREATE confined confined");
    assertThat(provider.list()).isEmpty();
  }

  @Test
  void fromFileReadsOnlyRegularFilesOfAtMostOneMebibyte() throws Exception {
    Path fifo = dir.resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();
    assertThat(Files.isRegularFile(fifo)).isFalse();
    Path big = dir.resolve("big.txt");
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
      file.setLength((1 << 20) + 1);
    }
    Path allowed = Files.createDirectories(dir.resolve("allowed"));
    Path fifoLink = Files.createSymbolicLink(allowed.resolve("fifo-link"), fifo);
    Map<Path, String> refused = new java.util.LinkedHashMap<>();
    refused.put(fifo, "it is not a regular file");
    refused.put(dir, "it is not a regular file");
    refused.put(Path.of("/dev/null"), "it is not a regular file");
    refused.put(big, "it is larger than 1 MiB");
    refused.put(dir.resolve("missing.txt"), "java.nio.file.NoSuchFileException");
    for (Map.Entry<Path, String> each : refused.entrySet()) {
      // A FIFO with no writer would block an open for reading: it is never opened.
      Throwable thrown = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
          java.time.Duration.ofSeconds(20),
          () -> catchThrowable(() -> confined(fromFile(each.getKey()), null, null).plan()));
      assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("Cannot read the "
          + "value of secret \"confined\" from file \"" + each.getKey() + "\": "
          + each.getValue());
    }
    // Through a link inside the allowed roots, the FIFO is not inside (its real path is out).
    Throwable thrown = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(20), () -> catchThrowable(() -> confined(fromFile(fifoLink),
            "secrets4j.text-file.allowed-roots", allowed.toString()).plan()));
    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessageEndingWith("its real path is not proven inside secrets4j.text-file.allowed-roots");
    Path innerFifo = allowed.resolve("fifo");
    assertThat(new ProcessBuilder("mkfifo", innerFifo.toString()).inheritIO().start().waitFor())
        .isZero();
    thrown = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(20), () -> catchThrowable(() -> confined(fromFile(innerFifo),
            "secrets4j.text-file.allowed-roots", allowed.toString()).plan()));
    assertThat(thrown).isInstanceOf(IllegalStateException.class)
        .hasMessageEndingWith(": it is not a regular file");
  }

  @Test
  void fromEnvObeysTheAllowedPrefixesOfTheEnvironmentVariableProvider() throws IOException {
    env.put("APP_TOKEN", CANARY);
    String prefixes = "secrets4j.environment-variable.allowed-prefixes";
    assertThat(summary(confined("{ fromEnv: APP_TOKEN }", prefixes, "OTHER_, APP_").plan()))
        .containsExactly("CREATE confined confined");
    Throwable thrown = catchThrowable(() -> confined("{ fromEnv: DB_PASSWORD }", prefixes,
        "OTHER_, APP_").plan());
    assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("Cannot read the "
        + "value of secret \"confined\" from environment variable DB_PASSWORD: it does not start "
        + "with one of secrets4j.environment-variable.allowed-prefixes");
    assertThat(summary(confined("{ fromEnv: DB_PASSWORD }", null, null).plan()))
        .containsExactly("CREATE confined confined");
  }

  @Test
  void descriptionLabelsAndGrantsAreUpdates() throws IOException {
    runtime("app-v1.yaml").plan().apply();
    String token = value("tokens/api");
    Files.writeString(dir.resolve("app-v1.yaml"), SecretDefinitionsTest.text("plan/app-v1.yaml")
        .replace("labels: { team: core }", "labels: { team: core, tier: gold }\n"
            + "    description: the api token")
        .replace("[ api-token ]", "[ api-token, db-password ]"));
    SecretsPlan plan = runtime("app-v1.yaml").plan();
    assertThat(summary(plan)).containsExactly("UPDATE db-password db-password",
        "UPDATE api-token tokens/api", "NOOP web-cert web-cert", "NOOP old-token old-token");
    assertThat(plan.changes().get(0).reason()).isEqualTo("grants read access to \"alice\"");
    assertThat(plan.changes().get(1).reason())
        .isEqualTo("description changes; label \"tier\" added");
    plan.apply();
    assertThat(entry("db-password").version()).as("a grant alone puts nothing").isEqualTo(1);
    assertThat(entry("db-password").grants()).containsExactly("alice");
    assertThat(entry("tokens/api").version()).isEqualTo(2);
    assertThat(entry("tokens/api").metadata().description()).contains("the api token");
    assertThat(value("tokens/api")).isEqualTo(token);
    assertThat(runtime("app-v1.yaml").plan().hasChanges()).isFalse();
  }

  @Test
  void fromStdinIsReadOnceFromTheInjectedStream() throws IOException {
    AtomicInteger opened = new AtomicInteger();
    byte[] content = "root-value".getBytes(StandardCharsets.UTF_8);
    InputStream in = new ByteArrayInputStream(content) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        opened.incrementAndGet();
        return super.read(b, off, len);
      }
    };
    Secrets secrets = runtimeOf(SecretDefinitionsTest.text("stdin.yaml"));
    secrets.plan(PlanOptions.defaults().stdin(in)).apply();
    assertThat(value("root-token")).isEqualTo("root-value");
    assertThat(in.read()).as("read to its end").isEqualTo(-1);
    SecretsPlan same = secrets.plan(PlanOptions.defaults().stdin(stdin("root-value")));
    assertThat(same.hasChanges()).isFalse();
    SecretsPlan changed = secrets.plan(PlanOptions.defaults().stdin(stdin("root-2")));
    assertThat(summary(changed)).containsExactly("UPDATE root-token root-token",
        "NOOP db-password db-password");
    assertThat(changed.changes().get(0).reason())
        .isEqualTo("value (sensitive) from stdin differs from the stored one");
    assertThatThrownBy(() -> secrets.plan(PlanOptions.defaults().stdin(in)))
        .as("a stream read already is empty: refused, never written as an empty value")
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot read the value of secret \"root-token\" from stdin: it is empty");
    InputStream big = new ByteArrayInputStream(new byte[(1 << 20) + 1]);
    assertThatThrownBy(() -> secrets.plan(PlanOptions.defaults().stdin(big)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot read the value of secret \"root-token\" from stdin: it is larger "
            + "than 1 MiB");
  }

  @Test
  void anUnreadableSourceFailsThePlanNamingIt() throws IOException {
    env.remove("DB_PASSWORD");
    assertThatThrownBy(() -> runtime("app-v1.yaml").plan())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot read the value of secret \"db-password\": environment variable "
            + "DB_PASSWORD is not set");
    env.put("DB_PASSWORD", "x");
    Files.delete(dir.resolve("web.pem"));
    assertThatThrownBy(() -> runtime("app-v1.yaml").plan())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot read the value of secret \"web-cert\" from file \""
            + dir.resolve("web.pem") + "\": java.nio.file.NoSuchFileException");
    Files.write(dir.resolve("web.pem"), new byte[] {(byte) 0xff, 'a'});
    assertThatThrownBy(() -> runtime("app-v1.yaml").plan())
        .hasMessageEndingWith("\": it is not UTF-8 text");
  }

  @Test
  void aDefinitionFileCannotSetAReservedLabel() throws IOException {
    Path file = dir.resolve("reserved-label.yaml");
    Files.writeString(file, SecretDefinitionsTest.text("plan/reserved-label.yaml"));
    SecretDefinitionsException e = SecretDefinitionsTest.problems(Secrets.builder()
        .discoverProviders(false).provider(provider).definitions(file));
    assertThat(SecretDefinitionsTest.lines(e)).containsExactly(file + ":7:15: label "
        + "\"secrets4j.io/managed-by\" of secret \"token\" is reserved: labels starting with "
        + "\"secrets4j.io/\" are set by reconcile");
  }

  @Test
  void valuesNeverShowInTextsMessagesOrToString() throws IOException {
    env.put("DB_PASSWORD", CANARY);
    Files.writeString(dir.resolve("web.pem"), CANARY + "-file");
    provider.put("legacy-key", CANARY + "-hand", SecretMetadata.empty(), null);
    List<String> seen = new ArrayList<>();
    SecretsPlan create = runtime("app-v1.yaml").plan();
    seen.add(create.toText());
    seen.add(create.toString());
    create.changes().forEach(change -> seen.add(change.toString()));
    create.apply().forEach(change -> seen.add(change.toString()));
    env.put("DB_PASSWORD", CANARY + "-2");
    Files.writeString(dir.resolve("web.pem"), CANARY + "-file-2");
    SecretsPlan plan = runtime("app-v2.yaml").plan(PlanOptions.defaults()
        .stdin(stdin(CANARY + "-stdin")));
    seen.add(plan.toText());
    seen.add(plan.toString());
    plan.changes().forEach(change -> seen.add(change.toString() + change.reason()));
    seen.add(catchThrowable(plan::apply).getMessage());
    SecretsPlan adopt = runtime("app-v2.yaml").plan(PlanOptions.defaults().adopt(true)
        .stdin(stdin(CANARY + "-stdin")));
    provider.put("db-password", CANARY + "-3", entry("db-password").metadata(), null);
    seen.add(catchThrowable(adopt::apply).getMessage());
    seen.add(PlanOptions.defaults().stdin(stdin(CANARY)).toString());
    assertThat(seen).noneMatch(text -> text.contains("canary"));
  }

  /** A file whose first secret is opaque and whose second is of {@code kind} with {@code value}. */
  private static String twoSecrets(String kind, String value) {
    return """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: app }
        secrets:
          - name: first
            store: encrypted-file
            value: { generate: { length: 20 } }
          - name: vars
            store: encrypted-file
            kind: %s
            value: %s
        """.formatted(kind, value);
  }

  @Test
  void aGeneratedValueItsKindRefusesIsAConflictAndApplyWritesNothing() throws IOException {
    SecretsPlan plan = runtimeOf(twoSecrets("env", "{ generate: { length: 40, alphabet: hex } }"))
        .plan();
    assertThat(summary(plan)).containsExactly("CREATE first first", "CONFLICT vars vars");
    assertThat(plan.changes().get(1).reason()).isEqualTo("the value of secret \"vars\" "
        + "(sensitive, generated (40 characters, hex)) is not of the kind \"env\": line 1: "
        + "expected NAME=VALUE; nothing can be put; new entry; value (sensitive) generated (40 "
        + "characters, hex)");
    assertThat(plan.toText()).contains("  ! \"vars\" in encrypted-file, key \"vars\"\n"
        + "      the value of secret \"vars\" (sensitive, generated (40 characters, hex)) is not "
        + "of the kind \"env\": line 1: expected NAME=VALUE; nothing can be put\n");
    assertThatThrownBy(plan::apply).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("The plan has 1 conflict; nothing was applied: secret \"vars\" "
            + "(encrypted-file, key \"vars\"): the value of secret \"vars\"");
    assertThat(provider.list()).as("nothing written, not even the valid first secret").isEmpty();
  }

  @Test
  void aFileValueThatIsNotAnEnvValueIsAConflictAndADotenvOneIsCreated() throws IOException {
    Files.writeString(dir.resolve("vars.env"), CANARY + "\n");
    SecretsPlan plan = runtimeOf(twoSecrets("env", "{ fromFile: vars.env }")).plan();
    assertThat(summary(plan)).containsExactly("CREATE first first", "CONFLICT vars vars");
    assertThat(plan.changes().get(1).reason()).startsWith("the value of secret \"vars\" "
        + "(sensitive, from file \"" + dir.resolve("vars.env") + "\") is not of the kind \"env\": line 1: expected "
        + "NAME=VALUE; nothing can be put");
    assertThatThrownBy(plan::apply).isInstanceOf(IllegalStateException.class);
    assertThat(provider.list()).isEmpty();

    Files.writeString(dir.resolve("vars.env"), "# the app\nexport DB_HOST=db.local\n"
        + "DB_PASSWORD='" + CANARY + "'\n");
    Secrets secrets = runtimeOf(twoSecrets("env", "{ fromFile: vars.env }"));
    SecretsPlan valid = secrets.plan();
    assertThat(summary(valid)).containsExactly("CREATE first first", "CREATE vars vars");
    assertThat(valid.apply()).hasSize(2);
    assertThat(entry("vars").metadata().kind()).isEqualTo("env");
    assertThat(secrets.defined("vars").getValue(null, SecretKind.ENV))
        .containsExactly(Map.entry("DB_HOST", "db.local"), Map.entry("DB_PASSWORD", CANARY));
    assertThat(runtimeOf(twoSecrets("env", "{ fromFile: vars.env }")).plan().hasChanges())
        .isFalse();
  }

  @Test
  void aChangedKindThatRefusesTheKeptValueIsAConflict() throws IOException {
    runtimeOf(twoSecrets("opaque", "{ generate: { length: 20 } }")).plan().apply();
    long version = entry("vars").version();
    SecretsPlan plan = runtimeOf(twoSecrets("env", "{ generate: { length: 20 } }")).plan();
    assertThat(summary(plan)).containsExactly("NOOP first first", "CONFLICT vars vars");
    assertThat(plan.changes().get(1).reason()).isEqualTo("the value of secret \"vars\" "
        + "(sensitive, kept) is not of the kind \"env\": line 1: expected NAME=VALUE; nothing "
        + "can be put; kind changes from \"opaque\" to \"env\" (forces replacement); value "
        + "(sensitive) kept");
    assertThatThrownBy(plan::apply).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("nothing was applied");
    assertThat(entry("vars").version()).as("not removed nor put again").isEqualTo(version);
    assertThat(entry("vars").metadata().kind()).isEqualTo("opaque");

    // Rotating generates a value the kind is asked about too: still refused.
    assertThat(summary(runtimeOf(twoSecrets("env", "{ generate: { length: 20 } }"))
        .plan(PlanOptions.defaults().rotate("vars")))).contains("CONFLICT vars vars");
  }

  @Test
  void applyChecksEveryValueByItsKindBeforeTheFirstWrite() throws IOException {
    AtomicInteger refuseAfter = new AtomicInteger(Integer.MAX_VALUE);
    SecretKind<String> flaky = new SecretKind<>() {
      @Override
      public String name() {
        return "flaky";
      }

      @Override
      public String parse(String value) {
        if (refuseAfter.getAndDecrement() <= 0) {
          throw new IllegalArgumentException("refused now");
        }
        return value;
      }
    };
    Path file = dir.resolve("flaky.yaml");
    Files.writeString(file, twoSecrets("flaky", "{ fromEnv: DB_PASSWORD }"));
    Secrets secrets = Secrets.builder().discoverProviders(false).provider(provider).kind(flaky)
        .environment(env).definitions(file).build();
    opened.add(secrets);
    SecretsPlan plan = secrets.plan();
    assertThat(summary(plan)).containsExactly("CREATE first first", "CREATE vars vars");
    refuseAfter.set(0);
    assertThatThrownBy(plan::apply).isInstanceOf(IllegalStateException.class)
        .hasMessage("The value of secret \"vars\" (encrypted-file, key \"vars\") is not of "
            + "the kind \"flaky\": refused now; nothing was applied: make a new plan");
    assertThat(provider.list()).as("the first secret, valid, was not written either").isEmpty();
  }

  @Test
  void aRefusedValueNeverShowsInReasonsTextsOrMessages() throws IOException {
    env.put("VARS", CANARY + " no equals sign");
    Files.writeString(dir.resolve("vars.env"), "A=1\n" + CANARY + "\n");
    List<String> seen = new ArrayList<>();
    for (String source : List.of("{ fromEnv: VARS }", "{ fromFile: vars.env }")) {
      SecretsPlan plan = runtimeOf(twoSecrets("env", source)).plan();
      assertThat(plan.changes().get(1).action()).isEqualTo(Action.CONFLICT);
      seen.add(plan.toText());
      seen.add(plan.toString());
      plan.changes().forEach(change -> seen.add(change + change.reason()));
      seen.add(catchThrowable(plan::apply).toString());
    }
    assertThat(seen).noneMatch(text -> text.contains("canary"));
    assertThat(provider.list()).isEmpty();
  }

  /**
   * A store ({@link #provider} unless given) whose puts of the key {@code failing} fail, and whose
   * listing fails when {@code listFails}, as a backend's would.
   */
  private final class FailingPuts implements SecretsProvider, SecretWriter {
    volatile String failing;
    volatile boolean listFails;
    private final WritableTestProvider provider;

    FailingPuts() {
      this(SecretsPlanTest.this.provider);
    }

    FailingPuts(WritableTestProvider provider) {
      this.provider = provider;
    }

    @Override
    public String slug() {
      return provider.slug();
    }

    @Override
    public List<ParameterSpec> parameters() {
      return provider.parameters();
    }

    @Override
    public String getValue(SecretRequest request) {
      return provider.getValue(request);
    }

    @Override
    public Optional<SecretWriter> writer() {
      return Optional.of(this);
    }

    @Override
    public StoredSecret put(String key, String value, SecretMetadata metadata, String owner) {
      if (key.equals(failing)) {
        throw new SecretProviderError(key, slug(), "the backend is down");
      }
      return provider.put(key, value, metadata, owner);
    }

    @Override
    public Optional<StoredSecret> describe(String key) {
      return provider.describe(key);
    }

    @Override
    public List<StoredSecret> list() {
      if (listFails) {
        throw new SecretProviderError("", slug(), "the backend is down");
      }
      return provider.list();
    }

    @Override
    public boolean remove(String key, String owner) {
      return provider.remove(key, owner);
    }

    @Override
    public Optional<StoredSecret> grant(String key, String principal, String owner) {
      return provider.grant(key, principal, owner);
    }

    @Override
    public Optional<StoredSecret> revoke(String key, String principal, String owner) {
      return provider.revoke(key, principal, owner);
    }

    @Override
    public Map<String, String> parameters(String key) {
      return provider.parameters(key);
    }

    @Override
    public Optional<String> key(Map<String, String> parameters) {
      return provider.key(parameters);
    }
  }

  private Secrets failing(FailingPuts store, String yaml) throws IOException {
    Path file = dir.resolve("failing-" + opened.size() + ".yaml");
    Files.writeString(file, yaml);
    Secrets secrets = Secrets.builder().discoverProviders(false).provider(store)
        .kind(SecretKindsTest.anyText("token")).environment(env).definitions(file).build();
    opened.add(secrets);
    return secrets;
  }

  @Test
  void aBackendFailureInTheMiddleOfApplyLeavesEarlierChangesAndANewPlanConverges()
      throws IOException {
    FailingPuts store = new FailingPuts();
    String v1 = twoSecrets("opaque", "{ generate: { length: 20 } }");
    String v2 = twoSecrets("token", "{ generate: { length: 20 } }").replace(
        "length: 20 } }\n  - name: vars", "length: 20 } }\n    description: changed\n"
            + "  - name: vars");
    assertThat(v2).contains("description: changed");
    failing(store, v1).plan().apply();
    String first = value("first");
    String vars = value("vars");
    SecretsPlan plan = failing(store, v2).plan();
    assertThat(summary(plan)).containsExactly("UPDATE first first", "REPLACE vars vars");
    store.failing = "vars";
    assertThat(catchThrowable(plan::apply)).isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("the backend is down");
    // The update before the failure was made; the replace puts over the entry and never
    // removes it, so its failed put left the entry as it was.
    assertThat(entry("first").metadata().description()).contains("changed");
    assertThat(entry("vars").metadata().kind()).isEqualTo("opaque");
    assertThat(entry("vars").version()).isEqualTo(1);
    assertThat(value("vars")).isEqualTo(vars);
    store.failing = null;
    assertThat(plan.holdsValues()).as("a plan that wrote drops the values it held").isFalse();
    assertThatThrownBy(plan::apply).isInstanceOf(IllegalStateException.class)
        .hasMessage("This plan failed part way through an earlier apply and cannot be applied "
            + "again; make a new plan (it finishes what is left)");

    SecretsPlan again = failing(store, v2).plan();
    assertThat(summary(again)).containsExactly("NOOP first first", "REPLACE vars vars");
    again.apply();
    assertThat(value("first")).isEqualTo(first);
    assertThat(value("vars")).as("the kept value survived the failure").isEqualTo(vars);
    assertThat(entry("vars").metadata().kind()).isEqualTo("token");
    assertThat(failing(store, v2).plan().hasChanges()).isFalse();
  }

  @Test
  void aMoveWhosePutFailsKeepsTheOldEntry() throws IOException {
    FailingPuts store = new FailingPuts();
    String file = """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: app }
        secrets:
          - { name: token, store: encrypted-file, key: %s, value: { generate: {} } }
        """;
    failing(store, file.formatted("token")).plan().apply();
    String value = value("token");
    SecretsPlan move = failing(store, file.formatted("moved")).plan();
    assertThat(summary(move)).containsExactly("REPLACE token moved");
    store.failing = "moved";
    assertThat(catchThrowable(move::apply)).isInstanceOf(SecretProviderError.class);
    assertThat(value("token")).as("removed only after the put succeeded").isEqualTo(value);
    assertThat(provider.describe("moved")).isEmpty();
    store.failing = null;
    // Nothing was written: the same plan can still be applied.
    assertThat(move.apply()).extracting(c -> c.action() + " " + c.key())
        .containsExactly("REPLACE moved");
    assertThat(failing(store, file.formatted("moved")).plan().hasChanges()).isFalse();
    assertThat(provider.describe("token")).isEmpty();
    assertThat(value("moved")).isEqualTo(value);
  }
}
