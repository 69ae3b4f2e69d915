package io.github.secrets4j.cli;

import io.github.secrets4j.SecretReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets4j get REF}. */
@Command(name = "get",
    mixinStandardHelpOptions = true,
    description = {"Prints the value REF names to stdout, as it is, no newline added.",
        "When stdout is a terminal it refuses (exit 1) unless --reveal is given, and then adds "
            + "a newline.",
        "REF: " + Reference.GRAMMAR + "."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK, ExitCodes.ERROR, ExitCodes.USAGE})
final class GetCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(index = "0", paramLabel = "REF", description = "The secret.")
  String reference;

  @Option(names = "--reveal", description = "Print the value also when stdout is a terminal.")
  boolean reveal;

  GetCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    Console console = cli.console();
    boolean terminal = console.terminal().isTerminal(Terminal.STDOUT);
    if (terminal && !reveal) {
      throw new IllegalStateException("stdout is a terminal: not printing the value of "
          + SecretReference.parse(reference) + "; pass --reveal, or redirect stdout");
    }
    String value = Reference.secret(reference, cli.secrets()).getValue();
    console.print(terminal ? value + "\n" : value);
    return ExitCodes.SUCCESS;
  }
}
