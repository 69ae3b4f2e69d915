package io.github.secrets4j.cli;

import io.github.secrets4j.SecretStore;
import io.github.secrets4j.internal.Text;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code secrets4j secret share KEY PRINCIPAL}. */
@Command(name = "share",
    mixinStandardHelpOptions = true,
    description = "Grants PRINCIPAL read access to KEY (SecretStore.grant); a key that is not "
        + "stored is an error (SecretValueNotFoundError).",
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK, ExitCodes.ERROR, ExitCodes.USAGE})
final class SecretShareCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
  String key;

  @Parameters(index = "1", paramLabel = "PRINCIPAL", description = "Who may read it.")
  String principal;

  @Mixin
  StoreOption store;

  SecretShareCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    SecretStore target = store.store(cli.secrets());
    target.grant(key, principal);
    cli.console().println("Shared \"" + Text.escape(key) + "\" in " + target.provider()
        + " with \"" + Text.escape(principal) + "\".");
    return ExitCodes.SUCCESS;
  }
}
