package io.github.secrets4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code secrets4j secret}: the commands on the entries of a store. */
@Command(name = "secret",
    mixinStandardHelpOptions = true,
    description = "Adds, lists, removes and shares the secrets of a store.",
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK, ExitCodes.ERROR, ExitCodes.USAGE})
final class SecretCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command");
  }
}
