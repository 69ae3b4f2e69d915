package io.github.secrets4j.internal;

import com.hubspot.jinjava.lib.fn.Functions;
import java.util.List;

/** Replacements for engine functions whose stock behaviour is unsafe or silently lossy. */
public final class StrictFunctions {
  private StrictFunctions() {}

  /**
   * {@code range()} that refuses more than {@link TemplateEngine#MAX_RANGE} items instead of
   * silently truncating the sequence as the stock function does.
   */
  public static List<Integer> range(Object arg1, Object... args) {
    long start = 0;
    long end;
    long step = 1;
    if (args == null || args.length == 0) {
      end = toLong(arg1);
    } else {
      start = toLong(arg1);
      end = toLong(args[0]);
      if (args.length > 1) {
        step = toLong(args[1]);
      }
    }
    if (step == 0) {
      throw refuse("range() step must not be zero");
    }
    long count = step > 0 ? (end - start + step - 1) / step : (start - end - step - 1) / -step;
    if (count > TemplateEngine.MAX_RANGE) {
      throw refuse("range() of " + count + " items exceeds the limit of " + TemplateEngine.MAX_RANGE);
    }
    return Functions.range(arg1, args);
  }

  private static long toLong(Object value) {
    if (value instanceof Number) {
      return ((Number) value).longValue();
    }
    try {
      return Long.parseLong(String.valueOf(value).strip());
    } catch (NumberFormatException e) {
      throw refuse("range() takes whole numbers");
    }
  }

  private static RuntimeException refuse(String what) {
    RenderState state = RenderState.current();
    if (state != null) {
      state.refused(what);
    }
    return new SandboxElResolver.SandboxViolation(what);
  }
}
