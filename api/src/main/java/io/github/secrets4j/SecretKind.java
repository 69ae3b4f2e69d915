package io.github.secrets4j;

import java.util.Map;

/**
 * What a secret's value is: a name (the {@code kind} of {@link SecretMetadata} and of a definition
 * file) and a parser that checks a value and turns it into a typed one.
 *
 * <p>Built in: {@link #OPAQUE} (any text) and {@link #ENV} (environment variables). Other kinds come
 * from plugins ({@link io.github.secrets4j.spi.SecretKindProvider}, discovered as providers are) or
 * are wired with {@link Secrets.Builder#kind(SecretKind)}; {@link Secrets#kind(String)} finds one
 * by name. {@link Secret#getValue(Object, SecretKind)} returns a value parsed by a kind, and
 * {@link SecretStore#put(String, String, SecretMetadata)} refuses a value its metadata's kind does
 * not accept ({@link #validate}).
 *
 * <p>Contract for implementations: thread-safe and stateless; {@link #name()} is constant, a slug
 * (lower-case letters, digits, {@code -} and {@code _}) of at most 64 chars; {@link #parse} never
 * logs, prints or puts the value (or a part of it) in an exception message or cause.
 *
 * @param <T> the type of a parsed value
 */
public interface SecretKind<T> {
  /**
   * The kind {@code opaque}: any text, returned as it is. The kind of a secret whose metadata names
   * none ({@link SecretMetadata#DEFAULT_KIND}).
   */
  SecretKind<String> OPAQUE = BuiltInKind.OPAQUE;

  /**
   * The kind {@code env}: environment variables, as an unmodifiable map in the order given, from a
   * JSON object or from dotenv text.
   *
   * <p>A value whose first non-blank character is <code>{</code> is a JSON object whose members are
   * all strings (<code>{"A": "1", "B": "two"}</code>); anything else is read as dotenv text, line by
   * line ({@code \n}, {@code \r\n} or {@code \r}):
   *
   * <ul>
   *   <li>blank lines and lines whose first non-blank character is {@code #} are skipped;
   *   <li>every other line is {@code NAME=VALUE}, optionally after {@code export} and spaces or
   *       tabs; spaces and tabs around the name and after {@code =} are ignored;
   *   <li>an unquoted value runs to the end of the line, without trailing spaces and tabs; a
   *       {@code #} after a space or tab starts a comment; it has no escapes;
   *   <li>a value in single quotes is taken literally, without escapes, and may span lines;
   *   <li>a value in double quotes may span lines and knows the escapes {@code \n}, {@code \r},
   *       {@code \t}, {@code \"}, {@code \\} and {@code \$}; any other backslash sequence is an
   *       error;
   *   <li>after a closing quote only spaces, tabs and a {@code #} comment may follow;
   *   <li>no variable expansion: {@code $} is an ordinary character.
   * </ul>
   *
   * <p>In both forms every name must match {@code [A-Za-z_][A-Za-z0-9_]*} and appear once. An
   * empty value (or one with only comments) is an empty map. Errors name the line (and for JSON
   * the column) and the variable once its name is valid; never a value, nor an invalid name (it
   * may be a value written on the wrong line).
   */
  SecretKind<Map<String, String>> ENV = BuiltInKind.ENV;

  /**
   * Returns the kind's name, the {@code kind} a store's metadata and a definition file use.
   *
   * @return a slug of at most 64 chars, such as {@code tls}
   */
  String name();

  /**
   * Checks {@code value} and converts it.
   *
   * @param value the secret's value (never logged, printed or put in a message)
   * @return the parsed value, never {@code null}
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if the value is not of this kind, saying what is wrong
   *     (where: a line, a field) and never showing the value or a part of it
   */
  T parse(String value);

  /**
   * Checks that {@code value} is of this kind without converting it: what
   * {@link SecretStore#put(String, String, SecretMetadata)} asks before it writes. The default
   * parses the value and drops the result.
   *
   * <p>A kind whose {@link #parse} needs more than the value to convert it (the kind {@code tls}
   * needs the password of an encrypted key, from another secret) checks here what it can from the
   * value alone, and may so accept a value its {@code parse} refuses until it is given that;
   * every value {@code parse} accepts, {@code validate} accepts too. Same rules for messages as
   * {@code parse}.
   *
   * @param value the secret's value (never logged, printed or put in a message)
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if the value is not of this kind, saying what is wrong and
   *     never showing the value or a part of it
   * @throws IllegalStateException if {@code parse} returned {@code null} (a broken kind)
   */
  default void validate(String value) {
    if (parse(value) == null) {
      throw new IllegalStateException("the kind's parse returned null");
    }
  }
}
