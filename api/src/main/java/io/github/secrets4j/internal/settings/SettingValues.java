package io.github.secrets4j.internal.settings;

import io.github.secrets4j.internal.Text;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one grammar of typed settings, for the core and every provider: durations ({@code 0},
 * {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d} or ISO-8601 such as
 * {@code PT5M}), whole numbers, booleans ({@code true}/{@code false}) and comma lists. A value
 * that does not parse is an {@link InvalidSettingException} naming the setting, what was
 * expected and the value (escaped and bounded).
 */
public final class SettingValues {
  /** What a duration looks like, for messages. */
  public static final String DURATION = "a duration such as 0, 30s, 5m or PT5M";

  private SettingValues() {}

  /** Parses a duration, not negative. */
  public static Duration duration(String key, String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    int unit = 0;
    while (unit < text.length() && unit < 13 && Character.isDigit(text.charAt(unit))) {
      unit++;
    }
    if (unit > 0 && unit <= 12) {
      long amount = Long.parseLong(text.substring(0, unit));
      switch (text.substring(unit).strip()) {
        case "ms":
          return Duration.ofMillis(amount);
        case "s":
          return Duration.ofSeconds(amount);
        case "m":
          return Duration.ofMinutes(amount);
        case "h":
          return Duration.ofHours(amount);
        case "d":
          return Duration.ofDays(amount);
        default:
          break;
      }
    }
    if (text.startsWith("p")) {
      try {
        Duration duration = Duration.parse(text.toUpperCase(Locale.ROOT));
        if (!duration.isNegative()) {
          return duration;
        }
      } catch (DateTimeParseException | ArithmeticException e) {
        // Reported below.
      }
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
    if (text.equalsIgnoreCase("true")) {
      return true;
    }
    if (text.equalsIgnoreCase("false")) {
      return false;
    }
    throw invalid(key, value, "true or false");
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
