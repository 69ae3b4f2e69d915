package io.github.secrets4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Console console = new Console(new ByteArrayInputStream(new byte[0]),
      new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Terminal.fixed(false, false),
      null);

  @Test
  void anErrorIsOneLineEscapedAndCut() {
    console.error(new IllegalStateException("two\nlines\u001b[31m" + "x".repeat(5_000)), false);

    String line = err.toString(StandardCharsets.UTF_8);
    assertThat(line).hasLineCount(1).startsWith(
        "secrets4j: IllegalStateException: two\\u000alines\\u001b[31mxxx").endsWith("...\n");
    assertThat(line.length()).isEqualTo("secrets4j: IllegalStateException: ".length()
        + "two\\u000alines\\u001b[31m".length() + (Console.MAX_MESSAGE - 14) + "...\n".length());
  }

  @Test
  void theDebugTraceIsEscapedLineByLine() {
    console.error(new IllegalStateException("two\nlines\u001b[2J",
        new RuntimeException("cause\rforged")), true);

    String text = err.toString(StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\u001b").doesNotContain("\r").doesNotContain("two\nlines");
    assertThat(text.lines()).contains(
        "java.lang.IllegalStateException: two\\u000alines\\u001b[2J",
        "Caused by: java.lang.RuntimeException: cause\\u000dforged");
    assertThat(text.lines().filter(line -> line.startsWith("\tat "))).isNotEmpty();
  }

  @Test
  void anErrorWithoutMessageIsItsClass() {
    console.error(new NullPointerException(), false);

    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("secrets4j: NullPointerException\n");
  }

  @Test
  void withoutProcTheTerminalTestAsksTheShell(@TempDir Path empty) {
    // Surefire gives the test JVM pipes, not terminals; the path through sh -c 'test -t N' says so.
    assertThat(Terminal.isTerminal(Terminal.STDOUT, empty.resolve("no-proc"))).isFalse();
    assertThat(Terminal.isTerminal(Terminal.STDIN, empty.resolve("no-proc"))).isFalse();
    assertThat(Terminal.system().isTerminal(Terminal.STDOUT)).isFalse();
  }
}
