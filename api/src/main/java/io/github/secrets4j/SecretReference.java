package io.github.secrets4j;

import io.github.secrets4j.internal.Slugs;
import io.github.secrets4j.internal.Text;
import java.util.Objects;
import java.util.Optional;

/**
 * A secret named in one line of text: the one grammar of every place outside Java code that
 * names a secret (the command line, Spring Boot imports, MicroProfile Config, Kafka
 * placeholders). Tried in this order:
 *
 * <ol>
 *   <li>{@code secret:KEY}: {@code KEY} in the default store ({@link Secrets#store()});
 *   <li>{@code env:NAME}: the environment variable {@code NAME} (provider
 *       {@code environment-variable});
 *   <li>{@code file:/path}: the text file at an absolute path (provider {@code text-file});
 *   <li>{@code group/NAME:ACCESS/TYPE}: the secret in the slot (access type, secret type) of the
 *       group a definition file declares under {@code NAME} (cut at the first {@code :}, then
 *       the slot at the first {@code /}), such as {@code group/napalm:generic/password};
 *   <li>{@code group:NAME}: a whole defined group, where a place takes several secrets;
 *   <li>{@code KEY@STORE}: {@code KEY} in the store of provider {@code STORE}, cut at the last
 *       {@code @}, when what follows it is a slug (lower-case ASCII letters, digits, {@code -} and
 *       {@code _}, not starting with {@code -});
 *   <li>anything else: the name of a secret in the loaded definition files.
 * </ol>
 *
 * <p>So a defined secret whose name starts with {@code secret:}, {@code env:}, {@code file:} or
 * {@code group}, or ends in {@code @slug}, cannot be named here. No reference holds a control
 * character or a template (<code>{{</code>, <code>{%</code>, <code>{#</code>): names and paths become
 * a secret's parameters, which are templates. {@link #parse} checks the form only;
 * {@link #secret(Secrets)} finds the store, the definition or the group. A reference is a value:
 * equal when its text is; its {@link #toString()} is the text escaped.
 */
public final class SecretReference {
  /** What every error about a reference says the grammar is. */
  public static final String GRAMMAR = "a reference is secret:KEY, KEY@STORE, env:NAME, "
      + "file:/absolute/path, group/NAME:ACCESS/TYPE, group:NAME or the name of a defined secret";

  /** The forms of a reference. */
  public enum Form {
    /** {@code secret:KEY}: a key of the default store. */
    DEFAULT_STORE,
    /** {@code KEY@STORE}: a key of the store of a named provider. */
    STORE,
    /** {@code env:NAME}: an environment variable. */
    ENV,
    /** {@code file:/path}: a text file. */
    FILE,
    /** {@code group/NAME:ACCESS/TYPE}: one slot of a defined group. */
    GROUP_SLOT,
    /** {@code group:NAME}: a whole defined group. */
    GROUP,
    /** The name of a defined secret. */
    DEFINED
  }

  private final String text;
  private final Form form;
  private final String name;
  private final String store;
  private final AccessType access;
  private final SecretType type;

  private SecretReference(String text, Form form, String name, String store, AccessType access,
      SecretType type) {
    this.text = text;
    this.form = form;
    this.name = name;
    this.store = store;
    this.access = access;
    this.type = type;
  }

