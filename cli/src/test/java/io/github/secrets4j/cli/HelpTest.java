package io.github.secrets4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HelpTest {
  @TempDir
  Path home;

  static Stream<String> commands() {
    return Stream.of("", "secret", "secret add", "secret ls", "secret rm", "secret share",
        "secret unshare", "get", "check", "plan", "apply", "validate", "providers", "key",
        "key rotate");
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandHasHelpThatNamesItsExitCodes(String command) {
    List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
    args.add("--help");

    Shell.Result result = new Shell(home).run(args.toArray(String[]::new));

    assertThat(result.code()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).startsWith("Usage: secrets4j" + (command.isEmpty() ? "" : " " + command))
        .contains("\nExit codes:\n  0   ").contains("\n  1   ").contains("\n  2   ");
  }

  @Test
  void theRootHelpListsEveryCommand() {
    String help = new Shell(home).run("--help").out();
    for (String command : List.of("secret", "get", "check", "plan", "apply", "validate",
        "providers", "key")) {
      assertThat(help).containsPattern("(?m)^  " + command + " ");
    }
  }

  @Test
  void theHelpOfPlanExplainsTheDetailedExitCodes() {
    assertThat(new Shell(home).run("plan", "--help").out())
        .contains("  0   success (with --detailed-exitcode: no changes)\n")
        .contains("  1   error, or the plan has a conflict\n")
        .contains("  2   with --detailed-exitcode: the plan has changes; else a usage error\n");
  }

  @Test
  void versionPrintsTheProjectVersion() {
    Shell.Result result = new Shell(home).run("--version");

    assertThat(result.code()).isZero();
    assertThat(result.out()).matches("secrets4j \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
  }

  @Test
  void usageErrorsAreOneLineAndExitTwo() {
    Shell shell = new Shell(home);
    Shell.Result noCommand = shell.run();
    Shell.Result unknown = shell.run("frobnicate");
    Shell.Result missing = shell.run("secret", "add", "k");
    Shell.Result noGroupCommand = shell.run("key");

    assertThat(noCommand.code()).isEqualTo(2);
    assertThat(noCommand.err()).isEqualTo("secrets4j: UsageError: Missing command (see secrets4j "
        + "--help)\n");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("secrets4j: UsageError: Unmatched argument at index 0: "
        + "'frobnicate' (see secrets4j --help)\n");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("secrets4j: UsageError: Missing required parameter: "
        + "'VALUE|@FILE|-' (see secrets4j secret add --help)\n");
    assertThat(noGroupCommand.code()).isEqualTo(2);
    assertThat(noGroupCommand.err()).isEqualTo("secrets4j: UsageError: Missing command (see "
        + "secrets4j key --help)\n");
  }

  @Test
  void anAtFileIsNoArgumentFile() {
    Shell shell = new Shell(home);
    Path args = shell.write("args", "--help");

    Shell.Result result = shell.run("secret", "add", "k", "@" + args);

    assertThat(result.code()).isZero();
    assertThat(shell.run("get", "secret:k").rawOut()).isEqualTo("--help");
  }

  @Test
  void aUsageErrorOfSecretAddNeverShowsTheArguments() {
    Shell shell = new Shell(home);
    Shell.Result dash = shell.run("secret", "add", "k", "-xunter2");
    Shell.Result extra = shell.run("secret", "add", "k", "v", "hunter2");
    Shell.Result separated = shell.run("secret", "add", "k", "--", "-hunter2");
    Shell.Result helpLike = shell.run("secret", "add", "k2", "-hunter2");

    assertThat(dash.code()).isEqualTo(2);
    assertThat(dash.err()).isEqualTo("secrets4j: UsageError: Missing required parameter: "
        + "'VALUE|@FILE|-' (see secrets4j secret add --help)\n");
    assertThat(extra.code()).isEqualTo(2);
    assertThat(extra.err()).isEqualTo("secrets4j: UsageError: Unknown option or unexpected "
        + "argument (not shown: it may be the value; a VALUE starting with - goes after --) "
        + "(see secrets4j secret add --help)\n");
    assertThat(separated.code()).isZero();
    assertThat(shell.run("get", "secret:k").rawOut()).isEqualTo("-hunter2");
    assertThat(helpLike.code()).as("-hunter2 is not -h: no help, nothing stored").isEqualTo(2);
    assertThat(helpLike.out()).isEmpty();
    assertThat(helpLike.err()).isEqualTo(dash.err());
    assertThat(shell.run("get", "secret:k2").code()).isEqualTo(1);
  }
}
