package io.github.secrets4j.cli;

import io.github.secrets4j.SecretStore;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.internal.Text;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code secrets4j secret rm KEY}. */
@Command(name = "rm",
    mixinStandardHelpOptions = true,
    description = "Removes KEY and every version of its value from the store; a key that is not "
        + "stored is an error (SecretValueNotFoundError).",
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK, ExitCodes.ERROR, ExitCodes.USAGE})
final class SecretRemoveCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
  String key;

  @Mixin
  StoreOption store;

  SecretRemoveCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    SecretStore target = store.store(cli.secrets());
    if (!target.remove(key)) {
      throw new SecretValueNotFoundError(key, target.provider(), "No stored secret under key \""
          + Text.escape(key) + "\"");
    }
    cli.console().println("Removed \"" + Text.escape(key) + "\" from " + target.provider() + ".");
    return ExitCodes.SUCCESS;
  }
}
