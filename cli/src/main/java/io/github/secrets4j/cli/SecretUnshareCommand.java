package io.github.secrets4j.cli;

import io.github.secrets4j.SecretStore;
import io.github.secrets4j.internal.Text;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code secrets4j secret unshare KEY PRINCIPAL}. */
@Command(name = "unshare",
    mixinStandardHelpOptions = true,
    description = "Withdraws PRINCIPAL's read access to KEY (SecretStore.revoke); nothing "
        + "happens when there was none; a key that is not stored is an error "
        + "(SecretValueNotFoundError).",
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK, ExitCodes.ERROR, ExitCodes.USAGE})
final class SecretUnshareCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
  String key;

  @Parameters(index = "1", paramLabel = "PRINCIPAL", description = "Whose access ends.")
  String principal;

  @Mixin
  StoreOption store;

  SecretUnshareCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    SecretStore target = store.store(cli.secrets());
    target.revoke(key, principal);
    cli.console().println("Unshared \"" + Text.escape(key) + "\" in " + target.provider()
        + " with \"" + Text.escape(principal) + "\".");
    return ExitCodes.SUCCESS;
  }
}
