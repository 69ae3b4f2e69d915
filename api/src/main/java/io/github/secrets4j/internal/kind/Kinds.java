package io.github.secrets4j.internal.kind;

import io.github.secrets4j.SecretError;
import io.github.secrets4j.SecretKind;
import io.github.secrets4j.SecretUnexpectedError;
import io.github.secrets4j.SecretValueInvalidError;
import io.github.secrets4j.internal.RedactedException;
import io.github.secrets4j.internal.Text;

/**
 * Runs a kind's parser on a value and turns its failures into secrets4j's errors: the two places
 * that parse (a read by kind, a put's check) say the same thing. A kind's message is escaped and
 * bounded; a failure other than {@link IllegalArgumentException} loses its message.
 */
public final class Kinds {
  /** The longest part of a kind's message that is shown, in code points. */
  private static final int MAX_REASON = 1_000;

  private Kinds() {}

  /** Returns the kind's name, escaped, for a message. */
  public static String name(SecretKind<?> kind) {
    try {
      return Text.escape(kind.name());
    } catch (RuntimeException e) {
      return kind.getClass().getName();
    }
  }

  /**
   * Parses a value read for a secret.
   *
   * @throws SecretValueInvalidError if the kind refuses it
   * @throws SecretError as the kind threw it (a kind that reads another secret)
   * @throws SecretUnexpectedError if the kind failed otherwise or returned null
   */
  public static <T> T read(SecretKind<T> kind, String value, String secretName, String provider) {
    T parsed;
    try {
      parsed = kind.parse(value);
    } catch (SecretError e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new SecretValueInvalidError(secretName, provider, "The value is not of the kind \""
          + name(kind) + "\": " + Text.escape(e.getMessage(), MAX_REASON), RedactedException.of(e));
    } catch (RuntimeException e) {
      throw new SecretUnexpectedError(secretName, provider, "The kind \"" + name(kind)
          + "\" failed to parse the value: " + e.getClass().getName(), RedactedException.of(e));
    }
    if (parsed == null) {
      throw new SecretUnexpectedError(secretName, provider, "The kind \"" + name(kind)
          + "\" returned no value", null);
    }
    return parsed;
  }

  /**
   * Checks a value about to be put under {@code key} with {@link SecretKind#validate}.
   *
   * @throws IllegalArgumentException naming the key and the kind if the kind refuses the value or
   *     fails (a {@code parse} that returns null fails the default {@code validate})
   * @throws SecretError as the kind threw it
   */
  public static void check(SecretKind<?> kind, String value, String key) {
    String prefix = "Key \"" + Text.escape(key) + "\": ";
    try {
      kind.validate(value);
    } catch (SecretError e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(prefix + "the value is not of the kind \"" + name(kind)
          + "\": " + Text.escape(e.getMessage(), MAX_REASON) + "; nothing was written");
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(prefix + "the kind \"" + name(kind) + "\" failed to "
          + "check the value: " + e.getClass().getName() + "; nothing was written");
    }
  }
}
