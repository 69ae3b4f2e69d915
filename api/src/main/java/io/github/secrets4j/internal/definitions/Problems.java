package io.github.secrets4j.internal.definitions;

import io.github.secrets4j.SecretDefinitionsException;
import io.github.secrets4j.SecretDefinitionsException.Problem;
import io.github.secrets4j.internal.Text;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The problems of one load, kept in file order and bounded in number. */
final class Problems {
  /** The most problems reported; more are counted in a last one. */
  static final int MAX = 200;

  private final Map<String, Integer> order;
  private final List<Problem> problems = new ArrayList<>();
  private int dropped;

  /** @param order each source's position in the load, to report in that order */
  Problems(Map<String, Integer> order) {
    this.order = order;
  }

  void add(Location where, String message) {
    add(where.source(), where.line(), where.column(), message);
  }

  void add(String source, int line, int column, String message) {
    if (problems.size() >= MAX) {
      dropped++;
      return;
    }
    problems.add(new Problem(source, Math.max(1, line), Math.max(1, column), message));
  }

  /** Whether no more problems are kept (they are only counted). */
  boolean isFull() {
    return problems.size() >= MAX;
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** Throws every problem at once, if there is one. */
  void throwIfAny() {
    if (problems.isEmpty()) {
      return;
    }
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.<Problem>comparingInt(p -> order.getOrDefault(p.source(), 0))
        .thenComparingInt(Problem::line).thenComparingInt(Problem::column));
    if (dropped > 0) {
      Problem last = sorted.get(sorted.size() - 1);
      sorted.add(new Problem(last.source(), last.line(), last.column(),
          dropped + " more problems not shown (at most " + MAX + " are reported)"));
    }
    throw new SecretDefinitionsException(sorted);
  }

  /** Where something is in a file. */
  record Location(String source, int line, int column) {
    @Override
    public String toString() {
      // Escaped: a source name with a line break could otherwise forge a problem line.
      return Text.escape(source) + ":" + line + ":" + column;
    }
  }
}
