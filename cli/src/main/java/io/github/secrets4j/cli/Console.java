package io.github.secrets4j.cli;

import io.github.secrets4j.SecretDefinitionsException;
import io.github.secrets4j.internal.Text;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a command reads and writes: stdin, stdout, stderr, the environment, the terminal test and
 * the clock. Every line of text goes through here as UTF-8; what came from a file, a store or the
 * user is escaped ({@link Text#escape}) by the caller or by {@link #error}.
 */
final class Console {
  /** The longest error message shown, in code points. */
  static final int MAX_MESSAGE = 4_000;

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final Terminal terminal;
  private final InstantSource clock;

  Console(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
      Terminal terminal, InstantSource clock) {
    this.in = Objects.requireNonNull(in, "in");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    this.terminal = Objects.requireNonNull(terminal, "terminal");
    this.clock = clock;
  }

  InputStream in() {
    return in;
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  Map<String, String> env() {
    return env;
  }

  Terminal terminal() {
    return terminal;
  }

  /** The clock stores record puts with; empty for the system clock. */
  Optional<InstantSource> clock() {
    return Optional.ofNullable(clock);
  }

  /** Writes {@code text} to stdout as it is (the caller escaped what needs it). */
  void print(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write(bytes, 0, bytes.length);
    out.flush();
  }

  /** Writes {@code line} and a line break to stdout. */
  void println(String line) {
    print(line + "\n");
  }

  /** Writes {@code line} and a line break to stderr. */
  void note(String line) {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    err.write(bytes, 0, bytes.length);
    err.flush();
  }

  /** Writes the warning line {@code secrets4j: warning: <message>} to stderr. */
  void warn(String message) {
    note("secrets4j: warning: " + message);
  }

  /**
   * Writes the error line {@code secrets4j: <SimpleClassName>: <message>} to stderr, the message
   * escaped and bounded; for a {@link SecretDefinitionsException} first one line per problem
   * ({@code source:line:column: message}) and then the error line with the count; with
   * {@code debug} the stack trace after it.
   */
  void error(Throwable error, boolean debug) {
    String message = error.getMessage();
    if (error instanceof SecretDefinitionsException definitions) {
      problems(definitions);
      message = definitions.problems().size() == 1 ? "1 problem in secret definitions"
          : definitions.problems().size() + " problems in secret definitions";
    }
    note("secrets4j: " + error.getClass().getSimpleName()
        + (message == null ? "" : ": " + Text.escape(message, MAX_MESSAGE)));
    if (debug) {
      // Written here rather than by printStackTrace: each message is escaped whole, so a line
      // break or a control character in one cannot forge a line or move the terminal's cursor.
      String prefix = "";
      Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
        note(prefix + Text.escape(t.toString(), MAX_MESSAGE));
        for (StackTraceElement frame : t.getStackTrace()) {
          note("\tat " + Text.escape(frame.toString(), MAX_MESSAGE));
        }
        prefix = "Caused by: ";
      }
    }
  }

  /** Writes each problem as {@code source:line:column: message}, one a line, to stderr. */
  void problems(SecretDefinitionsException definitions) {
    for (SecretDefinitionsException.Problem problem : definitions.problems()) {
      note(Text.escape(problem.toString(), MAX_MESSAGE));
    }
  }
}
