package io.github.secrets4j.encryptedfile.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The store's fast time text is the JDK's, to the byte, accepted and refused alike. */
class TimesTest {
  private static final long LAST_FOUR_DIGIT_YEAR = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

  @Test
  void formatAndParseAgreeWithTheJdkOnRandomInstants() {
    Random random = new Random(11);
    for (int i = 0; i < 200_000; i++) {
      long seconds = switch (i % 4) {
        case 0 -> random.nextLong() % 4_000_000_000L; // around 1970, both sides
        case 1 -> Math.floorMod(random.nextLong(), LAST_FOUR_DIGIT_YEAR + 1_000_000);
        case 2 -> Instant.now().getEpochSecond() + random.nextInt(1_000_000);
        default -> random.nextLong() % Instant.MAX.getEpochSecond();
      };
      int nano = switch (i % 5) {
        case 0 -> 0;
        case 1 -> random.nextInt(1_000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant t = Instant.ofEpochSecond(seconds, nano);
      String text = t.toString();
      assertThat(Times.format(t)).as("format of %s", text).isEqualTo(text);
      assertThat(Times.utf8(t)).as("utf8 of %s", text).isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(Times.parse(text)).as("parse of %s", text).isEqualTo(t);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00Z",
      "2026-01-02T03:04:05.1Z", "2026-01-02T03:04:05.12Z", "2026-01-02T03:04:05.1234Z",
      "2026-01-02T03:04:05.000Z", "2026-01-02T03:04:05.100000000Z", "1969-12-31T23:59:59Z",
      "0000-01-01T00:00:00Z", "2026-01-02t03:04:05z", "2026-06-30T23:59:60Z", "2026-01-02T24:00:00Z",
      "2026-01-02T03:04:05+01:00", "+10000-01-01T00:00:00Z", "2026-01-02T03:04Z", "2026-01-01T00:00:00.Z"})
  void textsTheJdkAcceptsParseToTheSameInstant(String text) {
    Instant expected;
    try {
      expected = Instant.parse(text);
    } catch (DateTimeParseException e) {
      assertThatThrownBy(() -> Times.parse(text)).isInstanceOf(DateTimeParseException.class);
      return;
    }
    assertThat(Times.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2026", "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
      "2026-01-01T25:00:00Z", "2026-01-01T00:60:00Z", "2026-01-01T00:00:61Z",
      "2026-01-01T00:00:00.1234567890Z", "2026-01-01T00:00:00", "2026-01-01 00:00:00Z", "2026-0a-01T00:00:00Z",
      "2026-01-01T00:00:00.12a4Z", "x026-01-01T00:00:00Z", "2026-01-01T00:00:00ZZ"})
  void textsTheJdkRefusesAreRefused(String text) {
    assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> Times.parse(text)).isInstanceOf(DateTimeParseException.class);
  }
}
