package io.github.secrets4j;

import java.util.List;

/**
 * What a secret is: a password, a token, a username (Nautobot's secret types).
 *
 * <p>Equal by {@link #value()}. {@link #of(String)} returns the predefined constant for a known
 * value and a custom instance for any other non-blank value, so plugins can define their own.
 */
public final class SecretType extends SlotKind {
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

  private SecretType(String value, String label, String constantName) {
    super(value, label, constantName);
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
    return of(value, PREDEFINED, (custom, constant) -> new SecretType(custom, custom, constant), "SecretType");
  }

  /**
   * Returns the predefined constants, in Nautobot's order.
   *
   * @return the predefined constants, unmodifiable; custom values are not included
   */
  public static List<SecretType> values() {
    return PREDEFINED;
  }

  /**
   * Replaces a deserialized instance with the predefined constant of the same value, so that
   * constants stay unique and {@code ==} keeps working after serialization.
   *
   * @return the constant, or a custom instance for a custom value
   */
  private Object readResolve() {
    return of(value());
  }
}
