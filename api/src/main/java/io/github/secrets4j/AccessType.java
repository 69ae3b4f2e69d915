package io.github.secrets4j;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a secret is used: the protocol or channel it gives access to (Nautobot's access types).
 *
 * <p>Equal by {@link #value()}. {@link #of(String)} returns the predefined constant for a known
 * value and a custom instance for any other non-blank value, so plugins can define their own.
 */
public final class AccessType implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Access type "Generic" (Generic). */
  public static final AccessType GENERIC = new AccessType("Generic", "Generic", "GENERIC");

  /** Access type "Console" (Console). */
  public static final AccessType CONSOLE = new AccessType("Console", "Console", "CONSOLE");

  /** Access type "gNMI" (gNMI). */
  public static final AccessType GNMI = new AccessType("gNMI", "gNMI", "GNMI");

  /** Access type "HTTP(S)" (HTTP(S)). */
  public static final AccessType HTTP = new AccessType("HTTP(S)", "HTTP(S)", "HTTP");

  /** Access type "NETCONF" (NETCONF). */
  public static final AccessType NETCONF = new AccessType("NETCONF", "NETCONF", "NETCONF");

  /** Access type "REST" (REST). */
  public static final AccessType REST = new AccessType("REST", "REST", "REST");

  /** Access type "RESTCONF" (RESTCONF). */
  public static final AccessType RESTCONF = new AccessType("RESTCONF", "RESTCONF", "RESTCONF");

  /** Access type "SNMP" (SNMP). */
  public static final AccessType SNMP = new AccessType("SNMP", "SNMP", "SNMP");

  /** Access type "SSH" (SSH). */
  public static final AccessType SSH = new AccessType("SSH", "SSH", "SSH");

  private static final List<AccessType> PREDEFINED = List.of(GENERIC, CONSOLE, GNMI, HTTP, NETCONF, REST, RESTCONF, SNMP, SSH);

  private final String value;
  private final String label;
  private final transient String constantName;

  private AccessType(String value, String label, String constantName) {
    this.value = value;
    this.label = label;
    this.constantName = constantName;
  }

  /**
   * Returns the predefined constant whose value (or Java constant name) matches {@code value},
   * ignoring case, or else a custom instance with that value (stripped of surrounding blanks).
   *
   * @param value a value such as {@code "HTTP(S)"}
   * @return the constant or a custom instance, never {@code null}
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public static AccessType of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("AccessType value must not be blank");
    }
    String trimmed = value.strip();
    for (AccessType known : PREDEFINED) {
      if (known.value.equalsIgnoreCase(trimmed) || known.constantName.equalsIgnoreCase(trimmed)) {
        return known;
      }
    }
    return new AccessType(trimmed, trimmed, trimmed.toUpperCase(Locale.ROOT));
  }

  /** Returns the predefined constants, in Nautobot's order. */
  public static List<AccessType> values() {
    return PREDEFINED;
  }

  /** Returns Nautobot's value, for example {@code "HTTP(S)"}. */
  public String value() {
    return value;
  }

  /** Returns the human-readable label, for example {@code "HTTP(S)"}; a custom type's is its value. */
  public String label() {
    return label;
  }

  private Object readResolve() {
    return of(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AccessType && ((AccessType) other).value.equals(value);
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
