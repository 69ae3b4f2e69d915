package io.github.secrets4j.cli;

import io.github.secrets4j.encryptedfile.EncryptedFileStores;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code secrets4j key rotate}. */
@Command(name = "rotate",
    mixinStandardHelpOptions = true,
    description = {"Rotates the key of the encrypted-file store (EncryptedFileStores.rotateKey): "
        + "adds a new key to the key file, re-encrypts every kept version with it, then drops "
        + "the old key. Values, versions, owners and grants do not change.",
        "The store and key file are the settings secrets4j.encrypted-file.path and "
            + ".key-file; an inline key (secrets4j.encrypted-file.key) is an error: rotate it "
            + "where it is kept."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK, ExitCodes.ERROR, ExitCodes.USAGE})
final class KeyRotateCommand implements Callable<Integer> {
  private final Cli cli;

  KeyRotateCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    EncryptedFileStores.rotateKey(cli.secrets());
    cli.console().println("Rotated the key of the encrypted-file store.");
    return ExitCodes.SUCCESS;
  }
}
