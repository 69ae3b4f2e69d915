package io.github.secrets4j.cli;

import io.github.secrets4j.internal.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a value from a file or stdin: at most 1 MiB of UTF-8, as it is (nothing stripped). */
final class Values {
  /** The largest value read, in bytes. */
  static final int MAX_BYTES = 1 << 20;

  private Values() {}

  /**
   * Reads the file {@code path}.
   *
   * @throws IllegalArgumentException if it is larger than 1 MiB or not UTF-8
   * @throws UncheckedIOException if it cannot be read (the message names the file)
   */
  static String file(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, "file \"" + Text.escape(path.toString()) + "\"");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read file \"" + Text.escape(path.toString())
          + "\": " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Reads {@code in} to its end.
   *
   * @throws IllegalArgumentException if it is larger than 1 MiB or not UTF-8
   * @throws UncheckedIOException if it cannot be read
   */
  static String stdin(InputStream in) {
    try {
      return read(in, "stdin");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read stdin: " + e.getClass().getSimpleName(), e);
    }
  }

  private static String read(InputStream in, String what) throws IOException {
    try {
      return Text.readUtf8(in, MAX_BYTES);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The value in " + what + " " + e.getMessage());
    }
  }

}
