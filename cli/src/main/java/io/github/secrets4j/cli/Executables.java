package io.github.secrets4j.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Finds the program {@code secrets4j run} starts, as {@code execvp(3)} would in the child: a name
 * with a {@code /} is a path (relative to the working folder); any other name is looked up in the
 * folders of the child's {@code PATH} in order (an empty entry is the working folder; no
 * {@code PATH}: {@code /usr/bin:/bin}), the first regular executable file winning. A match that
 * exists but cannot be executed is skipped, and reported if nothing else matches.
 */
final class Executables {
  /** The search path when the child has no {@code PATH}. */
  static final String DEFAULT_PATH = "/usr/bin:/bin";

  private Executables() {}

  /**
   * Returns the program to start for {@code command}: the path as given if it has a {@code /},
   * else the file found in {@code path}.
   *
   * @param command CMD, as given
   * @param path the child's {@code PATH}, or null if it has none
   * @return the program's path
   * @throws NoSuchFileException if no such file exists (exit 127)
   * @throws AccessDeniedException if it exists but is no regular file the user may execute (exit
   *     126)
   */
  static Path find(String command, String path) throws NoSuchFileException,
      AccessDeniedException {
    if (command.isEmpty() || command.indexOf('\0') >= 0) {
      throw new NoSuchFileException(command, null, "command not found");
    }
    if (command.indexOf('/') >= 0) {
      Path file = Path.of(command);
      if (!Files.exists(file)) {
        throw new NoSuchFileException(command, null, "no such file");
      }
      if (!executable(file)) {
        throw new AccessDeniedException(command, null, Files.isDirectory(file)
            ? "is a directory" : "not executable");
      }
      return file;
    }
    boolean denied = false;
    for (String folder : (path == null ? DEFAULT_PATH : path).split(":", -1)) {
      Path file = (folder.isEmpty() ? Path.of("") : Path.of(folder)).resolve(command)
          .toAbsolutePath();
      if (executable(file)) {
        return file;
      }
      denied |= Files.exists(file);
    }
    if (denied) {
      throw new AccessDeniedException(command, null, "found in PATH but not executable");
    }
    throw new NoSuchFileException(command, null, "command not found in PATH");
  }

  private static boolean executable(Path file) {
    return Files.isRegularFile(file) && Files.isExecutable(file);
  }
}
