package io.github.secrets4j.internal.template;

import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The common shape of a parameter template, rendered without the template engine: text and
 * {@code {{ obj.a.b }}} expressions whose value is a string, optionally piped through
 * {@code upper}, {@code lower}, {@code trim} or {@code replace('x', 'y')}. For example
 * {@code /opt/{{ obj.site.slug }}/{{ obj.name }}.txt} or
 * {@code GIT_TOKEN_{{ obj.slug | replace('-', '_') | upper }}}.
 *
 * <p>It gives exactly what the engine would give, or nothing: {@link #parse} returns
 * {@code null} for any template outside that shape, and {@link #render} returns {@code null}
 * whenever the object does not fit it (an undefined property, a number, a list...), so the
 * caller renders with the engine, which also produces the canonical error. The engine is then
 * never loaded by applications whose templates all have the common shape.
 */
final class FastTemplate {
  /** Words of the expression language that cannot be property names there. */
  private static final Set<String> RESERVED = Set.of("and", "or", "not", "eq", "ne", "lt", "gt",
      "le", "ge", "true", "false", "null", "empty", "div", "mod", "instanceof", "is", "in", "if",
      "else", "obj");

  private final Object[] parts;

  private FastTemplate(Object[] parts) {
    this.parts = parts;
  }

  /** Returns the fast form of {@code template}, or {@code null} if it has another shape. */
  static FastTemplate parse(String template) {
    if (template.indexOf('\n') >= 0 || template.indexOf('\r') >= 0
        || template.contains("{%") || template.contains("{#") || template.contains("%}")
        || template.contains("#}")) {
      return null;
    }
    List<Object> parts = new ArrayList<>();
    int at = 0;
    while (at < template.length()) {
      int open = template.indexOf("{{", at);
      String text = template.substring(at, open < 0 ? template.length() : open);
      if (text.contains("}}") || text.contains("{{")) {
        return null;
      }
      if (!text.isEmpty()) {
        parts.add(text);
      }
      if (open < 0) {
        break;
      }
      int close = template.indexOf("}}", open + 2);
      if (close < 0) {
        return null;
      }
      Expression expression = Expression.parse(template.substring(open + 2, close));
      if (expression == null) {
        return null;
      }
      parts.add(expression);
      at = close + 2;
    }
    return new FastTemplate(parts.toArray());
  }

  /** Renders with {@code obj}, or returns {@code null} when the engine must render instead. */
  String render(Object obj) {
    if (obj == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(64);
    for (Object part : parts) {
      if (part instanceof String) {
        out.append((String) part);
      } else {
        String value = ((Expression) part).evaluate(obj);
        if (value == null) {
          return null;
        }
        out.append(value);
      }
      if (out.length() > TemplateEngine.MAX_OUTPUT) {
        return null;
      }
    }
    return out.toString();
  }

  /** {@code obj.a.b | filter | filter(...)}. */
  private static final class Expression {
    private final String[] path;
    private final Filter[] filters;

    private Expression(String[] path, Filter[] filters) {
      this.path = path;
      this.filters = filters;
    }

    static Expression parse(String text) {
      String[] pipes = text.split("\\|", -1);
      String head = pipes[0].strip();
      if (text.startsWith("-") || text.endsWith("-") || !head.equals("obj") && !head.startsWith("obj.")) {
        return null;
      }
      String[] segments = head.split("\\.", -1);
      String[] path = new String[segments.length - 1];
      for (int i = 1; i < segments.length; i++) {
        if (!isIdentifier(segments[i])) {
          return null;
        }
        path[i - 1] = segments[i];
      }
      Filter[] filters = new Filter[pipes.length - 1];
      for (int i = 1; i < pipes.length; i++) {
        filters[i - 1] = Filter.parse(pipes[i].strip());
        if (filters[i - 1] == null) {
          return null;
        }
      }
      return new Expression(path, filters);
    }

    String evaluate(Object obj) {
      Object value = unwrap(obj);
      try {
        for (String name : path) {
          if (value == null) {
            return null;
          }
          Object next = Properties.readOfObject(value, name);
          if (next == Properties.NOT_AN_OBJECT) {
            return null;
          }
          value = next == Properties.MISSING ? null : unwrap(next);
        }
      } catch (RuntimeException e) {
        return null;
      }
      if (!(value instanceof String || value instanceof CharSequence || value instanceof Enum
          || value instanceof UUID
          || value instanceof TemporalAccessor || value instanceof Character)) {
        return null;
      }
      // The application's objects may throw from toString(): the engine then reports it.
      try {
        String text = (String) Properties.scalar(value);
        for (Filter filter : filters) {
          text = filter.apply(text);
          if (text == null || text.length() > TemplateEngine.MAX_OUTPUT) {
            return null;
          }
        }
        return text;
      } catch (RuntimeException e) {
        return null;
      }
    }

    private static Object unwrap(Object value) {
      if (value instanceof Optional) {
        return ((Optional<?>) value).orElse(null);
      }
      return value;
    }

    private static boolean isIdentifier(String text) {
      if (text.isEmpty() || RESERVED.contains(text) || !Character.isLetter(text.charAt(0))
          && text.charAt(0) != '_') {
        return false;
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
          return false;
        }
      }
      return true;
    }
  }

  /** The filters the fast path knows, with the engine's exact string semantics. */
  private static final class Filter {
    private final String name;
    private final String from;
    private final String to;

    private Filter(String name, String from, String to) {
      this.name = name;
      this.from = from;
      this.to = to;
    }

    static Filter parse(String text) {
      switch (text) {
        case "upper":
        case "lower":
        case "trim":
          return new Filter(text, null, null);
        default:
          break;
      }
      if (!text.startsWith("replace") || !text.endsWith(")")) {
        return null;
      }
      String inside = text.substring("replace".length()).strip();
      if (!inside.startsWith("(")) {
        return null;
      }
      inside = inside.substring(1, inside.length() - 1);
      List<String> literals = new ArrayList<>();
      int at = 0;
      while (true) {
        while (at < inside.length() && inside.charAt(at) == ' ') {
          at++;
        }
        if (at >= inside.length()) {
          return null;
        }
        char quote = inside.charAt(at);
        if (quote != '\'' && quote != '"') {
          return null;
        }
        int end = inside.indexOf(quote, at + 1);
        if (end < 0) {
          return null;
        }
        String literal = inside.substring(at + 1, end);
        if (literal.indexOf('\\') >= 0 || literal.indexOf('\'') >= 0 || literal.indexOf('"') >= 0) {
          return null;
        }
        literals.add(literal);
        at = end + 1;
        while (at < inside.length() && inside.charAt(at) == ' ') {
          at++;
        }
        if (at == inside.length()) {
          break;
        }
        if (inside.charAt(at) != ',') {
          return null;
        }
        at++;
      }
      return literals.size() == 2 ? new Filter("replace", literals.get(0), literals.get(1)) : null;
    }

    String apply(String text) {
      switch (name) {
        case "upper":
          return text.toUpperCase();
        case "lower":
          return text.toLowerCase();
        case "trim":
          return text.trim();
        default:
          // As the engine's replace (commons-lang StringUtils.replace): an empty search string
          // changes nothing.
          return from.isEmpty() ? text : text.replace(from, to);
      }
    }
  }
}
