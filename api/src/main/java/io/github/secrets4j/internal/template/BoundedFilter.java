package io.github.secrets4j.internal.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One allowed filter, bounded: each call spends steps in proportion to its input, and a filter
 * whose result can be much larger than its input ({@code replace}, {@code regex_replace},
 * {@code join}) is refused before it allocates more than {@link TemplateEngine#MAX_OUTPUT}
 * characters. Everything else is the engine's own filter.
 */
final class BoundedFilter implements Filter {
  private final Filter engine;

  BoundedFilter(Filter engine) {
    this.engine = engine;
  }

  @Override
  public String getName() {
    return engine.getName();
  }

  @Override
  public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
    return filter(var, interpreter, (Object[]) args, Map.of());
  }

  @Override
  public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args,
      Map<String, Object> kwargs) {
    RenderState state = RenderState.current();
    if (state != null) {
      state.spend(1 + size(var) / 256);
    }
    Object result;
    switch (engine.getName()) {
      case "replace":
        checkReplace(var, args);
        result = engine.filter(var, interpreter, args, kwargs);
        break;
      case "regex_replace":
        result = regexReplace(var, interpreter, args, kwargs, state);
        break;
      case "join":
        for (Object key : kwargs.values()) {
          AllowList.checkKey(key);
        }
        if (args.length > 1) {
          AllowList.checkKey(args[1]);
        }
        // The engine's join silently truncates at the string limit: refuse instead, before.
        checkJoin(var, args);
        result = engine.filter(var, interpreter, args, kwargs);
        break;
      default:
        result = engine.filter(var, interpreter, args, kwargs);
        break;
    }
    if (result instanceof CharSequence && ((CharSequence) result).length() > TemplateEngine.MAX_OUTPUT) {
      throw tooLong(engine.getName());
    }
    return result;
  }

  private static int size(Object var) {
    if (var instanceof CharSequence) {
      return ((CharSequence) var).length();
    }
    if (var instanceof Collection) {
      return ((Collection<?>) var).size();
    }
    return 0;
  }

  /** The size of {@code join}'s result, estimated from above before the engine builds it. */
  private static void checkJoin(Object var, Object[] args) {
    long separator = args.length > 0 && args[0] != null ? args[0].toString().length() : 0;
    if (var instanceof CharSequence) {
      // A string is joined character by character.
      if (((CharSequence) var).length() * (1 + separator) > TemplateEngine.MAX_OUTPUT + separator) {
        throw tooLong("join");
      }
      return;
    }
    if (!(var instanceof Collection)) {
      return;
    }
    long length = 0;
    for (Object item : (Collection<?>) var) {
      // Numbers and booleans print in at most 24 characters; whole objects are refused anyway.
      length += (item instanceof CharSequence ? ((CharSequence) item).length() : 24) + separator;
      if (length > TemplateEngine.MAX_OUTPUT + separator) {
        throw tooLong("join");
      }
    }
  }

  /** The size of {@code replace}'s result, computed before the engine builds it. */
  private static void checkReplace(Object var, Object[] args) {
    if (!(var instanceof String) || args.length < 2 || args[0] == null || args[1] == null) {
      return;
    }
    String text = (String) var;
    String from = args[0].toString();
    String to = args[1].toString();
    if (from.isEmpty() || to.length() <= from.length()) {
      return;
    }
    long limit = Long.MAX_VALUE;
    if (args.length > 2 && args[2] != null) {
      try {
        limit = Long.parseLong(args[2].toString().strip());
      } catch (NumberFormatException e) {
        return; // the engine reports it
      }
    }
    long matches = 0;
    for (int at = text.indexOf(from); at >= 0 && matches < limit;
        at = text.indexOf(from, at + from.length())) {
      matches++;
    }
    if (text.length() + matches * (to.length() - from.length()) > TemplateEngine.MAX_OUTPUT) {
      throw tooLong("replace");
    }
  }

  /** The engine's regex_replace, built within the output limit and the step budget. */
  private Object regexReplace(Object var, JinjavaInterpreter interpreter, Object[] args,
      Map<String, Object> kwargs, RenderState state) {
    if (!(var instanceof String) || args.length < 2 || args[0] == null || args[1] == null
        || ((String) var).length() > TemplateEngine.MAX_OUTPUT) {
      return engine.filter(var, interpreter, args, kwargs); // its own errors
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(args[0].toString());
    } catch (PatternSyntaxException e) {
      return engine.filter(var, interpreter, args, kwargs); // its own error
    }
    Matcher matcher = pattern.matcher(new Metered((String) var, state));
    String replacement = args[1].toString();
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, replacement);
      if (out.length() > TemplateEngine.MAX_OUTPUT) {
        throw tooLong("regex_replace");
      }
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static RuntimeException tooLong(String filter) {
    return RenderState.refusal("the result of |" + filter + " would be longer than "
        + TemplateEngine.MAX_OUTPUT + " characters");
  }

  /** Text whose reading by a regular expression spends steps (backtracking is bounded). */
  private static final class Metered implements CharSequence {
    private final String text;
    private final RenderState state;
    private int reads;

    Metered(String text, RenderState state) {
      this.text = text;
      this.state = state;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      if (++reads == 1024) {
        reads = 0;
        if (state != null) {
          state.spend(1);
        }
      }
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.substring(start, end);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
