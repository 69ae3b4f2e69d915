package io.github.secrets4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanApplyTest {
  @TempDir
  Path home;
  Shell shell;
  Path file;

  @BeforeEach
  void setUp() {
    shell = new Shell(home);
    shell.env.put("DB_PASSWORD", "pw-from-env");
    file = shell.write("app.yaml", """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: app }
        secrets:
          - name: db-password
            store: encrypted-file
            description: orders database
            labels: { team: core }
            value: { fromEnv: DB_PASSWORD }
          - name: root-token
            store: encrypted-file
            value: { fromStdin: true }
        """);
    shell.stdin("root\n");
  }

  @Test
  void planPrintsTheGoldenPlanAndWritesNothing() {
    Shell.Result result = shell.run("plan", "-f", file.toString());

    assertThat(result.code()).isZero();
    assertThat(result.err()).isEmpty();
    Shell.assertGolden("plan.txt", result.out());
    assertThat(shell.run("secret", "ls", "--json").out()).isEqualTo("[]\n");
  }

  @Test
  void detailedExitCodeIsTwoWithChangesAndZeroWithout() {
    assertThat(shell.run("plan", "--detailed-exitcode", "-f", file.toString()).code())
        .isEqualTo(2);
    assertThat(shell.stdin("root\n").run("apply", "--auto-approve", "-f", file.toString())
        .code()).isZero();

    Shell.Result again = shell.stdin("root\n")
        .run("plan", "--detailed-exitcode", "-f", file.toString());
    assertThat(again.code()).isZero();
    assertThat(again.out()).endsWith("Plan: 0 to create, 0 to update, 0 to replace, 0 to delete, "
        + "0 in conflict, 2 unchanged.\n");
  }

  @Test
  void autoApproveApplies() {
    Shell.Result result = shell.run("apply", "--auto-approve", "-f", file.toString());

    assertThat(result.code()).isZero();
    assertThat(result.out()).startsWith(Shell.golden("plan.txt")).endsWith("Applied 2 changes.\n");
    assertThat(shell.run("get", "secret:db-password").rawOut()).isEqualTo("pw-from-env");
    assertThat(shell.run("get", "secret:root-token").rawOut()).isEqualTo("root\n");
  }

  @Test
  void withoutAutoApproveAStdinThatIsNoTerminalIsRefused() {
    Shell.Result result = shell.run("apply", "-f", file.toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("secrets4j: IllegalStateException: stdin is not a terminal "
        + "and --auto-approve is not given; nothing was applied\n");
    assertThat(shell.run("secret", "ls", "--json").out()).isEqualTo("[]\n");
  }

  @Test
  void aDefinitionReadingStdinNeedsAutoApprove() {
    Path fromStdin = shell.write("stdin.yaml", """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: piped }
        secrets:
          - name: token
            store: encrypted-file
            value: { fromStdin: true }
        """);
    Shell.Result refused = shell.terminal(true, true).stdin("s3cret-value\nyes\n")
        .run("apply", "-f", fromStdin.toString());
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).isEqualTo("secrets4j: IllegalStateException: A definition reads "
        + "its value from stdin (fromStdin): give --auto-approve, since stdin carries the value "
        + "and cannot carry the answer; nothing was applied\n");
    assertThat(shell.run("secret", "ls", "--json").out()).isEqualTo("[]\n");

    Shell.Result applied = shell.terminal(false, false).stdin("s3cret-value")
        .run("apply", "--auto-approve", "-f",
        fromStdin.toString());
    assertThat(applied.code()).isZero();
    assertThat(shell.run("get", "secret:token").rawOut()).isEqualTo("s3cret-value");
  }

  @Test
  void onATerminalOnlyYesApplies() {
    Path generated = shell.write("gen.yaml", """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: gen }
        secrets:
          - name: token
            store: encrypted-file
            value: { generate: { length: 16 } }
        """);
    Shell.Result no = shell.terminal(true, true).stdin("no\n")
        .run("apply", "-f", generated.toString());
    assertThat(no.code()).isEqualTo(1);
    assertThat(no.err()).isEqualTo("Apply these changes? Only 'yes' applies: "
        + "secrets4j: IllegalStateException: Not approved; nothing was applied\n");
    assertThat(shell.run("secret", "ls", "--json").out()).isEqualTo("[]\n");

    Shell.Result yes = shell.terminal(true, true).stdin("yes\n")
        .run("apply", "-f", generated.toString());
    assertThat(yes.code()).isZero();
    assertThat(yes.out()).endsWith("Applied 1 change.\n");
    assertThat(shell.run("secret", "ls", "--json").out()).contains("\"key\":\"token\"");
  }

  @Test
  void pruneDeletesWhatTheFileNoLongerDeclares() {
    // Prune lists every store that can write: AWS is pointed at a closed local port, so nothing
    // leaves this machine whatever credentials it finds; Vault has no address.
    shell.env.put("SECRETS4J_AWS_SECRETS_MANAGER_ENDPOINT", "http://127.0.0.1:9");
    shell.env.put("SECRETS4J_AWS_SECRETS_MANAGER_REGION", "us-east-1");
    shell.run("apply", "--auto-approve", "-f", file.toString());
    Path smaller = shell.write("app.yaml", """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: app }
        secrets:
          - name: db-password
            store: encrypted-file
            description: orders database
            labels: { team: core }
            value: { fromEnv: DB_PASSWORD }
        """);

    Shell.Result kept = shell.run("apply", "--auto-approve", "-f", smaller.toString());
    assertThat(kept.code()).isZero();
    assertThat(shell.run("check", "secret:root-token").code()).isZero();

    Shell.Result pruned = shell.run("--set", "secrets4j.store=encrypted-file", "apply",
        "--auto-approve", "--prune", "-f", smaller.toString());
    assertThat(pruned.code()).isZero();
    assertThat(pruned.out()).contains("  - \"root-token\" in encrypted-file, key \"root-token\"\n")
        .contains("Not checked for entries no longer declared (prune is on): aws-secrets-manager "
            + "(cannot be listed: SecretProviderError), hashicorp-vault (cannot be listed: "
            + "SecretProviderError)\n")
        .endsWith("Applied 1 change.\n");
    assertThat(shell.run("check", "secret:root-token").code()).isEqualTo(1);
  }

  @Test
  void aConflictIsAnErrorInPlanAndApply() {
    shell.stdin("by hand").run("secret", "add", "db-password", "-");

    Shell.Result plan = shell.run("plan", "--detailed-exitcode", "-f", file.toString());
    Shell.Result apply = shell.stdin("root\n").run("apply", "--auto-approve", "-f",
        file.toString());

    assertThat(plan.code()).isEqualTo(1);
    assertThat(plan.out()).contains("  ! \"db-password\" in encrypted-file");
    assertThat(plan.err()).isEqualTo("secrets4j: IllegalStateException: The plan has 1 conflict "
        + "(marked !): apply would refuse it\n");
    assertThat(apply.code()).isEqualTo(1);
    assertThat(apply.err()).isEqualTo("secrets4j: IllegalStateException: The plan has 1 conflict "
        + "(marked !); nothing was applied\n");
    assertThat(shell.run("get", "secret:db-password").rawOut()).isEqualTo("by hand");
  }

  @Test
  void validateAcceptsAGoodFile() {
    Shell.Result result = shell.run("validate", "-f", file.toString());

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("Valid: 2 secrets, 0 groups, 0 targets.\n");
  }

  @Test
  void validatePrintsEveryProblemWithItsPlace() {
    Path bad = shell.write("bad.yaml", """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: bad }
        secrets:
          - name: a
            store: encrypted-file
            value: hunter2
          - name: b
            provider: no-such-provider
            parameters: { x: y }
        """);

    Shell.Result result = shell.run("validate", "-f", bad.toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    Shell.assertGolden("validate.err", result.err());
  }

  @Test
  void planApplyAndValidateLoadOnlyTheirFiles() {
    Path broken = shell.write("broken.yaml", "apiVersion: nope\n");
    Path second = shell.write("second.yaml", """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: second }
        secrets:
          - name: other
            provider: environment-variable
            parameters: { variable: OTHER }
        """);
    shell.env.put("SECRETS4J_DEFINITIONS", broken.toString());

    Shell.Result result = shell.run("--definitions", broken.toString(), "validate", "-f",
        file.toString(), "--file", second.toString());

    assertThat(result.code()).isZero();
    assertThat(result.out()).isEqualTo("Valid: 3 secrets, 0 groups, 0 targets.\n");
    assertThat(shell.run("validate", "-f", broken.toString()).code()).isEqualTo(1);
  }
}
