package io.github.secrets4j.internal.template;

/**
 * What went wrong while rendering one parameter, and the work it has done. One instance per
 * render; never shared between threads. Problems are kept by severity, the first of each kind: a
 * refusal by the sandbox, then an undefined value, then an object rendered as a whole (often a
 * consequence of the others).
 */
final class RenderState {
  private static final ThreadLocal<RenderState> CURRENT = new ThreadLocal<>();

  private String refused;
  private int iterations;
  private int steps;
  private String undefined;
  private String whole;

  static RenderState current() {
    return CURRENT.get();
  }

  static RenderState enter() {
    RenderState state = new RenderState();
    CURRENT.set(state);
    return state;
  }

  static void exit() {
    CURRENT.remove();
  }

  /** Records {@code what} as the current render's refusal and returns the exception to throw. */
  static RuntimeException refusal(String what) {
    RenderState state = current();
    if (state != null) {
      state.refused(what);
    }
    return new SandboxElResolver.SandboxViolation(what);
  }

  void refused(String what) {
    if (refused == null) {
      refused = what;
    }
  }

  boolean hasRefused() {
    return refused != null;
  }

  void undefined(String path) {
    if (undefined == null) {
      undefined = path + " is undefined";
    }
  }

  void wholeObject(String what) {
    if (whole == null) {
      whole = what;
    }
  }

  /** Counts one loop iteration; returns false once the render's budget is spent. */
  boolean spendIteration() {
    return ++iterations <= TemplateEngine.MAX_LOOP_ITERATIONS;
  }

  /**
   * Spends {@code count} steps of the render's budget: a name resolved, an expression evaluated,
   * a filter applied (more for a long input).
   *
   * @throws SandboxElResolver.SandboxViolation once the budget is spent
   */
  void spend(int count) {
    steps += count;
    if (steps > TemplateEngine.MAX_STEPS || steps < 0) {
      String what = "rendering took more than " + TemplateEngine.MAX_STEPS
          + " steps (names resolved, expressions evaluated, filter input)";
      refused(what);
      throw new SandboxElResolver.SandboxViolation(what);
    }
  }

  /** Returns the most telling problem, or {@code null} when rendering went well. */
  String problem() {
    if (refused != null) {
      return refused;
    }
    return undefined != null ? undefined : whole;
  }
}
