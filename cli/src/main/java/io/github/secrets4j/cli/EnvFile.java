package io.github.secrets4j.cli;

import io.github.secrets4j.internal.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code --env-file} of {@code secrets4j run}: one {@code NAME=REF} a line, in UTF-8.
 * A REF is a {@link Reference}, never a value: values do not belong in files on disk. Blank lines
 * and lines whose first non-blank character is {@code #} are skipped; there are no quotes, no
 * {@code export} and no comment after a reference. Leading and trailing blanks of a line are
 * ignored, and NAME is split from REF at the first {@code =}.
 *
 * <p>Errors name {@code file:line} only, never the variable nor the reference text: if a value
 * was written there by mistake (a base64 value split at its {@code =} padding reads as a name),
 * it is not printed.
 */
final class EnvFile {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** One binding of the file. */
  record Line(String source, String name, String reference) {
    /** Says where the binding is; neither name nor reference (either may be a mistaken value). */
    @Override
    public String toString() {
      return source;
    }
  }

  private EnvFile() {}

  /**
   * Reads {@code file}.
   *
   * @throws IllegalArgumentException naming {@code file:line} for a line that is not
   *     {@code NAME=REF}
   * @throws UncheckedIOException if the file cannot be read, is larger than 1 MiB or is not UTF-8
   */
  static List<Line> read(Path file) {
    String text;
    try (InputStream in = Files.newInputStream(file)) {
      text = Text.readUtf8(in, Values.MAX_BYTES);
    } catch (IllegalArgumentException e) {
      throw new UncheckedIOException("Cannot read the env file " + where(file) + ": it "
          + e.getMessage(), new IOException(e.getMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the env file " + where(file) + ": "
          + e.getClass().getSimpleName(), e);
    }
    List<Line> lines = new ArrayList<>();
    String[] rows = text.split("\r?\n", -1);
    for (int i = 0; i < rows.length; i++) {
      String row = rows[i].strip();
      String source = where(file) + ":" + (i + 1);
      if (row.isEmpty() || row.startsWith("#")) {
        continue;
      }
      int equals = row.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException(source + ": expected NAME=REF");
      }
      String name = row.substring(0, equals).strip();
      String reference = row.substring(equals + 1).strip();
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(source + ": invalid variable name (not shown: it may "
            + "be a value): it must match [A-Za-z_][A-Za-z0-9_]*");
      }
      if (reference.isEmpty()) {
        throw new IllegalArgumentException(source + ": the reference is missing");
      }
      if (reference.startsWith("\"") || reference.startsWith("'")) {
        throw new IllegalArgumentException(source + ": write NAME=REF without quotes; "
            + Reference.GRAMMAR);
      }
      lines.add(new Line(source, name, reference));
    }
    return lines;
  }

  private static String where(Path file) {
    return Text.escape(file.toString(), 200);
  }
}
