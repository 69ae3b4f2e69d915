package io.github.secrets4j.cli;

import io.github.secrets4j.Secret;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.internal.Text;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A reference to a secret on the command line: the one grammar of every command that names a
 * secret. Tried in this order:
 *
 * <ol>
 *   <li>{@code secret:KEY}: {@code KEY} in the default store ({@code secrets.store()}, the
 *       setting {@code secrets4j.store}, default {@code encrypted-file});
 *   <li>{@code env:NAME}: the environment variable {@code NAME} (provider
 *       {@code environment-variable});
 *   <li>{@code file:/path}: the text file at an absolute path (provider {@code text-file});
 *   <li>{@code KEY@STORE}: {@code KEY} in the store of provider {@code STORE}, split at the last
 *       {@code @}, when what follows it is a slug ({@code [a-z0-9-]}, starting with a letter or
 *       digit);
 *   <li>anything else: the name of a secret in the loaded definition files.
 * </ol>
 *
 * <p>So a defined secret whose name starts with {@code secret:}, {@code env:} or {@code file:},
 * or ends in {@code @slug}, cannot be named here. Names, paths and variables must not hold a
 * template ({@code {{}, <code>{%</code>, <code>{#</code>): they become a secret's parameters; no
 * reference holds a control character.
 * Parsing checks the form only; {@link #secret(Secrets)} finds the store or the definition.
 */
final class Reference {
  /** What every error about a reference says the grammar is. */
  static final String GRAMMAR = "a reference is secret:KEY, KEY@STORE, env:NAME, file:/absolute/path "
      + "or the name of a defined secret";

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]*");

  /** The kinds of reference. */
  enum Form {
    /** {@code secret:KEY}. */
    DEFAULT_STORE,
    /** {@code KEY@STORE}. */
    STORE,
    /** {@code env:NAME}. */
    ENV,
    /** {@code file:/path}. */
    FILE,
    /** A defined secret's name. */
    DEFINED
  }

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
   * @throws IllegalArgumentException naming the reference and the grammar when it has none of
   *     its forms
   */
  static Reference parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw invalid(text, "it is blank");
    }
    if (text.chars().anyMatch(Character::isISOControl)) {
      throw invalid(text, "it holds a control character");
    }
    if (text.startsWith("secret:")) {
      return new Reference(text, Form.DEFAULT_STORE, nonEmpty(text, "secret:".length(), "KEY"),
          null);
    }
    if (text.startsWith("env:")) {
      return new Reference(text, Form.ENV, template(text, nonEmpty(text, "env:".length(),
          "NAME")), null);
    }
    if (text.startsWith("file:")) {
      String path = nonEmpty(text, "file:".length(), "/path");
      if (!path.startsWith("/")) {
        throw invalid(text, "the path of file: must be absolute");
      }
      return new Reference(text, Form.FILE, template(text, path), null);
    }
    int at = text.lastIndexOf('@');
    if (at > 0 && SLUG.matcher(text.substring(at + 1)).matches()) {
      return new Reference(text, Form.STORE, text.substring(0, at), text.substring(at + 1));
    }
    return new Reference(text, Form.DEFINED, text, null);
  }

  private static String nonEmpty(String text, int from, String what) {
    String rest = text.substring(from);
    if (rest.isEmpty()) {
      throw invalid(text, what + " is missing");
    }
    return rest;
  }

  private static String template(String text, String part) {
    if (part.contains("{{") || part.contains("{%") || part.contains("{#")) {
      throw invalid(text, "it must not hold a template ({{, {% or {#)");
    }
    return part;
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("Invalid reference \"" + Text.escape(text, 200) + "\": "
        + why + "; " + GRAMMAR);
  }

  /** Which form this is. */
  Form form() {
    return form;
  }

  /**
   * The secret this reference names, bound to {@code secrets}.
   *
   * @throws IllegalArgumentException if a key is invalid, a store's provider cannot write, or no
   *     loaded definition has the name (naming the closest ones, or saying none were loaded)
   * @throws io.github.secrets4j.SecretProviderError if a store's provider is not available
   */
  Secret secret(Secrets secrets) {
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
      default:
        if (secrets.definitions().secrets().isEmpty()) {
          throw new IllegalArgumentException("\"" + Text.escape(text, 200) + "\" is no defined "
              + "secret: no definition file is loaded (--definitions FILE or "
              + "SECRETS4J_DEFINITIONS); " + GRAMMAR);
        }
        return secrets.defined(name);
    }
  }

  /** The reference as written, escaped. */
  @Override
  public String toString() {
    return Text.escape(text, 200);
  }
}
