package io.github.secrets4j.spring;

import io.github.secrets4j.AccessType;
import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretDefinitions;
import io.github.secrets4j.SecretType;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.internal.Text;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one entry of an import names, the command line's grammar plus groups:
 * {@code secret:KEY} (default store), {@code env:NAME}, {@code file:/absolute/path},
 * {@code KEY@STORE}, {@code group:NAME} (a defined group: one property per member) or else the
 * name of a defined secret. Parsing checks the form only; {@link #properties} binds it to a
 * runtime.
 */
final class Reference {
  static final String GRAMMAR = "a reference is secret:KEY, KEY@STORE, env:NAME, "
      + "file:/absolute/path, group:NAME or the name of a defined secret";

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private enum Form { DEFAULT_STORE, STORE, ENV, FILE, GROUP, DEFINED }

  private final String text;
  private final Form form;
  private final String name;
  private final String store;

  private Reference(String text, Form form, String name, String store) {
    this.text = text;
    this.form = form;
    this.name = name;
    this.store = store;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the reference and the grammar
   */
  static Reference parse(String text) {
    if (text.isBlank()) {
      throw invalid(text, "it is blank");
    }
    if (text.chars().anyMatch(Character::isISOControl)) {
      throw invalid(text, "it holds a control character");
    }
    if (text.contains("{{") || text.contains("{%") || text.contains("{#")) {
      throw invalid(text, "it must not hold a template ({{, {% or {#)");
    }
    if (text.startsWith("secret:")) {
      return new Reference(text, Form.DEFAULT_STORE, rest(text, "secret:", "KEY"), null);
    }
    if (text.startsWith("env:")) {
      return new Reference(text, Form.ENV, rest(text, "env:", "NAME"), null);
    }
    if (text.startsWith("group:")) {
      return new Reference(text, Form.GROUP, rest(text, "group:", "NAME"), null);
    }
    if (text.startsWith("file:")) {
      String path = rest(text, "file:", "/path");
      if (!path.startsWith("/")) {
        throw invalid(text, "the path of file: must be absolute");
      }
      return new Reference(text, Form.FILE, path, null);
    }
    int at = text.lastIndexOf('@');
    if (at > 0 && SLUG.matcher(text.substring(at + 1)).matches()) {
      return new Reference(text, Form.STORE, text.substring(0, at), text.substring(at + 1));
    }
    return new Reference(text, Form.DEFINED, text, null);
  }

  private static String rest(String text, String prefix, String what) {
    String rest = text.substring(prefix.length());
    if (rest.isEmpty()) {
      throw invalid(text, what + " is missing");
    }
    return rest;
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("Invalid reference \"" + Text.escape(text, 200) + "\": "
        + why + "; " + GRAMMAR);
  }

  /**
   * The properties this reference gives under {@code property}: the property itself, or for a
   * group {@code property.<access>.<type>} per member (access and type lower case, only
   * {@code [a-z0-9-]} kept: {@code HTTP(S)} is {@code https}).
   *
   * @throws IllegalArgumentException if a key is invalid, a store cannot write, or no loaded
   *     definition has the name
   * @throws io.github.secrets4j.SecretProviderError if a store's provider is not available
   */
  Map<String, Secret> properties(String property, Secrets secrets) {
    Map<String, Secret> properties = new LinkedHashMap<>();
    switch (form) {
      case DEFAULT_STORE:
        properties.put(property, secrets.store().secret(name));
        break;
      case STORE:
        properties.put(property, secrets.store(store).secret(name));
        break;
      case ENV:
        properties.put(property, secrets.secret(text).slug("env")
            .provider("environment-variable").parameter("variable", name).build());
        break;
      case FILE:
        properties.put(property, secrets.secret(text).slug("file").provider("text-file")
            .parameter("path", name).build());
        break;
      case GROUP:
        SecretDefinitions.Group group = group(secrets);
        for (SecretDefinitions.Member member : group.members()) {
          properties.put(property + "." + segment(member.access()) + "." + segment(member.type()),
              secrets.defined(member.secret()));
        }
        break;
      default:
        requireDefinitions(secrets);
        properties.put(property, secrets.defined(name));
        break;
    }
    return properties;
  }

  private SecretDefinitions.Group group(Secrets secrets) {
    requireDefinitions(secrets);
    Optional<SecretDefinitions.Group> group = secrets.definitions().groups().stream()
        .filter(g -> g.name().equals(name)).findFirst();
    if (group.isEmpty()) {
      // definedGroup names the closest defined groups in its message.
      secrets.definedGroup(name);
      throw new IllegalArgumentException("\"" + Text.escape(name, 200) + "\" is no defined group");
    }
    return group.get();
  }

  private void requireDefinitions(Secrets secrets) {
    if (secrets.definitions().isEmpty()) {
      throw new IllegalArgumentException("\"" + Text.escape(text, 200) + "\" names a defined "
          + (form == Form.GROUP ? "group" : "secret") + " but no definition file is loaded "
          + "(secrets4j.definitions); " + GRAMMAR);
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
    return Text.escape(text, 200);
  }
}
