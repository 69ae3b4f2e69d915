package io.github.secrets4j.internal.template;

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
    // The stock function works on ints and silently truncates; refuse what it would not honour.
    if (!fitsInt(start) || !fitsInt(end) || !fitsInt(step)) {
      throw refuse("range() takes whole numbers between " + Integer.MIN_VALUE + " and "
          + Integer.MAX_VALUE);
    }
    // In long arithmetic, with int inputs, neither the span nor the count can overflow.
    long span = step > 0 ? end - start : start - end;
    long count = span <= 0 ? 0 : (span - 1) / Math.abs(step) + 1;
    if (count > TemplateEngine.MAX_RANGE) {
      throw refuse("range() of " + count + " items exceeds the limit of " + TemplateEngine.MAX_RANGE);
    }
    return Functions.range(arg1, args);
  }

  private static boolean fitsInt(long value) {
    return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
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
    return RenderState.refusal(what);
  }
}
