package io.github.secrets4j.internal.reconcile;

import io.github.secrets4j.SecretKind;
import io.github.secrets4j.SecretValueSource;
import io.github.secrets4j.internal.Text;
import io.github.secrets4j.internal.policy.Constraint;
import io.github.secrets4j.internal.policy.Under;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * The values reconcile writes: generated, read from a file or a stream (bounded, strict UTF-8),
 * and compared in constant time. Nothing here prints, logs or puts a value in a message.
 */
public final class Values {
  /** The largest value read from a file or stdin: 1 MiB. */
  public static final int MAX_BYTES = 1 << 20;
  /** The setting that confines {@code fromFile}, as it confines the text-file provider. */
  public static final String ALLOWED_ROOTS = "secrets4j.text-file.allowed-roots";
  /** The setting that confines {@code fromEnv}, as it confines the environment-variable provider. */
  public static final String ALLOWED_PREFIXES = "secrets4j.environment-variable.allowed-prefixes";
  /** The longest part of a kind's message a refusal shows, in code points. */
  private static final int MAX_REASON = 1_000;

  private Values() {}

  /**
   * Returns a value drawn from {@code source}'s alphabet, each character independently and
   * uniformly with {@code random}.
   */
  public static String generate(SecretValueSource.Generate source, SecureRandom random) {
    String characters = source.alphabet().characters();
    StringBuilder value = new StringBuilder(source.length());
    for (int i = 0; i < source.length(); i++) {
      value.append(characters.charAt(random.nextInt(characters.length())));
    }
    return value.toString();
  }

  /**
   * Checks a value with a kind ({@link SecretKind#validate}, as a put does), in memory only, and
   * says why the kind refuses it: what is wrong (the kind's message, escaped and cut short), or
   * the class of what it threw when it failed otherwise; never the value.
   *
   * @return empty when the kind accepts the value; else the reason, such as
   *     {@code is not of the kind "env": line 1: ...}
   */
  public static Optional<String> refusal(SecretKind<?> kind, String value) {
    String name = kindName(kind);
    try {
      // validate, as a put checks: it may accept what parse cannot (an encrypted TLS key).
      kind.validate(value);
    } catch (IllegalArgumentException e) {
      return Optional.of("is not of the kind \"" + name + "\": "
          + Text.escape(String.valueOf(e.getMessage()), MAX_REASON));
    } catch (RuntimeException e) {
      // A SecretError too (a kind that reads another secret), or a parse that returned no value
      // (IllegalStateException): its class only, as for any failure.
      return Optional.of("cannot be checked: the kind \"" + name + "\" failed with "
          + e.getClass().getName());
    }
    return Optional.empty();
  }

  private static String kindName(SecretKind<?> kind) {
    try {
      return Text.escape(kind.name(), 100);
    } catch (RuntimeException e) {
      return kind.getClass().getName();
    }
  }

  /** Whether two values are equal, comparing their UTF-8 bytes in constant time. */
  public static boolean same(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
        b.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a file's content, as is, under the limits the text-file provider applies: with
   * {@code allowedRoots} (the setting {@value #ALLOWED_ROOTS}) its real path, links resolved,
   * must be proven inside one of them (as {@code under} decides it) and is then opened without
   * following a link at its last component; it must be a regular file (a FIFO, device or
   * directory is refused before it is opened, so none can block the read) of at most
   * {@link #MAX_BYTES}.
   *
   * @param path the absolute path of the file
   * @param secret the name of the secret, for messages
   * @param allowedRoots the allowed roots; empty when any path may be read
   * @return the content
   * @throws IllegalStateException naming the secret and the file (never its content) when it is
   *     outside the allowed roots, not a regular file, cannot be read (missing: the exception's
   *     class name), is larger than
   *     {@link #MAX_BYTES} or is not UTF-8
   */
  public static String readFile(Path path, String secret, List<String> allowedRoots) {
    String what = "the value of secret \"" + Text.escape(secret) + "\" from file \""
        + Text.escape(path.toString()) + "\"";
    Path target = path;
    LinkOption[] links = {};
    if (!allowedRoots.isEmpty()) {
      Under under;
      try {
        under = (Under) Constraint.of("under", "fromFile", allowedRoots);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("Cannot read " + what + ": setting " + ALLOWED_ROOTS
            + " is invalid: " + e.getMessage());
      }
      Under.Location location = under.locate(path.toString());
      if (!location.inside()) {
        throw new IllegalStateException("Cannot read " + what + ": its real path is not proven "
            + "inside " + ALLOWED_ROOTS);
      }
      target = location.path();
      links = new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
    }
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(target, BasicFileAttributes.class, links);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + what + ": " + e.getClass().getName());
    }
    if (!attributes.isRegularFile()) {
      throw new IllegalStateException("Cannot read " + what + ": it is not a regular file");
    }
    if (attributes.size() > MAX_BYTES) {
      throw new IllegalStateException("Cannot read " + what + ": it is larger than 1 MiB");
    }
    OpenOption[] open = links.length == 0 ? new OpenOption[] {StandardOpenOption.READ}
        : new OpenOption[] {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS};
    try (InputStream in = Files.newInputStream(target, open)) {
      return read(in, what);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + what + ": " + e.getClass().getName());
    }
  }

  /**
   * Refuses an environment variable outside {@code allowedPrefixes} (the setting
   * {@value #ALLOWED_PREFIXES}), as the environment-variable provider does.
   *
   * @param variable the variable's name
   * @param secret the name of the secret, for messages
   * @param allowedPrefixes the prefixes; empty when any variable may be read
   * @throws IllegalStateException naming the secret, the variable and the setting
   */
  public static void checkVariable(String variable, String secret, List<String> allowedPrefixes) {
    for (String prefix : allowedPrefixes) {
      if (variable.startsWith(prefix)) {
        return;
      }
    }
    if (!allowedPrefixes.isEmpty()) {
      throw new IllegalStateException("Cannot read the value of secret \"" + Text.escape(secret)
          + "\" from environment variable " + Text.escape(variable) + ": it does not start with "
          + "one of " + ALLOWED_PREFIXES);
    }
  }

  /**
   * Reads a stream to its end (not closing it), as is.
   *
   * @throws IllegalStateException naming the secret (never the content) when it cannot be read,
   *     is empty, is larger than {@link #MAX_BYTES} or is not UTF-8
   */
  public static String readStdin(InputStream in, String secret) {
    String what = "the value of secret \"" + Text.escape(secret) + "\" from stdin";
    String value;
    try {
      value = read(in, what);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + what + ": " + e.getClass().getName());
    }
    if (value.isEmpty()) {
      // Most likely a stream read already (a second plan on System.in): never an empty secret.
      throw new IllegalStateException("Cannot read " + what + ": it is empty");
    }
    return value;
  }

  private static String read(InputStream in, String what) throws IOException {
    try {
      return Text.readUtf8(in, MAX_BYTES);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Cannot read " + what + ": it " + e.getMessage());
    }
  }

}
