package io.github.secrets4j.cli;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Tells whether this process's standard input or output is a terminal.
 *
 * <p>{@link System#console()} cannot tell: on Java 17 it is non-null only when stdin and stdout
 * both are terminals, so {@code secrets4j get k < /dev/null} on a terminal would print. On Linux
 * the answer comes from the link {@code /proc/self/fd/N}: a terminal is a character device under
 * {@code /dev/pts/}, {@code /dev/tty} or {@code /dev/console}; a descriptor that is not open is
 * no terminal. Where there is no {@code /proc} (macOS, the BSDs), or the link cannot be read,
 * {@code sh -c 'test -t N'} runs with that descriptor inherited, which asks
 * {@code isatty(3)} itself; if even that fails the answer is "a terminal" (the safe side for
 * {@code get}).
 */
interface Terminal {
  /** Standard input. */
  int STDIN = 0;
  /** Standard output. */
  int STDOUT = 1;

  /** Returns whether descriptor {@code fd} ({@link #STDIN} or {@link #STDOUT}) is a terminal. */
  boolean isTerminal(int fd);

  /** The process's own descriptors. */
  static Terminal system() {
    return fd -> isTerminal(fd, Path.of("/proc/self/fd"));
  }

  /** A fixed answer, for callers that know (and tests of the commands' logic). */
  static Terminal fixed(boolean stdin, boolean stdout) {
    return fd -> fd == STDIN ? stdin : stdout;
  }

  /**
   * Whether this process's descriptor {@code fd} is a terminal: read from the links in
   * {@code descriptors} ({@code /proc/self/fd}) when that folder exists, else asked of
   * {@code sh -c 'test -t fd'}.
   */
  static boolean isTerminal(int fd, Path descriptors) {
    if (Files.isDirectory(descriptors)) {
      try {
        return isTerminalDevice(
            Files.readSymbolicLink(descriptors.resolve(Integer.toString(fd))).toString());
      } catch (NoSuchFileException e) {
        // A closed descriptor: not a terminal.
        return false;
      } catch (IOException | UnsupportedOperationException e) {
        // Unreadable: ask the shell below.
      }
    }
    ProcessBuilder test = new ProcessBuilder("sh", "-c", "test -t " + fd)
        .redirectError(Redirect.DISCARD);
    if (fd == STDIN) {
      test.redirectInput(Redirect.INHERIT).redirectOutput(Redirect.DISCARD);
    } else {
      test.redirectOutput(Redirect.INHERIT);
    }
    try {
      Process process = test.start();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return true;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** Whether a {@code /proc/self/fd} link target names a terminal device. */
  static boolean isTerminalDevice(String target) {
    return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
        || target.equals("/dev/console");
  }
}
