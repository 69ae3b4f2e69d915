package io.github.secrets4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code secrets4j run} as a real process ({@code java -cp <class path> ...Main run ...}): signals
 * sent to the secrets4j JVM, output on files, pipes and real pseudo-terminals (util-linux
 * {@code script}), inherited stdin.
 *
 * <p>The JVM is started through {@code env --default-signal=INT,TERM,HUP} (coreutils): a signal
 * ignored when a JVM starts (as SIGINT is for a background job of a non-interactive shell, which
 * the build may be) cannot be handled by it, and these tests are about secrets4j's handling.
 */
class RunProcessTest {
  @TempDir
  Path home;
  /** A private folder, 0700, for the files of --volume. */
  Path secure;
  private final List<Process> started = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    Shell shell = new Shell(home);
    assertThat(shell.stdin("hunter2!").run("secret", "add", "pw", "-").code()).isZero();
    secure = Files.createDirectory(home.resolve("secure"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  @AfterEach
  void tearDown() {
    started.forEach(process -> process.descendants().forEach(ProcessHandle::destroyForcibly));
    started.forEach(Process::destroyForcibly);
  }

  private static List<String> java() {
    String classPath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        classPath, Main.class.getName());
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  /** {@code env <envOptions> java ... Main run <args>}, stdout and stderr to out.txt/err.txt. */
  private Process startWith(String envOption, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("env", envOption));
    command.addAll(java());
    command.add("run");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(home.resolve("out.txt").toFile())
        .redirectError(home.resolve("err.txt").toFile());
    builder.environment().put("SECRETS4J_ENCRYPTED_FILE_PATH",
        home.resolve("store.json").toString());
    builder.environment().remove("SECRETS4J_DEFINITIONS");
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private Process start(String... args) throws IOException {
    return startWith("--default-signal=INT,TERM,HUP", args);
  }

  /** Runs {@code sh -c script} in the temporary folder; returns its exit code. */
  private int sh(String script) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", script).directory(home.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(home.resolve("out.txt").toFile())
        .redirectError(home.resolve("err.txt").toFile());
    builder.environment().put("SECRETS4J_ENCRYPTED_FILE_PATH",
        home.resolve("store.json").toString());
    Process process = builder.start();
    started.add(process);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
    return process.exitValue();
  }

  private String secrets4j() {
    return String.join(" ", java().stream().map(RunProcessTest::quote).toList()) + " run";
  }

  private String read(String name) throws IOException {
    return Files.readString(home.resolve(name), StandardCharsets.UTF_8);
  }

  private void awaitFile(String name) throws InterruptedException {
    for (int i = 0; i < 600 && !Files.exists(home.resolve(name)); i++) {
      Thread.sleep(50);
    }
    assertThat(home.resolve(name)).as("the child is running").exists();
  }

  private static int exit(Process process) throws InterruptedException {
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("secrets4j exited").isTrue();
    return process.exitValue();
  }

  private static void kill(String signal, long pid) throws IOException, InterruptedException {
    assertThat(new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).start().waitFor())
        .isZero();
  }

  /** A child that writes {@code got} with the signal's name when it arrives and exits 3. */
  private Process startTrapping(String signal, Path file) throws IOException {
    return start("--volume", "secret:pw:" + file, "--", "sh", "-c",
        "trap 'echo " + signal + " > got; kill $!; exit 3' " + signal
            + "; stat -c %a " + file + " > running; sleep 600 & wait");
  }

  @Test
  void sigtermToSecrets4jReachesTheChildAndTheFilesAreRemoved() throws Exception {
    Path file = secure.resolve("pw");
    Process process = startTrapping("TERM", file);
    awaitFile("running");

    kill("TERM", process.pid());

    assertThat(exit(process)).isEqualTo(3);
    assertThat(read("got")).isEqualTo("TERM\n");
    assertThat(read("running")).isEqualTo("400\n");
    assertThat(file).doesNotExist();
    assertThat(read("err.txt")).isEmpty();
  }

