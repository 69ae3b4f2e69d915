package io.github.secrets4j.benchmarks;

/** Setup checks: both sides of a comparison must give the same answer before either is timed. */
final class Checks {
  private Checks() {}

  /**
   * Throws unless every one of {@code actual} equals {@code expected}.
   *
   * @param what the comparison, for the message (values are benchmark fixtures, not secrets)
   */
  static void same(String what, String expected, String... actual) {
    for (int i = 0; i < actual.length; i++) {
      if (!expected.equals(actual[i])) {
        throw new IllegalStateException(what + ": side " + i + " gave \"" + actual[i]
            + "\", expected \"" + expected + "\"");
      }
    }
  }
}