  /**
   * Parses {@code text}.
   *
   * @param text the reference, such as {@code secret:db-password}
   * @return the reference
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException naming the reference (escaped) and the grammar when it has
   *     none of the forms, is blank, or holds a control character or a template
   */
  public static SecretReference parse(String text) {
    Objects.requireNonNull(text, "text");
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
      return of(text, Form.DEFAULT_STORE, rest(text, "secret:", "KEY"), null);
    }
    if (text.startsWith("env:")) {
      return of(text, Form.ENV, rest(text, "env:", "NAME"), null);
    }
    if (text.startsWith("file:")) {
      String path = rest(text, "file:", "/path");
      if (!path.startsWith("/")) {
        throw invalid(text, "the path of file: must be absolute");
      }
      return of(text, Form.FILE, path, null);
    }
    if (text.startsWith("group:")) {
      return of(text, Form.GROUP, rest(text, "group:", "NAME"), null);
    }
    if (text.startsWith("group/")) {
      return slot(text);
    }
    int at = text.lastIndexOf('@');
    if (at > 0 && Slugs.isValid(text.substring(at + 1))) {
      return of(text, Form.STORE, text.substring(0, at), text.substring(at + 1));
    }
    return of(text, Form.DEFINED, text, null);
  }

  private static SecretReference of(String text, Form form, String name, String store) {
    return new SecretReference(text, form, name, store, null, null);
  }

  private static SecretReference slot(String text) {
    int colon = text.indexOf(':');
    int slash = colon < 0 ? -1 : text.indexOf('/', colon + 1);
    if (colon <= "group/".length() || slash == colon + 1 || slash < 0
        || slash == text.length() - 1) {
      throw invalid(text, "a group's slot is group/NAME:ACCESS/TYPE, such as "
          + "group/napalm:generic/password");
    }
    return new SecretReference(text, Form.GROUP_SLOT, text.substring("group/".length(), colon),
        null, AccessType.of(text.substring(colon + 1, slash)),
        SecretType.of(text.substring(slash + 1)));
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
   * Returns which form this is.
   *
   * @return the form
   */
  public Form form() {
    return form;
  }

  /**
   * Returns the name this reference gives: the key ({@code secret:KEY}, {@code KEY@STORE}), the
   * variable ({@code env:}), the path ({@code file:}), the group's name ({@code group:},
   * {@code group/}) or the defined secret's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the store's provider slug of a {@code KEY@STORE} reference.
   *
   * @return the slug; empty for every other form
   */
  public Optional<String> store() {
    return Optional.ofNullable(store);
  }

  /**
   * Returns the secret this reference names, bound to {@code secrets}: for a store's key
   * {@code secrets.store(..).secret(key)}, for {@code env:} and {@code file:} a secret named as
   * the reference is written (slug {@code env} or {@code file}), for a defined name
   * {@code secrets.defined(name)}, for a group's slot the group's secret in that slot.
   *
   * @param secrets the runtime (or view) to bind the secret to
   * @return the secret
   * @throws NullPointerException if {@code secrets} is null
   * @throws IllegalArgumentException if the reference is a whole group ({@code group:NAME}), a
   *     key is invalid, a store's provider cannot write, no loaded definition has the name
   *     (naming the closest ones), or the group has no secret in the slot
   * @throws SecretProviderError if a store's provider is not available
   */
  public Secret secret(Secrets secrets) {
    Objects.requireNonNull(secrets, "secrets");
    switch (form) {
      case DEFAULT_STORE:
        return secrets.store().secret(name);
      case STORE:
        return secrets.store(store).secret(name);
      case ENV:
        return secrets.secret(text).slug("env").provider("environment-variable")
            .parameter("variable", name).build();
      case FILE:
        return secrets.secret(text).slug("file").provider("text-file").parameter("path", name)
            .build();
      case GROUP_SLOT:
        return secrets.definedGroup(name).secret(access, type).orElseThrow(() ->
            new IllegalArgumentException("Group \"" + Text.escape(name, 100) + "\" has no "
                + "secret for access type \"" + Text.escape(access.value(), 100)
                + "\" and secret type \"" + Text.escape(type.value(), 100) + "\""));
      case GROUP:
        throw new IllegalArgumentException("\"" + Text.escape(text, 200) + "\" names a whole "
            + "group where one secret is expected; name one of its slots as "
            + "group/NAME:ACCESS/TYPE");
      default:
        return secrets.defined(name);
    }
  }

  /**
   * Returns the group a {@code group:NAME} or {@code group/NAME:ACCESS/TYPE} reference names.
   *
   * @param secrets the runtime (or view) to bind the group's secrets to
   * @return the group
   * @throws NullPointerException if {@code secrets} is null
   * @throws IllegalArgumentException if this reference names no group, or no loaded definition
   *     has a group of that name (naming the closest ones)
   */
  public SecretsGroup group(Secrets secrets) {
    Objects.requireNonNull(secrets, "secrets");
    if (form != Form.GROUP && form != Form.GROUP_SLOT) {
      throw new IllegalArgumentException("\"" + Text.escape(text, 200) + "\" names no group; "
          + "a group is group:NAME");
    }
    return secrets.definedGroup(name);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecretReference && ((SecretReference) other).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** Returns the reference as written, escaped and bounded. */
  @Override
  public String toString() {
    return Text.escape(text, 200);
  }
}
