package io.github.secrets4j;

import java.util.Objects;

/**
 * Thrown when a {@link SecretsGroup} has no secret for the (access type, secret type) slot asked
 * for. Unlike Nautobot, where this is a generic "does not exist" error, it is a
 * {@link SecretError}, so one {@code catch} handles every secret failure.
 *
 * <p>No secret and no provider are concerned: {@link #secretName()} is the group's name (as
 * {@link #groupName()}) and {@link #provider()} is {@value #PROVIDER}.
 */
public class SecretsGroupError extends SecretError {
  private static final long serialVersionUID = 1L;

  /** What {@link #provider()} returns for a group error. */
  public static final String PROVIDER = "secrets-group";

  /** @serial the group's name */
  private final String groupName;
  /** @serial the value ({@link AccessType#value()}) of the empty slot's access type */
  private final String accessType;
  /** @serial the value ({@link SecretType#value()}) of the empty slot's secret type */
  private final String secretType;

  /**
   * Creates the error.
   *
   * @param groupName the group's name
   * @param accessType the access type of the empty slot
   * @param secretType the secret type of the empty slot
   */
  public SecretsGroupError(String groupName, AccessType accessType, SecretType secretType) {
    super(
        "Secrets group \"" + Objects.requireNonNull(groupName, "groupName")
            + "\": " + reasonFor(accessType, secretType),
        groupName,
        PROVIDER,
        reasonFor(accessType, secretType),
        null);
    this.groupName = groupName;
    this.accessType = accessType.value();
    this.secretType = secretType.value();
  }

  private static String reasonFor(AccessType accessType, SecretType secretType) {
    Objects.requireNonNull(accessType, "accessType");
    Objects.requireNonNull(secretType, "secretType");
    return "no secret for access type \"" + accessType.value() + "\" and secret type \""
        + secretType.value() + "\"";
  }

  /**
   * Returns the name of the group that has no secret in the slot.
   *
   * @return the group's name
   */
  public String groupName() {
    return groupName;
  }

  /**
   * Returns the access type of the empty slot.
   *
   * @return a predefined constant, or a custom access type with the same value
   */
  public AccessType accessType() {
    return AccessType.of(accessType);
  }

  /**
   * Returns the secret type of the empty slot.
   *
   * @return a predefined constant, or a custom secret type with the same value
   */
  public SecretType secretType() {
    return SecretType.of(secretType);
  }
}
