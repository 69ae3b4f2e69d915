package io.github.secrets4j;

import java.util.List;

/**
 * How a secret is used: the protocol or channel it gives access to (Nautobot's access types).
 *
 * <p>Equal by {@link #value()}. {@link #of(String)} returns the predefined constant for a known
 * value and a custom instance for any other non-blank value, so plugins can define their own.
 */
public final class AccessType extends SlotKind {
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

  private AccessType(String value, String label, String constantName) {
    super(value, label, constantName);
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
    return of(value, PREDEFINED, (custom, constant) -> new AccessType(custom, custom, constant), "AccessType");
  }

  /**
   * Returns the predefined constants, in Nautobot's order.
   *
   * @return the predefined constants, unmodifiable; custom values are not included
   */
  public static List<AccessType> values() {
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
