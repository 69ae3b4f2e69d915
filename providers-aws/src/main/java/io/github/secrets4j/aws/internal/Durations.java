package io.github.secrets4j.aws.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations of settings: {@code 500ms}, {@code 5s}, {@code 2m} or ISO-8601 {@code PT5S}. */
public final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)");

  private Durations() {}

  /**
   * Returns the duration {@code text} spells, or empty when it is not a duration.
   *
   * @param text a setting value, already stripped
   */
  public static Optional<Duration> parse(String text) {
    String lower = text.strip().toLowerCase(Locale.ROOT);
    Matcher simple = SIMPLE.matcher(lower);
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      switch (simple.group(2)) {
        case "ms":
          return Optional.of(Duration.ofMillis(amount));
        case "s":
          return Optional.of(Duration.ofSeconds(amount));
        default:
          return Optional.of(Duration.ofMinutes(amount));
      }
    }
    if (lower.startsWith("pt")) {
      try {
        return Optional.of(Duration.parse(text.strip().toUpperCase(Locale.ROOT)));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
