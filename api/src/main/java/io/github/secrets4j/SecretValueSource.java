package io.github.secrets4j;

import io.github.secrets4j.internal.definitions.EnvNames;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the value of a store-managed {@link SecretDefinition} comes from: the {@code value:} of a
 * definition file, which names exactly one of {@code generate}, {@code fromEnv},
 * {@code fromFile} and {@code fromStdin}. It never holds the value itself; a file cannot declare a
 * plaintext value.
 */
public sealed interface SecretValueSource
    permits SecretValueSource.Generate, SecretValueSource.FromEnv, SecretValueSource.FromFile,
        SecretValueSource.FromStdin {

  /**
   * A value generated at random when the entry is created ({@code generate: {length, alphabet}}).
   *
   * @param length how many characters, {@value #MIN_LENGTH} to {@value #MAX_LENGTH}
   *     ({@value #DEFAULT_LENGTH} unless
   *     the file says)
   * @param alphabet the characters drawn from ({@link Alphabet#ALPHANUMERIC} unless the file says)
   */
  record Generate(int length, Alphabet alphabet) implements SecretValueSource {
    /** The length when the file gives none. */
    public static final int DEFAULT_LENGTH = 32;
    /** The shortest value that may be generated: 16 characters, at least 64 bits of hex. */
    public static final int MIN_LENGTH = 16;
    /** The longest value that may be generated. */
    public static final int MAX_LENGTH = 4096;

    /**
     * Checks the components.
     *
     * @param length how many characters, {@value #MIN_LENGTH} to {@value #MAX_LENGTH}
     * @param alphabet the characters drawn from
     * @throws NullPointerException if {@code alphabet} is null
     * @throws IllegalArgumentException if {@code length} is out of range
     */
    public Generate {
      Objects.requireNonNull(alphabet, "alphabet");
      if (length < MIN_LENGTH || length > MAX_LENGTH) {
        throw new IllegalArgumentException("length must be " + MIN_LENGTH + " to " + MAX_LENGTH
            + ", not " + length);
      }
    }
  }

  /**
   * The value of an environment variable of the process that applies the definitions
   * ({@code fromEnv: NAME}).
   *
   * @param variable the variable's name, {@code [A-Za-z_][A-Za-z0-9_]*}
   */
  record FromEnv(String variable) implements SecretValueSource {
    /**
     * Checks the component.
     *
     * @param variable the variable's name
     * @throws NullPointerException if {@code variable} is null
     * @throws IllegalArgumentException if it is not a valid environment variable name
     */
    public FromEnv {
      Objects.requireNonNull(variable, "variable");
      if (!EnvNames.isValid(variable)) {
        throw new IllegalArgumentException("invalid environment variable name");
      }
    }
  }

  /**
   * The content of a file ({@code fromFile: path}); a relative path in a definition file is
   * resolved against the folder of that file.
   *
   * @param path the file, absolute
   */
  record FromFile(Path path) implements SecretValueSource {
    /**
     * Checks the component.
     *
     * @param path the file, absolute
     * @throws NullPointerException if {@code path} is null
     * @throws IllegalArgumentException if it is not absolute
     */
    public FromFile {
      Objects.requireNonNull(path, "path");
      if (!path.isAbsolute()) {
        throw new IllegalArgumentException("path must be absolute");
      }
    }
  }

  /** The standard input of the process that applies the definitions ({@code fromStdin: true}). */
  record FromStdin() implements SecretValueSource {}

  /** The characters a generated value is drawn from ({@code alphabet:} in a file). */
  enum Alphabet {
    /** {@code 0-9a-f}; {@code hex} in a file. */
    HEX("hex", "0123456789abcdef"),
    /** {@code A-Za-z0-9}; {@code alphanumeric} in a file. */
    ALPHANUMERIC("alphanumeric",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
    /** {@code A-Za-z0-9-_}, URL-safe base64's alphabet; {@code base64url} in a file. */
    BASE64URL("base64url",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private final String value;
    private final String characters;

    Alphabet(String value, String characters) {
      this.value = value;
      this.characters = characters;
    }

    /**
     * Returns the name a definition file uses.
     *
     * @return such as {@code hex}
     */
    public String value() {
      return value;
    }

    /**
     * Returns the characters a value is drawn from, each once.
     *
     * @return the characters, in a fixed order
     */
    public String characters() {
      return characters;
    }
  }
}
