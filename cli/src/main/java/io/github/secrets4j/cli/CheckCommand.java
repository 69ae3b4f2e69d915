package io.github.secrets4j.cli;

import io.github.secrets4j.Secrets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code secrets4j check REF...}. */
@Command(name = "check",
    mixinStandardHelpOptions = true,
    description = {"Resolves every REF without printing a value: exit 0 when all resolve, else "
        + "one error line per failure and exit 1.",
        "REF: " + Reference.GRAMMAR + "."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK, "1:a reference did not resolve (one error line each)",
        ExitCodes.USAGE})
final class CheckCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(arity = "1..*", paramLabel = "REF", description = "The secrets.")
  List<String> references;

  CheckCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    Secrets secrets = cli.secrets();
    int failures = 0;
    for (String reference : references) {
      try {
        Reference.secret(reference, secrets).getValue();
      } catch (RuntimeException e) {
        cli.console().error(e, cli.debug());
        failures++;
      }
    }
    return failures == 0 ? ExitCodes.SUCCESS : ExitCodes.FAILURE;
  }
}
