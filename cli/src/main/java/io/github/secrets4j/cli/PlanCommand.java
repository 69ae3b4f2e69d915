package io.github.secrets4j.cli;

import io.github.secrets4j.PlanOptions;
import io.github.secrets4j.PlannedChange;
import io.github.secrets4j.SecretsPlan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code secrets4j plan -f FILE [--detailed-exitcode]}. */
@Command(name = "plan",
    mixinStandardHelpOptions = true,
    description = {"Compares the definition files with their stores and prints what apply would "
        + "change; writes nothing. A value from stdin (fromStdin) is read from stdin.",
        "A plan with a conflict is an error (exit 1): apply would refuse it."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:success (with --detailed-exitcode: no changes)",
        "1:error, or the plan has a conflict",
        "2:with --detailed-exitcode: the plan has changes; else a usage error"})
final class PlanCommand implements Callable<Integer> {
  private final Cli cli;

  @Mixin
  DefinitionFiles definitions;

  @Option(names = "--detailed-exitcode",
      description = "Exit 0 when there is no change, 2 when there are changes.")
  boolean detailedExitCode;

  PlanCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    SecretsPlan plan = cli.secrets(definitions.files)
        .plan(PlanOptions.defaults().stdin(cli.console().in()));
    cli.console().print(plan.toText());
    if (conflicts(plan) > 0) {
      throw new IllegalStateException("The plan has " + conflicts(plan) + " conflict"
          + (conflicts(plan) == 1 ? "" : "s") + " (marked !): apply would refuse it");
    }
    return detailedExitCode && plan.hasChanges() ? ExitCodes.CHANGES : ExitCodes.SUCCESS;
  }

  /** The number of conflicts in {@code plan}. */
  static long conflicts(SecretsPlan plan) {
    return plan.changes().stream()
        .filter(change -> change.action() == PlannedChange.Action.CONFLICT).count();
  }
}
