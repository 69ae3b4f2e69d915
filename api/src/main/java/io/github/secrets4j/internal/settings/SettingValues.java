package io.github.secrets4j.internal.settings;

import io.github.secrets4j.internal.Text;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar of typed settings, for the core and every provider: durations ({@code 0},
 * {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d} or ISO-8601 such as
 * {@code PT5M}, never negative), whole numbers, booleans ({@code true}/{@code false}) and comma
 * lists. A value that does not parse is an {@link InvalidSettingException} naming the setting,
 * what was expected and the value (escaped and bounded).
 */
public final class SettingValues {
  /** What a duration looks like, for messages. */
  public static final String DURATION = "a duration such as 0, 30s, 5m or PT5M";

  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

  private SettingValues() {}

  /** Parses a duration. */
  public static Duration duration(String key, String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    Matcher simple = SIMPLE.matcher(text);
    try {
      if (text.equals("0")) {
        return Duration.ZERO;
      } else if (simple.matches()) {
        long amount = Long.parseLong(simple.group(1));
        switch (simple.group(2)) {
          case "ms": return Duration.ofMillis(amount);
          case "s": return Duration.ofSeconds(amount);
          case "m": return Duration.ofMinutes(amount);
          case "h": return Duration.ofHours(amount);
          default: return Duration.ofDays(amount);
        }
      } else if (text.startsWith("p")) {
        Duration duration = Duration.parse(text.toUpperCase(Locale.ROOT));
        if (!duration.isNegative()) {
          return duration;
        }
      }
    } catch (DateTimeParseException | ArithmeticException e) {
      // Reported below.
    }
    throw invalid(key, value, DURATION);
  }

  /** Parses a whole number. */
  public static long whole(String key, String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw invalid(key, value, "a whole number");
    }
  }

  /** Parses {@code true} or {@code false}, ignoring case. */
  public static boolean bool(String key, String value) {
    String text = value.strip();
    if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
      throw invalid(key, value, "true or false");
    }
    return text.equalsIgnoreCase("true");
  }

  /** Splits a comma list, each item stripped, empty items dropped. */
  public static List<String> list(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.strip());
      }
    }
    return List.copyOf(items);
  }

  /** Returns the error for a value that is not what {@code expected} describes. */
  public static InvalidSettingException invalid(String key, String value, String expected) {
    return new InvalidSettingException(
        "Setting " + key + " must be " + expected + ", not \"" + Text.escape(value.strip()) + "\"");
  }
}
