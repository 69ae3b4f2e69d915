package io.github.secrets4j.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the production command line in this JVM ({@link Main#run}) with an encrypted-file store in
 * a folder of its own, a fixed clock, captured stdout and stderr, and a terminal test that says
 * what the test wants.
 */
final class Shell {
  static final Instant NOW = Instant.parse("2026-12-05T10:15:30.123456Z");

  final Path home;
  final Map<String, String> env = new LinkedHashMap<>();
  boolean stdinTerminal;
  boolean stdoutTerminal;
  byte[] stdin = new byte[0];

  Shell(Path home) {
    this.home = home;
    env.put("SECRETS4J_ENCRYPTED_FILE_PATH", home.resolve("store.json").toString());
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
  }

  Shell stdin(String text) {
    this.stdin = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  Shell stdin(byte[] bytes) {
    this.stdin = bytes.clone();
    return this;
  }

  Shell terminal(boolean stdin, boolean stdout) {
    this.stdinTerminal = stdin;
    this.stdoutTerminal = stdout;
    return this;
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    InputStream in = new ByteArrayInputStream(stdin);
    int code = Main.run(args, in, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env,
        Terminal.fixed(stdinTerminal, stdoutTerminal), InstantSource.fixed(NOW));
    return new Result(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8), home);
  }

  Path write(String name, String text) {
    try {
      Path file = home.resolve(name);
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a run did; {@link #err()} and {@link #out()} with the temporary folder as $HOME. */
  record Result(int code, String rawOut, String rawErr, Path home) {
    String out() {
      return rawOut.replace(home.toString(), "$HOME");
    }

    String err() {
      return rawErr.replace(home.toString(), "$HOME");
    }
  }

  /**
   * Asserts that {@code actual} is the text of {@code golden/<name>}; on a mismatch the actual
   * text is written to {@code target/golden-actual/<name>} to compare (and review) by hand.
   */
  static void assertGolden(String name, String actual) {
    String expected = golden(name);
    if (!expected.equals(actual)) {
      try {
        Path file = Path.of("target", "golden-actual", name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    org.assertj.core.api.Assertions.assertThat(actual).isEqualTo(expected);
  }

  /** The text of {@code golden/<name>} in the test resources. */
  static String golden(String name) {
    try (InputStream in = Shell.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
