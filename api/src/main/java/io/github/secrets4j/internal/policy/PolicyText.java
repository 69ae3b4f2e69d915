package io.github.secrets4j.internal.policy;

import io.github.secrets4j.internal.Slugs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the text form of a policy:
 * {@code slug[: param op value[|value...][, ...]][; ...]}. {@code \} escapes the next character;
 * in a {@code matches} pattern only {@code \;} and {@code \,} are unescaped, so regular-expression
 * escapes such as {@code \d} and {@code \|} survive.
 */
final class PolicyText {
  private PolicyText() {}

  /** A parsed rule. */
  record ParsedRule(String slug, List<Constraint> constraints) {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the rule and what is wrong
   */
  static List<ParsedRule> parse(String text) {
    List<ParsedRule> rules = new ArrayList<>();
    int index = 0;
    for (String ruleText : split(text, ';')) {
      index++;
      if (ruleText.isBlank()) {
        continue;
      }
      int colon = indexOfUnescaped(ruleText, ':');
      String slug = unescape(colon < 0 ? ruleText : ruleText.substring(0, colon)).strip();
      if (!Slugs.isValid(slug)) {
        throw new IllegalArgumentException(
            "policy rule " + index + ": \"" + slug + "\" is not a provider slug");
      }
      List<Constraint> constraints = new ArrayList<>();
      if (colon >= 0) {
        for (String constraintText : split(ruleText.substring(colon + 1), ',')) {
          if (constraintText.isBlank()) {
            throw new IllegalArgumentException("policy rule " + index + ": empty constraint");
          }
          constraints.add(constraint(constraintText.strip(), index));
        }
      }
      rules.add(new ParsedRule(slug, List.copyOf(constraints)));
    }
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("policy has no rule");
    }
    return List.copyOf(rules);
  }

  private static Constraint constraint(String text, int index) {
    String[] parts = text.split("\\s+", 3);
    if (parts.length < 3 || parts[2].isBlank()) {
      throw new IllegalArgumentException("policy rule " + index + ": \"" + unescape(text)
          + "\" is not \"parameter operator value\"");
    }
    String parameter = unescape(parts[0]);
    String operator = parts[1].toLowerCase(Locale.ROOT);
    String rest = parts[2];
    List<String> values = new ArrayList<>();
    switch (operator) {
      case "matches":
        values.add(rest.replace("\\;", ";").replace("\\,", ","));
        break;
      case "equals":
      case "prefix":
      case "under":
        for (String value : split(rest, '|')) {
          String unescaped = unescape(value).strip();
          if (unescaped.isEmpty()) {
            throw new IllegalArgumentException(
                "policy rule " + index + ": empty value for \"" + parameter + "\"");
          }
          values.add(unescaped);
        }
        break;
      default:
        throw new IllegalArgumentException("policy rule " + index + ": unknown operator \""
            + parts[1] + "\" (use equals, prefix, matches or under)");
    }
    return Constraint.of(operator, parameter, values);
  }

  /** Splits on unescaped {@code separator}, keeping escapes in the parts. */
  private static List<String> split(String text, char separator) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        current.append(c).append(text.charAt(++i));
      } else if (c == separator) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }

  private static int indexOfUnescaped(String text, char wanted) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        out.append(text.charAt(++i));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
