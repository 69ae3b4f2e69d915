package io.github.secrets4j.cli;

import io.github.secrets4j.SecretMetadata;
import io.github.secrets4j.SecretStore;
import io.github.secrets4j.StoredSecret;
import io.github.secrets4j.internal.Text;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code secrets4j secret add KEY VALUE|@FILE|-}. */
@Command(name = "add",
    mixinStandardHelpOptions = true,
    description = {"Creates KEY in the store, or puts a new version of it.",
        "VALUE is the value itself (a warning: it lands in shell history and in ps), @FILE "
            + "reads it from FILE, - from stdin; at most 1 MiB of UTF-8, taken as it is (a "
            + "trailing newline is kept: use printf, or echo -n)."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK, ExitCodes.ERROR, ExitCodes.USAGE})
final class SecretAddCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(index = "0", paramLabel = "KEY", description = "The key.")
  String key;

  @Parameters(index = "1", paramLabel = "VALUE|@FILE|-", description = "The value, @FILE or -.")
  String value;

  @Option(names = "--kind", paramLabel = "KIND",
      description = "The kind the value must be, such as opaque (the default), env or tls.")
  String kind;

  @Option(names = "--description", paramLabel = "TEXT",
      description = "A description, stored in the clear.")
  String description;

  @Option(names = "--label", paramLabel = "NAME=VALUE",
      description = "A label, stored in the clear. Repeatable.")
  Map<String, String> labels = new LinkedHashMap<>();

  @Mixin
  StoreOption store;

  SecretAddCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    Console console = cli.console();
    String secret;
    if (value.equals("-")) {
      secret = Values.stdin(console.in());
    } else if (value.startsWith("@")) {
      secret = Values.file(Path.of(value.substring(1)));
    } else {
      console.warn("a VALUE on the command line lands in shell history and is visible in ps; "
          + "use @FILE or - (stdin)");
      secret = value;
    }
    SecretMetadata.Builder metadata = SecretMetadata.builder();
    if (kind != null) {
      metadata.kind(kind);
    }
    if (description != null) {
      metadata.description(description);
    }
    metadata.labels(labels);
    SecretStore target = store.store(cli.secrets());
    StoredSecret stored = target.put(key, secret, metadata.build());
    console.println("Stored \"" + Text.escape(stored.key()) + "\" in " + target.provider()
        + ", version " + stored.version() + ".");
    return ExitCodes.SUCCESS;
  }
}
