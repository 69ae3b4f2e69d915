package io.github.secrets4j.internal;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Stands in for an exception that escaped a plugin (a provider or its factory) as the cause of a
 * secrets4j error: it keeps the original's class name (as its message) and stack trace, for its
 * causes and suppressed exceptions too, and drops every message, which may hold anything,
 * including a secret value.
 */
public final class RedactedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** How deep suppressed exceptions are followed. */
  private static final int MAX_SUPPRESSED_DEPTH = 8;
  /** How many links of a cause chain are copied. */
  private static final int MAX_CHAIN = 1_000;

  private RedactedException(String originalClassName) {
    // The cause is left unset here and set by initCause, link by link.
    super(originalClassName);
  }

  /**
   * Returns a copy of {@code failure} without messages: same class names (as the messages), same
   * stack traces, the cause chain and suppressed exceptions copied alike. A cycle in the chain is
   * cut where it closes.
   *
   * @param failure the exception that escaped a plugin, or {@code null}
   * @return its redacted copy, or {@code null} for {@code null}
   */
  public static RedactedException of(Throwable failure) {
    return copy(failure, new IdentityHashMap<>(), 0);
  }

  /**
   * Returns the class name of the exception this one stands in for.
   *
   * @return the original exception's class name, which is also this exception's message
   */
  public String originalClassName() {
    return getMessage();
  }

  private static RedactedException copy(Throwable failure, Map<Throwable, RedactedException> seen,
      int depth) {
    if (failure == null) {
      return null;
    }
    RedactedException head = null;
    RedactedException previous = null;
    // The cause chain iteratively (it may be long), suppressed exceptions recursively (bounded).
    // Every accessor a subclass may override is guarded: a hostile exception only loses detail.
    Throwable t = failure;
    for (int links = 0; t != null && !seen.containsKey(t) && links < MAX_CHAIN; links++) {
      RedactedException copy = new RedactedException(originalName(t));
      seen.put(t, copy);
      try {
        copy.setStackTrace(t.getStackTrace());
      } catch (RuntimeException | StackOverflowError e) {
        copy.setStackTrace(new StackTraceElement[0]);
      }
      if (depth < MAX_SUPPRESSED_DEPTH) {
        for (Throwable suppressed : t.getSuppressed()) {
          RedactedException other = copy(suppressed, seen, depth + 1);
          if (other != null) {
            copy.addSuppressed(other);
          }
        }
      }
      if (previous == null) {
        head = copy;
      } else {
        previous.initCause(copy);
      }
      previous = copy;
      try {
        t = t.getCause();
      } catch (RuntimeException | StackOverflowError e) {
        t = null;
      }
    }
    return head;
  }

  private static String originalName(Throwable t) {
    return t instanceof RedactedException redacted ? redacted.originalClassName()
        : t.getClass().getName();
  }
}
