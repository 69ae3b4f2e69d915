package io.github.secrets4j.internal.reconcile;

import io.github.secrets4j.SecretValueSource;
import io.github.secrets4j.internal.Text;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The values reconcile writes: generated, read from a file or a stream (bounded, strict UTF-8),
 * and compared in constant time. Nothing here prints, logs or puts a value in a message.
 */
public final class Values {
  /** The largest value read from a file or stdin: 1 MiB. */
  public static final int MAX_BYTES = 1 << 20;

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

  /** Whether two values are equal, comparing their UTF-8 bytes in constant time. */
  public static boolean same(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
        b.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a file's content, as is.
   *
   * @throws IllegalStateException naming the secret and the file (never its content) when it
   *     cannot be read, is larger than {@link #MAX_BYTES} or is not UTF-8
   */
  public static String readFile(Path path, String secret) {
    String what = "the value of secret \"" + Text.escape(secret) + "\" from file \""
        + Text.escape(path.toString()) + "\"";
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, what);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + what + ": " + e.getClass().getName());
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
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new IllegalStateException("Cannot read " + what + ": it is larger than 1 MiB");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("Cannot read " + what + ": it is not UTF-8 text");
    }
  }
}
