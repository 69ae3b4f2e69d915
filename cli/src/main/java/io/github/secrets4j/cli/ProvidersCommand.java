package io.github.secrets4j.cli;

import io.github.secrets4j.Secrets;
import io.github.secrets4j.internal.Text;
import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.SecretsProvider;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code secrets4j providers}. */
@Command(name = "providers",
    mixinStandardHelpOptions = true,
    description = {"Lists the providers found on the class path, sorted by slug: a line "
        + "'slug (name)', ', can store' when it can write, then one line per parameter: name, "
        + "required or optional, description.",
        "Each provider is created to ask for its parameters; one that cannot be created with "
            + "the current settings shows the error line instead (and the exit code stays 0)."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK, ExitCodes.ERROR, ExitCodes.USAGE})
final class ProvidersCommand implements Callable<Integer> {
  private final Cli cli;

  ProvidersCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    Secrets secrets = cli.secrets();
    StringBuilder out = new StringBuilder();
    for (String slug : secrets.providerSlugs()) {
      Optional<SecretsProvider> provider;
      try {
        provider = secrets.provider(slug);
      } catch (RuntimeException e) {
        out.append(slug).append("\n  cannot be created: ").append(e.getClass().getSimpleName())
            .append(": ").append(Text.escape(String.valueOf(e.getMessage()), 500)).append('\n');
        continue;
      }
      if (provider.isEmpty()) {
        continue;
      }
      out.append(slug).append(" (").append(Text.escape(provider.get().name())).append(')');
      if (canWrite(provider.get())) {
        out.append(", can store");
      }
      out.append('\n');
      Table table = new Table(200, "", "", "");
      for (ParameterSpec parameter : provider.get().parameters()) {
        table.row(parameter.name(), parameter.required() ? "required" : "optional",
            parameter.description());
      }
      String rendered = table.render();
      // Drop the empty header line; indent the rows.
      for (String line : rendered.substring(rendered.indexOf('\n') + 1).split("\n")) {
        if (!line.isEmpty()) {
          out.append("  ").append(line).append('\n');
        }
      }
    }
    cli.console().print(out.toString());
    return ExitCodes.SUCCESS;
  }

  private static boolean canWrite(SecretsProvider provider) {
    try {
      return provider.writer().isPresent();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
