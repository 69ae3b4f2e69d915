package io.github.secrets4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GetAndCheckTest {
  @TempDir
  Path home;
  Shell shell;

  @BeforeEach
  void setUp() {
    shell = new Shell(home);
    shell.stdin("s3cret\n").run("secret", "add", "db", "-");
    shell.stdin(new byte[0]);
  }

  private Path definitions() {
    return shell.write("defs.yaml", """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: app }
        secrets:
          - name: Database Password
            provider: encrypted-file
            parameters: { key: db }
          - name: home
            provider: environment-variable
            parameters: { variable: APP_HOME }
        groups:
          - name: app
            secrets:
              - { access: Generic, type: password, secret: Database Password }
        """);
  }

  @Test
  void getPrintsTheValueAsItIsWhenStdoutIsNoTerminal() {
    Shell.Result result = shell.run("get", "secret:db");

    assertThat(result.code()).isZero();
    assertThat(result.rawOut()).isEqualTo("s3cret\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void getRefusesATerminalWithoutRevealAndReadsNothing() {
    Shell.Result result = shell.terminal(false, true).run("get", "secret:db");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.rawOut()).isEmpty();
    Shell.assertGolden("get-terminal.err", result.err());
  }

  @Test
  void getRevealsOnATerminalWithRevealAndEndsTheLine() {
    shell.stdin("pw").run("secret", "add", "k", "-");
    Shell.Result result = shell.terminal(false, true).run("get", "--reveal", "secret:k");

    assertThat(result.code()).isZero();
    assertThat(result.rawOut()).isEqualTo("pw\n");
  }

  @Test
  void everyFormOfReferenceResolves() {
    shell.env.put("APP_HOME", "/srv/app");
    Path file = shell.write("token", "t0k\n");
    Path defs = definitions();

    assertThat(shell.run("get", "db@encrypted-file").rawOut()).isEqualTo("s3cret\n");
    assertThat(shell.run("get", "env:APP_HOME").rawOut()).isEqualTo("/srv/app");
    assertThat(shell.run("get", "file:" + file).rawOut()).isEqualTo("t0k");
    assertThat(shell.run("--definitions", defs.toString(), "get", "Database Password").rawOut())
        .isEqualTo("s3cret\n");
    assertThat(shell.run("--definitions", defs.toString(), "get", "group/app:generic/password")
        .rawOut()).isEqualTo("s3cret\n");
    Shell.Result whole = shell.run("--definitions", defs.toString(), "get", "group:app");
    assertThat(whole.code()).isEqualTo(1);
    assertThat(whole.err()).isEqualTo("secrets4j: IllegalArgumentException: \"group:app\" names "
        + "a whole group where one secret is expected; name one of its slots as "
        + "group/NAME:ACCESS/TYPE\n");
    Shell.Result noDefinitions = shell.run("get", "group/app:generic/password");
    assertThat(noDefinitions.err()).startsWith("secrets4j: IllegalArgumentException: "
        + "\"group/app:generic/password\" is no defined group: no definition file is loaded");
    shell.env.put("SECRETS4J_DEFINITIONS", home.resolve("none.yaml") + ":" + defs);
    assertThat(shell.run("--definitions", defs.toString(), "get", "home").rawOut())
        .isEqualTo("/srv/app");
  }

  @Test
  void definitionsComeFromTheEnvironmentWhenNoOptionGivesThem() {
    shell.env.put("APP_HOME", "/srv/app");
    Path other = shell.write("other.yaml", """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: other }
        secrets:
          - name: other
            provider: environment-variable
            parameters: { variable: APP_HOME }
        """);
    shell.env.put("SECRETS4J_DEFINITIONS", definitions() + ":" + other);

    assertThat(shell.run("get", "home").rawOut()).isEqualTo("/srv/app");
    assertThat(shell.run("get", "other").rawOut()).isEqualTo("/srv/app");
  }

  @Test
  void anUndefinedNameWithoutDefinitionsSaysNoneAreLoaded() {
    Shell.Result result = shell.run("get", "nope");

    assertThat(result.code()).isEqualTo(1);
    Shell.assertGolden("get-undefined.err", result.err());
  }

  @Test
  void anUndefinedNameNamesTheClosestDefinedOne() {
    Shell.Result result = shell.run("--definitions", definitions().toString(), "get", "hom");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).startsWith("secrets4j: IllegalArgumentException: No secret named "
        + "\"hom\" is defined").contains("home").hasLineCount(1);
  }

  @Test
  void checkResolvesEveryReferenceAndPrintsNoValue() {
    shell.env.put("APP_HOME", "/srv/app");

    Shell.Result ok = shell.run("check", "secret:db", "env:APP_HOME");
    Shell.Result failed = shell.run("check", "secret:db", "secret:nope", "env:UNSET_VAR",
        "file:relative");

    assertThat(ok.code()).isZero();
    assertThat(ok.rawOut()).isEmpty();
    assertThat(ok.rawErr()).isEmpty();
    assertThat(failed.code()).isEqualTo(1);
    assertThat(failed.rawOut()).isEmpty();
    Shell.assertGolden("check.err", failed.err());
  }

  @Test
  void debugAddsTheStackTrace() {
    Shell.Result result = shell.run("--debug", "get", "secret:nope");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err().lines().findFirst()).contains("secrets4j: SecretValueNotFoundError: "
        + "Secret \"nope\" (provider \"encrypted-file\"): No value stored under key \"nope\"");
    assertThat(result.err()).contains("\tat io.github.secrets4j.");
  }

  @Test
  void aValueNeverAppearsInAnError() {
    Shell.Result result = shell.run("check", "secret:db", "db@no-such-store");

    assertThat(result.err()).doesNotContain("s3cret").startsWith("secrets4j: SecretProviderError: ");
  }
}
