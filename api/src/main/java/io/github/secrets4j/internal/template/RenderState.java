package io.github.secrets4j.internal.template;

/**
 * What went wrong while rendering one parameter. One instance per render; never shared between
 * threads. Problems are kept by severity, the first of each kind: a refusal by the sandbox, then
 * an undefined value, then an object rendered as a whole (often a consequence of the others).
 */
final class RenderState {
  private static final ThreadLocal<RenderState> CURRENT = new ThreadLocal<>();

  private String refused;
  private int iterations;
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

  void refused(String what) {
    if (refused == null) {
      refused = what;
    }
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

  /** Returns the most telling problem, or {@code null} when rendering went well. */
  String problem() {
    if (refused != null) {
      return refused;
    }
    return undefined != null ? undefined : whole;
  }
}
