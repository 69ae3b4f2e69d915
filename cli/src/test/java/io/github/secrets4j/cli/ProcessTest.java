package io.github.secrets4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real command as a child process: {@code java -cp <class path> io.github.secrets4j.cli.Main}
 * run by {@code sh -c}, and on a real pseudo-terminal made by util-linux {@code script} (package
 * bsdutils, which Debian and Ubuntu mark Essential: in every image).
 */
class ProcessTest {
  @TempDir
  Path home;

  private String secrets4j;

  @BeforeEach
  void setUp() {
    String classPath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    secrets4j = quote(Path.of(System.getProperty("java.home"), "bin", "java").toString())
        + " -cp " + quote(classPath) + " io.github.secrets4j.cli.Main";
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  private record Exit(int code, String out, String err) {}

  /** Runs {@code sh -c script} with the store in the temporary folder; stdin is empty. */
  private Exit sh(String script) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).directory(home.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("SECRETS4J_ENCRYPTED_FILE_PATH",
        home.resolve("store.json").toString());
    builder.environment().remove("SECRETS4J_DEFINITIONS");
    Path out = home.resolve("child.out");
    Path err = home.resolve("child.err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
    return new Exit(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Runs {@code command} on a new pseudo-terminal (stdin, stdout and stderr); -e: its exit code. */
  private Exit onTerminal(String command) throws IOException, InterruptedException {
    return sh("script -qec " + quote(command) + " /dev/null");
  }

  @Test
  void aValueFromStdinIsStoredAndPrintedToAPipeWithoutAnySlf4jLine() throws Exception {
    Exit add = sh("printf 'pw\\n' | " + secrets4j + " secret add k -");
    Exit get = sh(secrets4j + " get secret:k | od -An -c");

    assertThat(add.code()).isZero();
    assertThat(add.out()).isEqualTo("Stored \"k\" in encrypted-file, version 1.\n");
    assertThat(add.err()).isEmpty();
    assertThat(get.code()).isZero();
    assertThat(get.out().strip()).isEqualTo("p   w  \\n");
    assertThat(get.err()).isEmpty();
  }

  @Test
  void getRefusesARealTerminalWithoutReveal() throws Exception {
    sh("printf pw | " + secrets4j + " secret add k -");

    Exit refused = onTerminal(secrets4j + " get secret:k");

    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.out()).isEqualTo("secrets4j: IllegalStateException: stdout is a terminal: "
        + "not printing the value of secret:k; pass --reveal, or redirect stdout\r\n");
  }

  @Test
  void getRefusesATerminalStdoutAlsoWhenStdinIsNoTerminal() throws Exception {
    // Here System.console() is null on Java 17: it would not have seen the terminal.
    sh("printf pw | " + secrets4j + " secret add k -");

    Exit refused = onTerminal(secrets4j + " get secret:k < /dev/null");

    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.out()).startsWith("secrets4j: IllegalStateException: stdout is a terminal")
        .doesNotContain("pw\r\n");
  }

  @Test
  void getPrintsToAFileWhenOnlyStdinIsATerminal() throws Exception {
    sh("printf pw | " + secrets4j + " secret add k -");

    Exit redirected = onTerminal(secrets4j + " get secret:k > value.txt");

    assertThat(redirected.code()).isZero();
    assertThat(Files.readString(home.resolve("value.txt"))).isEqualTo("pw");
  }

  @Test
  void getRevealsOnARealTerminal() throws Exception {
    sh("printf pw | " + secrets4j + " secret add k -");

    Exit revealed = onTerminal(secrets4j + " get --reveal secret:k");

    assertThat(revealed.code()).isZero();
    assertThat(revealed.out()).isEqualTo("pw\r\n");
  }

  @Test
  void applyAsksOnARealTerminalAndRefusesAPipe() throws Exception {
    Files.writeString(home.resolve("app.yaml"), """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: app }
        secrets:
          - name: token
            store: encrypted-file
            value: { generate: {} }
        """);

    Exit piped = sh("echo yes | " + secrets4j + " apply -f app.yaml");
    assertThat(piped.code()).isEqualTo(1);
    assertThat(piped.err()).isEqualTo("secrets4j: IllegalStateException: stdin is not a terminal "
        + "and --auto-approve is not given; nothing was applied\n");

    Exit approved = sh("printf 'yes\\n' | script -qec " + quote(secrets4j + " apply -f app.yaml")
        + " /dev/null");
    assertThat(approved.code()).isZero();
    assertThat(approved.out()).contains("Apply these changes? Only 'yes' applies: ")
        .endsWith("Applied 1 change.\r\n");
    assertThat(sh(secrets4j + " check secret:token").code()).isZero();
  }

  @Test
  void exitCodesOfTheRealProcess() throws Exception {
    assertThat(sh(secrets4j + " --version").code()).isZero();
    assertThat(sh(secrets4j + " check secret:missing").code()).isEqualTo(1);
    Exit usage = sh(secrets4j + " --no-such-option");
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.err()).isEqualTo("secrets4j: UsageError: Unknown option: '--no-such-option' "
        + "(see secrets4j --help)\n");
  }

  @Test
  void theLibrarysWarningsGoToStderrAsOneLine() throws Exception {
    // A factory that cannot be loaded: the registry warns and goes on.
    Path plugin = home.resolve("plugin/META-INF/services");
    Files.createDirectories(plugin);
    Files.writeString(plugin.resolve("io.github.secrets4j.spi.SecretsProviderFactory"),
        "com.example.Missing\n");
    String withPlugin = secrets4j.replace(" -cp '", " -cp '" + home.resolve("plugin") + ":");

    Exit result = sh(withPlugin + " check env:HOME");

    assertThat(result.code()).isZero();
    assertThat(result.err()).isEqualTo("WARN Ignoring a secrets provider factory that could not "
        + "be loaded: java.util.ServiceConfigurationError: io.github.secrets4j.spi."
        + "SecretsProviderFactory: Provider com.example.Missing not found\n");
  }

  @Test
  void theTerminalTestReadsTheProcessDescriptors() {
    assertThat(List.of("/dev/pts/3", "/dev/tty", "/dev/tty1", "/dev/console"))
        .allMatch(Terminal::isTerminalDevice);
    assertThat(List.of("pipe:[1234]", "/dev/null", "/tmp/out.txt", "socket:[9]"))
        .noneMatch(Terminal::isTerminalDevice);
  }
}
