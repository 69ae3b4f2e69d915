package io.github.secrets4j.cli;

import io.github.secrets4j.PlanOptions;
import io.github.secrets4j.PlannedChange;
import io.github.secrets4j.SecretValueSource;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.SecretsPlan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code secrets4j apply -f FILE [--auto-approve] [--prune]}. */
@Command(name = "apply",
    mixinStandardHelpOptions = true,
    description = {"Plans as plan does, prints the plan, and makes its changes.",
        "Without --auto-approve it asks on stderr and reads the answer from stdin, which must "
            + "be a terminal: only 'yes' applies. A stdin that is not a terminal is refused "
            + "(exit 1, nothing written); so is a plan with a conflict."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:applied, or nothing to change",
        "1:error, a conflict, not approved, or stdin not a terminal without --auto-approve",
        ExitCodes.USAGE})
final class ApplyCommand implements Callable<Integer> {
  private final Cli cli;

  @Mixin
  DefinitionFiles definitions;

  @Option(names = "--auto-approve", description = "Apply without asking.")
  boolean autoApprove;

  @Option(names = "--prune", description = "Delete the entries a file's definition manages and "
      + "no longer declares, whatever its reconcile.prune says.")
  boolean prune;

  ApplyCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    Console console = cli.console();
    PlanOptions options = PlanOptions.defaults().stdin(console.in());
    if (prune) {
      options = options.prune(true);
    }
    Secrets secrets = cli.secrets(definitions.files);
    if (!autoApprove && console.terminal().isTerminal(Terminal.STDIN) && readsStdin(secrets)) {
      // The plan reads stdin to its end for the value: no answer could follow it.
      throw new IllegalStateException("A definition reads its value from stdin (fromStdin): "
          + "give --auto-approve, since stdin carries the value and cannot carry the answer; "
          + "nothing was applied");
    }
    SecretsPlan plan = secrets.plan(options);
    console.print(plan.toText());
    if (!plan.hasChanges()) {
      return ExitCodes.SUCCESS;
    }
    if (PlanCommand.conflicts(plan) > 0) {
      throw new IllegalStateException("The plan has " + PlanCommand.conflicts(plan)
          + " conflict" + (PlanCommand.conflicts(plan) == 1 ? "" : "s")
          + " (marked !); nothing was applied");
    }
    if (!autoApprove) {
      if (!console.terminal().isTerminal(Terminal.STDIN)) {
        throw new IllegalStateException("stdin is not a terminal and --auto-approve is not "
            + "given; nothing was applied");
      }
      console.err().print("Apply these changes? Only 'yes' applies: ");
      console.err().flush();
      if (!"yes".equals(answer(console))) {
        throw new IllegalStateException("Not approved; nothing was applied");
      }
    }
    List<PlannedChange> made = plan.apply();
    console.println("Applied " + made.size() + " change" + (made.size() == 1 ? "" : "s") + ".");
    return ExitCodes.SUCCESS;
  }

  private static boolean readsStdin(Secrets secrets) {
    return secrets.definitions().secrets().stream().anyMatch(secret -> secret.stored()
        .map(stored -> stored.value() instanceof SecretValueSource.FromStdin).orElse(false));
  }

  private static String answer(Console console) {
    try {
      String line = new BufferedReader(new InputStreamReader(console.in(),
          StandardCharsets.UTF_8)).readLine();
      return line == null ? null : line.strip();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the answer from stdin", e);
    }
  }
}
