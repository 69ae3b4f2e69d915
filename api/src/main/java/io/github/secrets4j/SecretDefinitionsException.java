package io.github.secrets4j;

import io.github.secrets4j.internal.Text;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Everything wrong in the definition files given to {@link Secrets.Builder#definitions}, thrown
 * once by {@link Secrets.Builder#build()} with every problem of every file.
 *
 * <p>Its message has one line per problem, {@code source:line:column: message}, in the order the
 * files were given and, within a file, by line and column. Text taken from a file (names, keys,
 * field names) is escaped and cut short; a value never appears. It holds only plain strings, so it
 * serializes.
 */
public final class SecretDefinitionsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The list is a {@code List.copyOf}, which serializes. */
  private final List<Problem> problems;

  /**
   * Makes the exception for {@code problems}.
   *
   * @param problems the problems, at least one, in the order to report them
   * @throws NullPointerException if {@code problems} or one of them is null
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public SecretDefinitionsException(List<Problem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  private static String message(List<Problem> problems) {
    Objects.requireNonNull(problems, "problems");
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems must not be empty");
    }
    StringBuilder text = new StringBuilder();
    text.append(problems.size() == 1 ? "1 problem" : problems.size() + " problems")
        .append(" in secret definitions:");
    for (Problem problem : problems) {
      text.append('\n').append(problem);
    }
    return text.toString();
  }

  /**
   * Returns every problem found.
   *
   * @return the problems, in the order of the message; unmodifiable
   */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * One thing wrong in a definition file and where it is. Immutable; holds only plain strings.
   */
  public static final class Problem implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The file's path as given, or the name given with its stream. */
    private final String source;
    /** The line, from 1. */
    private final int line;
    /** The column, from 1. */
    private final int column;
    /** What is wrong. */
    private final String message;

    /**
     * Makes a problem.
     *
     * @param source the file's path as given, or the name given with its stream
     * @param line the line, from 1
     * @param column the column, from 1
     * @param message what is wrong; text from the file escaped and bounded, values never shown
     * @throws NullPointerException if {@code source} or {@code message} is null
     * @throws IllegalArgumentException if {@code line} or {@code column} is below 1
     */
    public Problem(String source, int line, int column, String message) {
      this.source = Objects.requireNonNull(source, "source");
      this.message = Objects.requireNonNull(message, "message");
      if (line < 1 || column < 1) {
        throw new IllegalArgumentException("line and column start at 1");
      }
      this.line = line;
      this.column = column;
    }

    /**
     * Returns the file the problem is in.
     *
     * @return the file's path as given, or the name given with its stream
     */
    public String source() {
      return source;
    }

    /**
     * Returns the line the problem is at.
     *
     * @return the line, from 1
     */
    public int line() {
      return line;
    }

    /**
     * Returns the column the problem is at.
     *
     * @return the column, from 1
     */
    public int column() {
      return column;
    }

    /**
     * Returns what is wrong.
     *
     * @return the message; text from the file escaped and bounded, values never shown
     */
    public String message() {
      return message;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Problem that && source.equals(that.source) && line == that.line
          && column == that.column && message.equals(that.message);
    }

    @Override
    public int hashCode() {
      return Objects.hash(source, line, column, message);
    }

    /**
     * Returns the problem as the exception's message shows it.
     *
     * @return {@code source:line:column: message}, the source escaped
     */
    @Override
    public String toString() {
      return Text.escape(source) + ":" + line + ":" + column + ": " + message;
    }
  }
}
