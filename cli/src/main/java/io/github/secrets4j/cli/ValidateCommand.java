package io.github.secrets4j.cli;

import io.github.secrets4j.SecretDefinitions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code secrets4j validate -f FILE}. */
@Command(name = "validate",
    mixinStandardHelpOptions = true,
    description = {"Loads the definition files and checks them (syntax, schema, names, "
        + "providers and their parameters, stores, kinds), as a runtime does when it is built; "
        + "reads no value and writes nothing.",
        "Prints every problem to stderr as source:line:column: message, then the error line."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:the files are valid", "1:a problem was found (or another error)",
        ExitCodes.USAGE})
final class ValidateCommand implements Callable<Integer> {
  private final Cli cli;

  @Mixin
  DefinitionFiles definitions;

  ValidateCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    // A SecretDefinitionsException reaches Console.error, which prints each problem.
    SecretDefinitions loaded = cli.secrets(definitions.files).definitions();
    cli.console().println("Valid: " + count(loaded.secrets().size(), "secret") + ", "
        + count(loaded.groups().size(), "group") + ", " + count(loaded.targets().size(), "target")
        + ".");
    return ExitCodes.SUCCESS;
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}