  @Test
  void aSigtermAtAnyMomentBeforeTheChildRunsLeavesNoFileBehind() throws Exception {
    // Thirty files widen the moment open() writes; the signal comes at staggered delays from
    // the JVM's start up to when the child has long run, so some land while files are written.
    List<String> args = new ArrayList<>();
    Shell shell = new Shell(home);
    for (int i = 0; i < 30; i++) {
      assertThat(shell.stdin("value-" + i).run("secret", "add", "k" + i, "-").code()).isZero();
      args.add("--volume");
      args.add("secret:k" + i + ":" + secure.resolve("f" + i));
    }
    args.addAll(List.of("--", "sh", "-c", "exit 0"));
    List<Integer> codes = new ArrayList<>();
    for (int delay = 200; delay <= 1_000; delay += 40) {
      Process process = start(args.toArray(String[]::new));
      Thread.sleep(delay);
      if (process.isAlive()) {
        kill("TERM", process.pid());
      }
      int code = exit(process);
      codes.add(code);
      try (var left = Files.list(secure)) {
        assertThat(left).as("files left after a SIGTERM %d ms after the start (exit %d)", delay,
            code).isEmpty();
      }
      assertThat(code).isIn(0, 143);
    }
    assertThat(codes).as("some runs were ended by the signal").contains(143);
  }

  @Test
  void sigintToSecrets4jReachesTheChildAndTheFilesAreRemoved() throws Exception {
    Path file = secure.resolve("pw");
    Process process = startTrapping("INT", file);
    awaitFile("running");

    kill("INT", process.pid());

    assertThat(exit(process)).isEqualTo(3);
    assertThat(read("got")).isEqualTo("INT\n");
    assertThat(file).doesNotExist();
  }

  @Test
  void sighupToSecrets4jReachesTheChildAndTheFilesAreRemoved() throws Exception {
    Path file = secure.resolve("pw");
    Process process = startTrapping("HUP", file);
    awaitFile("running");

    kill("HUP", process.pid());

    assertThat(exit(process)).isEqualTo(3);
    assertThat(read("got")).isEqualTo("HUP\n");
    assertThat(file).doesNotExist();
  }

  @Test
  void aChildEndedByTheForwardedSignalGives128PlusN() throws Exception {
    Path file = secure.resolve("pw");
    Process term = start("--volume", "secret:pw:" + file, "--", "sh", "-c",
        "touch running; exec sleep 600");
    awaitFile("running");
    kill("TERM", term.pid());
    assertThat(exit(term)).isEqualTo(128 + 15);
    assertThat(file).doesNotExist();

    Files.delete(home.resolve("running"));
    Process interrupt = start("--volume", "secret:pw:" + file, "--", "sh", "-c",
        "touch running; exec sleep 600");
    awaitFile("running");
    kill("INT", interrupt.pid());
    assertThat(exit(interrupt)).isEqualTo(128 + 2);
    assertThat(file).doesNotExist();
  }

  @Test
  void aSignalIgnoredWhenSecrets4jStartedIsNotForwarded() throws Exception {
    Process process = startWith("--ignore-signal=INT", "--", "sh", "-c",
        "trap 'echo TERM > got; kill $!; exit 3' TERM; touch running; sleep 600 & wait");
    awaitFile("running");

    kill("INT", process.pid());
    Thread.sleep(500);
    assertThat(process.isAlive()).isTrue();
    kill("TERM", process.pid());

    assertThat(exit(process)).isEqualTo(3);
    assertThat(read("got")).isEqualTo("TERM\n");
  }

  @Test
  void filesStayWhenSecrets4jItselfIsKilledWithSigkill() throws Exception {
    Path file = secure.resolve("pw");
    Process process = start("--volume", "secret:pw:" + file, "--", "sh", "-c",
        "echo $$ > running.tmp; mv running.tmp running; exec sleep 600");
    awaitFile("running");

    kill("KILL", process.pid());
    exit(process);

    assertThat(file).exists();
    kill("KILL", Long.parseLong(read("running").strip()));
  }

  @Test
  void valuesAreNotOnSecrets4jsCommandLineNorTheChilds() throws Exception {
    Process process = start("--env", "X=secret:pw", "--", "sh", "-c",
        "cat /proc/$$/cmdline > child.cmdline; touch running; exec sleep 600");
    awaitFile("running");
    String own = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
    kill("TERM", process.pid());
    exit(process);

    assertThat(own).contains("run\0--env\0X=secret:pw\0").doesNotContain("hunter2!");
    assertThat(read("child.cmdline")).doesNotContain("hunter2!");
  }

