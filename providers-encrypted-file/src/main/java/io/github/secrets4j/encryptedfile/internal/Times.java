package io.github.secrets4j.encryptedfile.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@link Instant#parse} and {@link Instant#toString} for the store's times, without the cost of
 * {@code DateTimeFormatter} (most of the time of opening a store went there: three times per
 * entry). Each has a fast path for the one shape {@code Instant.toString} gives for the years 1970
 * to 9999 ({@code 2026-01-02T03:04:05.123Z}, the fraction absent or in groups of three digits) and
 * hands everything else to the JDK, so both return exactly what the JDK's methods return (and
 * {@link #parse} throws exactly when {@code Instant.parse} does).
 */
final class Times {
  /** 9999-12-31T23:59:59Z: the last second whose text has a four-digit year. */
  private static final long LAST_FAST_SECOND = 253_402_300_799L;

  private Times() {}

  /** What {@code Instant.toString()} returns. */
  static String format(Instant t) {
    byte[] ascii = ascii(t);
    return ascii == null ? t.toString() : new String(ascii, StandardCharsets.US_ASCII);
  }

  /** The UTF-8 bytes of {@code Instant.toString()}. */
  static byte[] utf8(Instant t) {
    byte[] ascii = ascii(t);
    return ascii == null ? t.toString().getBytes(StandardCharsets.UTF_8) : ascii;
  }

  /** The ASCII text of {@code Instant.toString()}, or null outside the fast path's years. */
  private static byte[] ascii(Instant t) {
    long seconds = t.getEpochSecond();
    if (seconds < 0 || seconds > LAST_FAST_SECOND) {
      return null;
    }
    LocalDateTime d = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    int nano = t.getNano();
    byte[] out = new byte[nano == 0 ? 20 : nano % 1_000_000 == 0 ? 24 : nano % 1_000 == 0 ? 27 : 30];
    digits(out, 0, d.getYear(), 4);
    out[4] = '-';
    digits(out, 5, d.getMonthValue(), 2);
    out[7] = '-';
    digits(out, 8, d.getDayOfMonth(), 2);
    out[10] = 'T';
    digits(out, 11, d.getHour(), 2);
    out[13] = ':';
    digits(out, 14, d.getMinute(), 2);
    out[16] = ':';
    digits(out, 17, d.getSecond(), 2);
    if (nano != 0) {
      out[19] = '.';
      int width = out.length - 21;
      digits(out, 20, nano / pow10(9 - width), width);
    }
    out[out.length - 1] = 'Z';
    return out;
  }

  /**
   * What {@code Instant.parse(text)} returns.
   *
   * @throws java.time.format.DateTimeParseException when {@code Instant.parse} throws it
   */
  static Instant parse(String text) {
    int length = text.length();
    if (length < 20 || length > 30 || length == 21 || text.charAt(length - 1) != 'Z'
        || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
        || text.charAt(13) != ':' || text.charAt(16) != ':') {
      return Instant.parse(text);
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    int nano = 0;
    if (length > 20) {
      if (text.charAt(19) != '.') {
        return Instant.parse(text);
      }
      int width = length - 21;
      int fraction = number(text, 20, width);
      nano = fraction < 0 ? -1 : fraction * pow10(9 - width);
    }
    if (year < 1970 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59 || nano < 0
        || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      return Instant.parse(text); // a leap second, 24:00, an invalid date...: the JDK decides
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(days * 86_400 + hour * 3_600 + minute * 60 + second, nano);
  }

  /** The decimal number of {@code width} ASCII digits at {@code from}, or -1. */
  private static int number(String text, int from, int width) {
    int n = 0;
    for (int i = from; i < from + width; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      n = n * 10 + digit;
    }
    return n;
  }

  private static void digits(byte[] out, int from, int value, int width) {
    for (int i = from + width - 1; i >= from; i--) {
      out[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }

  private static int pow10(int n) {
    int p = 1;
    for (int i = 0; i < n; i++) {
      p *= 10;
    }
    return p;
  }
}
