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
   * One thing wrong in a definition file and where it is.
   *
   * @param source the file's path as given, or the name given with its stream
   * @param line the line, from 1
   * @param column the column, from 1
   * @param message what is wrong; text from the file is escaped and bounded, values never shown
   */
  public record Problem(String source, int line, int column, String message)
      implements Serializable {
    /**
     * Checks the components.
     *
     * @param source the file's path as given, or the name given with its stream
     * @param line the line, from 1
     * @param column the column, from 1
     * @param message what is wrong
     * @throws NullPointerException if {@code source} or {@code message} is null
     * @throws IllegalArgumentException if {@code line} or {@code column} is below 1
     */
    public Problem {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(message, "message");
      if (line < 1 || column < 1) {
        throw new IllegalArgumentException("line and column start at 1");
      }
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