  @Test
  void autoMasksAPipeAndAFile() throws Exception {
    String child = " --env X=secret:pw -- sh -c 'echo \"out=$X\"; echo \"err=$X\" >&2'";

    int piped = sh(secrets4j() + child + " 2>&1 | cat");
    String pipe = read("out.txt");
    int filed = sh(secrets4j() + child);

    assertThat(piped).isZero();
    assertThat(pipe).contains("out=********\n").contains("err=********\n");
    assertThat(filed).isZero();
    assertThat(read("out.txt")).isEqualTo("out=********\n");
    assertThat(read("err.txt")).isEqualTo("err=********\n");
  }

  @Test
  void autoInheritsARealTerminalPerStream() throws Exception {
    String child = " --env X=secret:pw -- sh -c 'echo \"out=$X\"; echo \"err=$X\" >&2'";

    int both = sh("script -qec " + quote(secrets4j() + child) + " /dev/null");
    String terminal = read("out.txt");
    int stdoutToFile = sh("script -qec " + quote(secrets4j() + child + " > file.txt")
        + " /dev/null");

    assertThat(both).isZero();
    assertThat(terminal).contains("out=hunter2!\r\n").contains("err=hunter2!\r\n");
    assertThat(stdoutToFile).isZero();
    assertThat(read("file.txt")).isEqualTo("out=********\n");
    assertThat(read("out.txt")).isEqualTo("err=hunter2!\r\n");
  }

  @Test
  void alwaysMasksATerminalAndNeverInheritsAPipe() throws Exception {
    String child = " --env X=secret:pw -- sh -c 'echo \"out=$X\"'";

    sh("script -qec " + quote(secrets4j() + " --mask=always" + child) + " /dev/null");
    String always = read("out.txt");
    sh(secrets4j() + " --mask=never" + child + " | cat");

    assertThat(always).isEqualTo("out=********\r\n");
    assertThat(read("out.txt")).isEqualTo("out=hunter2!\n");
  }

  @Test
  void aReaderThatGoesAwayEndsTheChildWithSigpipeOrEpipe() throws Exception {
    int killed = sh("{ " + secrets4j() + " --env X=secret:pw -- sh -c 'yes \"$X\"';"
        + " echo $? > code; } | head -n 2");
    String out = read("out.txt");
    int failed = sh(secrets4j() + " --env X=secret:pw -- sh -c "
        + quote("trap '' PIPE; while printf '%s\\n' \"$X\"; do :; done; echo gone > ended")
        + " | head -n 1");

    assertThat(killed).isZero();
    assertThat(out).isEqualTo("********\n********\n");
    assertThat(read("code")).isEqualTo((128 + 13) + "\n");
    assertThat(failed).isZero();
    assertThat(read("out.txt")).isEqualTo("********\n");
    assertThat(read("ended")).isEqualTo("gone\n");
  }

  @Test
  void stdinIsInherited() throws Exception {
    assertThat(sh("printf 'typed hunter2!' | " + secrets4j() + " -- sh -c 'cat > in.txt'"))
        .isZero();

    assertThat(read("in.txt")).isEqualTo("typed hunter2!");
  }

  @Test
  void maskedOutputIsWrittenThroughAtOnceWithoutWaitingForTheChildToEnd() throws Exception {
    List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,TERM,HUP"));
    command.addAll(java());
    command.addAll(List.of("run", "--env", "X=secret:pw", "--", "sh", "-c",
        "printf 'ready> '; while [ ! -f go ]; do sleep 0.05; done; printf '%s\\n' \"$X\""));
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("SECRETS4J_ENCRYPTED_FILE_PATH",
        home.resolve("store.json").toString());
    Process process = builder.start();
    started.add(process);
    InputStream out = process.getInputStream();

    byte[] prompt = out.readNBytes("ready> ".length());
    assertThat(new String(prompt, StandardCharsets.UTF_8)).isEqualTo("ready> ");
    assertThat(process.isAlive()).isTrue();
    Files.createFile(home.resolve("go"));

    assertThat(new String(out.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("********\n");
    assertThat(exit(process)).isZero();
  }
}
