package io.github.secrets4j.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.github.secrets4j.StoredSecret;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code secrets4j secret ls}. */
@Command(name = "ls",
    mixinStandardHelpOptions = true,
    description = {"Lists the entries of the store, never a value: a table of KEY, KIND, "
        + "VERSION, UPDATED (UTC, to the second) and OWNER (- when none), sorted by key; cells "
        + "escaped and cut at " + SecretListCommand.MAX_CELL + " characters.",
        "With --json: an array of objects with the fields key, kind, version, updated and "
            + "owner (null when none), uncut, non-ASCII characters escaped."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK, ExitCodes.ERROR, ExitCodes.USAGE})
final class SecretListCommand implements Callable<Integer> {
  /** The longest cell of the table, in code points. */
  static final int MAX_CELL = 64;

  private final Cli cli;

  @Option(names = "--json", description = "Print a JSON array instead of a table.")
  boolean json;

  @Mixin
  StoreOption store;

  SecretListCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    List<StoredSecret> entries = store.store(cli.secrets()).list();
    cli.console().print(json ? json(entries) : table(entries));
    return ExitCodes.SUCCESS;
  }

  private static String table(List<StoredSecret> entries) {
    Table table = new Table(MAX_CELL, "KEY", "KIND", "VERSION", "UPDATED", "OWNER");
    for (StoredSecret entry : entries) {
      table.row(entry.key(), entry.metadata().kind(), Long.toString(entry.version()),
          updated(entry.updated()), entry.owner().orElse("-"));
    }
    return table.render();
  }

  private static String updated(Instant updated) {
    return updated.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String json(List<StoredSecret> entries) {
    StringWriter text = new StringWriter();
    JsonFactory factory = JsonFactory.builder()
        .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    try (JsonGenerator json = factory.createGenerator(text)) {
      json.writeStartArray();
      for (StoredSecret entry : entries) {
        json.writeStartObject();
        json.writeStringField("key", entry.key());
        json.writeStringField("kind", entry.metadata().kind());
        json.writeNumberField("version", entry.version());
        json.writeStringField("updated", updated(entry.updated()));
        json.writeFieldName("owner");
        if (entry.owner().isPresent()) {
          json.writeString(entry.owner().get());
        } else {
          json.writeNull();
        }
        json.writeEndObject();
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text + "\n";
  }
}
