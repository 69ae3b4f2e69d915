package io.github.secrets4j;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * What {@link AccessType} and {@link SecretType} share: an open set of values, some predefined,
 * looked up ignoring case, equal by class and value.
 */
abstract class SlotKind implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String value;
  private final String label;
  private final transient String constantName;

  SlotKind(String value, String label, String constantName) {
    this.value = value;
    this.label = label;
    this.constantName = constantName;
  }

  /**
   * Returns the predefined constant whose value or Java constant name matches {@code value},
   * ignoring case, or else {@code custom(value, VALUE)} with the value stripped.
   */
  static <T extends SlotKind> T of(String value, List<T> predefined,
      BiFunction<String, String, T> custom, String type) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException(type + " value must not be blank");
    }
    String trimmed = value.strip();
    for (T known : predefined) {
      SlotKind kind = known;
      if (kind.value.equalsIgnoreCase(trimmed) || kind.constantName.equalsIgnoreCase(trimmed)) {
        return known;
      }
    }
    return custom.apply(trimmed, trimmed.toUpperCase(Locale.ROOT));
  }

  /**
   * Returns Nautobot's value, for example {@code "HTTP(S)"} or {@code "private-key"}.
   *
   * @return the value, stripped, never blank
   */
  public final String value() {
    return value;
  }

  /**
   * Returns the human-readable label; a custom value's is the value itself.
   *
   * @return the label, for example {@code "Password"}
   */
  public final String label() {
    return label;
  }

  @Override
  public final boolean equals(Object other) {
    return other != null && other.getClass() == getClass() && ((SlotKind) other).value.equals(value);
  }

  @Override
  public final int hashCode() {
    return value.hashCode();
  }

  /** Returns the value. */
  @Override
  public final String toString() {
    return value;
  }
}
