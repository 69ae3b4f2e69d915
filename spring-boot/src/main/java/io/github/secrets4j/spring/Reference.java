package io.github.secrets4j.spring;

import io.github.secrets4j.AccessType;
import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretDefinitions;
import io.github.secrets4j.SecretReference;
import io.github.secrets4j.SecretType;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.spi.UntrustedText;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one entry of an import names, in the one reference grammar ({@link SecretReference}):
 * {@code group:NAME} gives one property per member of a defined group; every other form one
 * property. Parsing checks the form only; {@link #properties} binds it to a runtime.
 */
final class Reference {
  static final String GRAMMAR = SecretReference.GRAMMAR;

  private final SecretReference reference;

  private Reference(SecretReference reference) {
    this.reference = reference;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the reference and the grammar
   */
  static Reference parse(String text) {
    return new Reference(SecretReference.parse(text));
  }

  /**
   * The properties this reference gives under {@code property}: the property itself, or for a
   * group {@code property.<access>.<type>} per member (access and type lower case, only
   * {@code [a-z0-9-]} kept: {@code HTTP(S)} is {@code https}).
   *
   * @throws IllegalArgumentException if a key is invalid, a store cannot write, no loaded
   *     definition has the name, or two slots of a group give one property name (or one gives
   *     none)
   * @throws io.github.secrets4j.SecretProviderError if a store's provider is not available
   */
  Map<String, Secret> properties(String property, Secrets secrets) {
    Map<String, Secret> properties = new LinkedHashMap<>();
    switch (reference.form()) {
      case GROUP:
        Map<String, String> slots = new LinkedHashMap<>();
        for (SecretDefinitions.Member member : group(secrets).members()) {
          String slot = member.access().value() + "/" + member.type().value();
          String access = segment(member.access());
          String type = segment(member.type());
          if (access.isEmpty() || type.isEmpty()) {
            throw new IllegalArgumentException("The slot \"" + UntrustedText.escape(slot)
                + "\" of group \"" + UntrustedText.escape(reference.name()) + "\" gives no "
                + "property name (only [a-z0-9-] is kept); name it as group/NAME:ACCESS/TYPE");
          }
          String name = property + "." + access + "." + type;
          String other = slots.putIfAbsent(name, slot);
          if (other != null) {
            throw new IllegalArgumentException("The slots \"" + UntrustedText.escape(other)
                + "\" and \"" + UntrustedText.escape(slot) + "\" of group \""
                + UntrustedText.escape(reference.name()) + "\" both give property \""
                + UntrustedText.escape(name) + "\"; name them as group/NAME:ACCESS/TYPE");
          }
          properties.put(name, secrets.defined(member.secret()));
        }
        break;
      case DEFINED:
      case GROUP_SLOT:
        requireDefinitions(secrets);
        properties.put(property, reference.secret(secrets));
        break;
      default:
        properties.put(property, reference.secret(secrets));
        break;
    }
    return properties;
  }

  private SecretDefinitions.Group group(Secrets secrets) {
    requireDefinitions(secrets);
    String name = reference.name();
    Optional<SecretDefinitions.Group> group = secrets.definitions().groups().stream()
        .filter(g -> g.name().equals(name)).findFirst();
    if (group.isEmpty()) {
      // group() names the closest defined groups in its message.
      reference.group(secrets);
      throw new IllegalArgumentException("\"" + UntrustedText.escape(name) + "\" is no defined "
          + "group");
    }
    return group.get();
  }

  private void requireDefinitions(Secrets secrets) {
    if (secrets.definitions().isEmpty()) {
      throw new IllegalArgumentException("\"" + reference + "\" names a defined "
          + (reference.form() == SecretReference.Form.DEFINED ? "secret" : "group")
          + " but no definition file is loaded (secrets4j.definitions); " + GRAMMAR);
    }
  }

  private static String segment(AccessType access) {
    return segment(access.value());
  }

  private static String segment(SecretType type) {
    return segment(type.value());
  }

  private static String segment(String value) {
    return value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "");
  }

  @Override
  public String toString() {
    return reference.toString();
  }
}
