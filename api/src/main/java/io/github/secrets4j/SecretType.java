package io.github.secrets4j;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a secret is: a password, a token, a username (Nautobot's secret types).
 *
 * <p>Equal by {@link #value()}. {@link #of(String)} returns the predefined constant for a known
 * value and a custom instance for any other non-blank value, so plugins can define their own.
 */
public final class SecretType implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Secret type "authentication-key" (Authentication Key). */
  public static final SecretType AUTHENTICATION_KEY = new SecretType("authentication-key", "Authentication Key", "AUTHENTICATION_KEY");

  /** Secret type "authentication-protocol" (Authentication Protocol). */
  public static final SecretType AUTHENTICATION_PROTOCOL = new SecretType("authentication-protocol", "Authentication Protocol", "AUTHENTICATION_PROTOCOL");

  /** Secret type "key" (Key). */
  public static final SecretType KEY = new SecretType("key", "Key", "KEY");

  /** Secret type "notes" (Notes). */
  public static final SecretType NOTES = new SecretType("notes", "Notes", "NOTES");

  /** Secret type "password" (Password). */
  public static final SecretType PASSWORD = new SecretType("password", "Password", "PASSWORD");

  /** Secret type "private-algorithm" (Private Algorithm). */
  public static final SecretType PRIVATE_ALGORITHM = new SecretType("private-algorithm", "Private Algorithm", "PRIVATE_ALGORITHM");

  /** Secret type "private-key" (Private Key). */
  public static final SecretType PRIVATE_KEY = new SecretType("private-key", "Private Key", "PRIVATE_KEY");

  /** Secret type "secret" (Secret). */
  public static final SecretType SECRET = new SecretType("secret", "Secret", "SECRET");

  /** Secret type "token" (Token). */
  public static final SecretType TOKEN = new SecretType("token", "Token", "TOKEN");

  /** Secret type "url" (URL). */
  public static final SecretType URL = new SecretType("url", "URL", "URL");

  /** Secret type "username" (Username). */
  public static final SecretType USERNAME = new SecretType("username", "Username", "USERNAME");

  private static final List<SecretType> PREDEFINED = List.of(AUTHENTICATION_KEY, AUTHENTICATION_PROTOCOL, KEY, NOTES, PASSWORD, PRIVATE_ALGORITHM, PRIVATE_KEY, SECRET, TOKEN, URL, USERNAME);

  private final String value;
  private final String label;
  private final transient String constantName;

  private SecretType(String value, String label, String constantName) {
    this.value = value;
    this.label = label;
    this.constantName = constantName;
  }

  /**
   * Returns the predefined constant whose value (or Java constant name) matches {@code value},
   * ignoring case, or else a custom instance with that value (stripped of surrounding blanks).
   *
   * @param value a value such as {@code "private-key"}
   * @return the constant or a custom instance, never {@code null}
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public static SecretType of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("SecretType value must not be blank");
    }
    String trimmed = value.strip();
    for (SecretType known : PREDEFINED) {
      if (known.value.equalsIgnoreCase(trimmed) || known.constantName.equalsIgnoreCase(trimmed)) {
        return known;
      }
    }
    return new SecretType(trimmed, trimmed, trimmed.toUpperCase(Locale.ROOT));
  }

  /** Returns the predefined constants, in Nautobot's order. */
  public static List<SecretType> values() {
    return PREDEFINED;
  }

  /** Returns Nautobot's value, for example {@code "private-key"}. */
  public String value() {
    return value;
  }

  /** Returns the human-readable label, for example {@code "Private Key"}; a custom type's is its value. */
  public String label() {
    return label;
  }

  private Object readResolve() {
    return of(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecretType && ((SecretType) other).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Returns the value. */
  @Override
  public String toString() {
    return value;
  }
}
