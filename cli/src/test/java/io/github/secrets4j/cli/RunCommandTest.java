package io.github.secrets4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code secrets4j run} in this JVM ({@link Main#run}) with real child processes ({@code sh -c});
 * stdout and stderr are no terminal, so {@code --mask=auto} masks both.
 * {@link RunProcessTest} runs it as a real process: signals, terminals, inherited output.
 */
class RunCommandTest {
  @TempDir
  Path home;
  Shell shell;
  /** A private folder, 0700, for the files of --volume. */
  Path secure;

  @BeforeEach
  void setUp() throws IOException {
    shell = new Shell(home);
    shell.env.put("HOME", home.toString());
    add("pw", "hunter2!");
    add("tls", "-----BEGIN CERT-----\nMIIB\n");
    secure = Files.createDirectory(home.resolve("secure"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
  }

  private void add(String key, String value) {
    assertThat(shell.stdin(value).run("secret", "add", key, "-").code()).isZero();
    shell.stdin(new byte[0]);
  }

  private Shell.Result run(String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "run";
    System.arraycopy(args, 0, full, 1, args.length);
    return shell.run(full);
  }

  private String read(String name) throws IOException {
    return Files.readString(home.resolve(name), StandardCharsets.UTF_8);
  }

  private Path executable(String name, String text) throws IOException {
    Path file = shell.write(name, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  @Test
  void theChildGetsEnvAndFilesWhichAre0400AndRemovedAfterwards() throws IOException {
    Path tls = secure.resolve("tls.pem");
    Shell.Result result = run("--env", "DB_PASSWORD=secret:pw", "--volume",
        "secret:tls:" + tls, "--", "sh", "-c",
        "cd " + home + " && printf %s \"$DB_PASSWORD\" > env.txt && cat " + tls
            + " > file.txt && stat -c '%a %U' " + tls + " > mode.txt && stat -c %a " + secure
            + " > folder.txt");

    assertThat(result.code()).isZero();
    assertThat(result.rawErr()).isEmpty();
    assertThat(read("env.txt")).isEqualTo("hunter2!");
    assertThat(read("file.txt")).isEqualTo("-----BEGIN CERT-----\nMIIB\n");
    assertThat(read("mode.txt")).isEqualTo("400 " + System.getProperty("user.name") + "\n");
    assertThat(read("folder.txt")).isEqualTo("700\n");
    assertThat(tls).doesNotExist();
    assertThat(secure).isEmptyDirectory();
  }

  @Test
  void volumeSplitsAtTheLastColonFollowedBySlash() throws IOException {
    Path source = shell.write("source.txt", "from a file");
    Path target = secure.resolve("copy.txt");

    Shell.Result result = run("--volume", "file:" + source + ":" + target, "--", "sh", "-c",
        "cat " + target + " > " + home.resolve("seen.txt"));

    assertThat(result.code()).isZero();
    assertThat(read("seen.txt")).isEqualTo("from a file");
    assertThat(target).doesNotExist();
    assertThat(run("--volume", "secret:pw", "--", "true").err()).isEqualTo("secrets4j: "
        + "IllegalArgumentException: --volume takes REF:/absolute/path, not \"secret:pw\"\n");
  }

  @Test
  void aFileAlreadyAtAVolumePathIsNeverOverwritten() throws IOException {
    Path precious = Files.writeString(secure.resolve("app.conf"), "precious original config");

    Shell.Result result = run("--volume", "secret:pw:" + precious, "--", "sh", "-c",
        "touch " + home.resolve("started"));

    assertThat(result.code()).isEqualTo(125);
    assertThat(result.err()).isEqualTo("secrets4j: UncheckedIOException: Cannot write the file "
        + "\"$HOME/secure/app.conf\" of secret \"pw\": a file is already there; it is never overwritten (nor "
        + "a link followed): remove it first\n");
    assertThat(precious).hasContent("precious original config");
    assertThat(home.resolve("started")).as("nothing ran").doesNotExist();
    assertThat(secure.toFile().list()).containsExactly("app.conf");
  }

  @Test
  void theExitCodeIsTheChildsAnd128PlusNWhenASignalEndedIt() {
    Path file = secure.resolve("pw");

    Shell.Result seven = run("--", "sh", "-c", "exit 7");
    Shell.Result killed = run("--volume", "secret:pw:" + file, "--", "sh", "-c",
        "test -f " + file + " && kill -KILL $$");
    Shell.Result terminated = run("--volume", "secret:pw:" + file, "--", "sh", "-c",
        "kill -TERM $$");

    assertThat(seven.code()).isEqualTo(7);
    assertThat(killed.code()).isEqualTo(128 + 9);
    assertThat(terminated.code()).isEqualTo(128 + 15);
    assertThat(file).doesNotExist();
    assertThat(secure).isEmptyDirectory();
  }

  @Test
  void aReferenceThatDoesNotResolveExits125BeforeAnythingIsWrittenOrStarted() {
    Path file = secure.resolve("pw");

    Shell.Result result = run("--volume", "secret:pw:" + file, "--env", "X=secret:nope", "--",
        "sh", "-c", "touch " + home.resolve("started"));

    assertThat(result.code()).isEqualTo(125);
    Shell.assertGolden("run-unresolved.err", result.err());
    assertThat(home.resolve("started")).doesNotExist();
    assertThat(secure).isEmptyDirectory();
  }

  @Test
  void commandsThatCannotRunExit126Or127() throws IOException {
    Path notExecutable = shell.write("plain.txt", "echo hi\n");
    Path bin = Files.createDirectory(home.resolve("bin"));
    Files.writeString(bin.resolve("tool"), "echo hi\n");
    Path badInterpreter = executable("bad-interpreter", "#!" + notExecutable + "\n");
    Path noInterpreter = executable("no-interpreter", "#!/nonexistent/interpreter\n");
    Path file = secure.resolve("pw");

    Shell.Result notFound = run("--volume", "secret:pw:" + file, "--", "no-such-command-s4j");
    Shell.Result noPath = run("--", home.resolve("missing").toString());
    Shell.Result plain = run("--", notExecutable.toString());
    Shell.Result folder = run("--", home.toString());
    shell.env.put("PATH", bin + ":" + shell.env.get("PATH"));
    Shell.Result inPath = run("--", "tool");
    // What only execve finds out: ProcessBuilder.start's error=13 and error=2.
    Shell.Result denied = run("--", badInterpreter.toString());
    Shell.Result missing = run("--", noInterpreter.toString());

    assertThat(notFound.code()).isEqualTo(127);
    assertThat(notFound.err()).isEqualTo("secrets4j: NoSuchFileException: no-such-command-s4j: "
        + "command not found in PATH\n");
    assertThat(file).doesNotExist();
    assertThat(noPath.code()).isEqualTo(127);
    assertThat(noPath.err()).isEqualTo("secrets4j: NoSuchFileException: $HOME/missing: no such "
        + "file\n");
    assertThat(plain.code()).isEqualTo(126);
    assertThat(plain.err()).isEqualTo("secrets4j: AccessDeniedException: $HOME/plain.txt: not "
        + "executable\n");
    assertThat(folder.code()).isEqualTo(126);
    assertThat(folder.err()).isEqualTo("secrets4j: AccessDeniedException: $HOME: is a "
        + "directory\n");
    assertThat(inPath.code()).isEqualTo(126);
    assertThat(inPath.err()).isEqualTo("secrets4j: AccessDeniedException: tool: found in PATH "
        + "but not executable\n");
    assertThat(denied.code()).isEqualTo(126);
    assertThat(denied.err()).isEqualTo("secrets4j: IOException: Cannot run program "
        + "\"$HOME/bad-interpreter\": error=13, Permission denied\n");
    assertThat(missing.code()).isEqualTo(127);
    assertThat(missing.err()).isEqualTo("secrets4j: IOException: Cannot run program "
        + "\"$HOME/no-interpreter\": error=2, No such file or directory\n");
  }

  @Test
  void theCommandIsLookedUpInThePathTheChildGets() throws IOException {
    Path bin = Files.createDirectory(home.resolve("bin"));
    Path tool = bin.resolve("s4j-tool");
    Files.writeString(tool, "#!/bin/sh\nprintf '%s' \"$0\" > " + home.resolve("argv0") + "\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    shell.env.put("PATH", bin + ":/usr/bin:/bin");

    Shell.Result result = run("--pristine", "--", "s4j-tool");

    assertThat(result.code()).isZero();
    assertThat(home.resolve("argv0")).hasContent(tool.toString());
  }

  @Test
  void outputIsMaskedAlsoWhenAValueIsSplitAcrossWrites() {
    Shell.Result result = run("--env", "X=secret:pw", "--", "sh", "-c",
        "printf 'Password: hun'; sleep 0.2; printf 'ter2!\\n'; printf 'hunt'; sleep 0.2;"
            + " printf 'er2'; sleep 0.2; printf '!'; printf '%s\\n' \"$X\" >&2; printf 'hunter'");

    assertThat(result.code()).isZero();
    assertThat(result.rawOut()).isEqualTo("Password: ********\n********hunter");
    assertThat(result.rawErr()).isEqualTo("********\n");
  }

  @Test
  void base64AndJsonFormsAreMaskedShortValuesAreNot() {
    add("json", "pa\"ss\\wörd");
    add("plus", "~~~~hunter");
    add("short", "abc");
    Shell.Result result = run("--env", "J=secret:json", "--env", "P=secret:plus", "--env",
        "S=secret:short", "--", "sh", "-c",
        "printf '%s' \"$P\" | base64; printf '%s' \"$P\" | base64 | tr '+/' '-_';"
            + " printf '%s' \"$P\" | base64 | tr -d '=\\n'; echo;"
            + " printf '{\"v\":\"%s\"}\\n' \"$(printf '%s' \"$J\" | sed 's/[\\\\\"]/\\\\&/g')\";"
            + " printf '%s' \"$J\" | base64; echo \"short=$S\"");

    assertThat(Base64.getEncoder().encodeToString("~~~~hunter".getBytes(StandardCharsets.UTF_8)))
        .contains("+").endsWith("==");
    assertThat(result.code()).isZero();
    assertThat(result.rawOut()).isEqualTo("********\n********\n********\n{\"v\":\"********\"}\n"
        + "********\nshort=abc\n");
  }

  @Test
  void pristineGivesOnlyTheInjectedVariablesAndPathHomeLangTerm() throws IOException {
    shell.env.put("LANG", "C.UTF-8");
    shell.env.put("UNRELATED", "x");
    shell.env.put("X", "from the parent");

    run("--pristine", "--env", "X=secret:pw", "--", "sh", "-c",
        "env -0 > " + home.resolve("pristine.env"));
    run("--env", "X=secret:pw", "--", "sh", "-c", "env -0 > " + home.resolve("full.env"));

    assertThat(names("pristine.env")).containsExactlyInAnyOrder("PATH", "HOME", "LANG", "X",
        "PWD");
    assertThat(names("full.env")).contains("UNRELATED", "SECRETS4J_ENCRYPTED_FILE_PATH", "X");
    assertThat(read("full.env")).contains("\0X=hunter2!\0").doesNotContain("from the parent");
  }

  /** The variables of an {@code env -0} file (sh adds PWD). */
  private List<String> names(String file) throws IOException {
    return Arrays.stream(read(file).split("\0")).map(entry -> entry.substring(0,
        entry.indexOf('='))).collect(Collectors.toList());
  }

  @Test
  void valuesAreNotOnTheChildsCommandLine() throws IOException {
    run("--env", "X=secret:pw", "--volume", "secret:tls:" + secure.resolve("tls"), "--", "sh",
        "-c", "cat /proc/$$/cmdline > " + home.resolve("cmdline"));

    assertThat(read("cmdline")).startsWith("/").contains("sh\0-c\0")
        .doesNotContain("hunter2!").doesNotContain("BEGIN CERT");
  }

  @Test
  void duplicateNamesAndPathsAreRefusedInOneLineBeforeAnythingRuns() throws IOException {
    Path definitions = shell.write("defs.yaml", """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: app }
        secrets:
          - name: db
            provider: encrypted-file
            parameters: { key: pw }
        targets:
          - name: job
            env: { DB: db }
        """);
    Path envFile = shell.write("job.env", "DB=secret:pw\nOTHER=secret:tls\n");

    Shell.Result result = shell.run("--definitions", definitions.toString(), "run",
        "--env-file", envFile.toString(), "--env", "OTHER=secret:pw", "--target", "job",
        "--volume", "secret:pw:" + secure.resolve("a"), "--volume",
        "secret:tls:" + secure.resolve("a"), "--", "sh", "-c", "touch " + home.resolve("ran"));

    assertThat(result.code()).isEqualTo(125);
    Shell.assertGolden("run-duplicates.err", result.err());
    assertThat(home.resolve("ran")).doesNotExist();
  }

  @Test
  void aSecretWrittenToTwoFilesIsRefused() {
    Shell.Result result = run("--volume", "secret:pw:" + secure.resolve("a"), "--volume",
        "secret:pw:" + secure.resolve("b"), "--", "true");

    assertThat(result.code()).isEqualTo(125);
    assertThat(result.err()).isEqualTo("secrets4j: IllegalArgumentException: Cannot inject these "
        + "secrets: secret \"pw\" is written to more than one file\n");
  }

  @Test
  void aBackgroundProcessHoldingTheOutputOpenDelaysTheExitFiveSecondsAtMost() {
    long start = System.nanoTime();
    Shell.Result result = run("--env", "X=secret:pw", "--", "sh", "-c",
        "sleep 20 & echo \"started $X\"; exit 4");

    assertThat(result.code()).isEqualTo(4);
    assertThat(System.nanoTime() - start).isLessThan(15_000_000_000L);
    assertThat(result.rawOut()).isEqualTo("started ********\n");
    // Empty when the JDK's process reaper closed the pipe first: when the child exits while the
    // pump is not inside a read, it drains what is in the pipe and closes it.
    assertThat(result.rawErr()).isIn("", "secrets4j: warning: the output of sh is still open "
        + "5 s after it exited (a process it started?); not waiting for it\n");
  }

  @Test
  void anEnvFileHoldsReferencesWithCommentsAndBlankLines() throws IOException {
    Path envFile = shell.write("job.env", """
        # the job's secrets
        DB_PASSWORD=secret:pw

          TLS = secret:tls
        HOME_DIR=env:HOME
        """);

    Shell.Result result = run("--env-file", envFile.toString(), "--", "sh", "-c",
        "printf '%s|%s|%s' \"$DB_PASSWORD\" \"$TLS\" \"$HOME_DIR\" > " + home.resolve("seen"));

    assertThat(result.code()).isZero();
    assertThat(home.resolve("seen")).hasContent("hunter2!|-----BEGIN CERT-----\nMIIB\n|" + home);
  }

  @Test
  void envFileErrorsNameFileAndLineAndNeverTheReferenceText() throws IOException {
    Path mistaken = shell.write("mistaken.env", "# a value instead of a reference\n"
        + "DB_PASSWORD=correct-horse-battery\n");
    Path malformed = shell.write("malformed.env", "A=secret:pw\n\nno equals sign\n");
    Path badName = shell.write("bad-name.env", "1A=secret:pw\n");
    Path quoted = shell.write("quoted.env", "A=\"secret:pw\"\n");

    Shell.Result value = run("--env-file", mistaken.toString(), "--", "true");

    assertThat(value.code()).isEqualTo(125);
    assertThat(value.err()).isEqualTo("secrets4j: IllegalArgumentException: $HOME/mistaken.env:2:"
        + " \"<reference>\" is no defined secret: no definition file is loaded "
        + "(--definitions FILE or SECRETS4J_DEFINITIONS); " + Reference.GRAMMAR + "\n")
        .doesNotContain("correct-horse");
    assertThat(run("--env-file", malformed.toString(), "--", "true").err()).isEqualTo(
        "secrets4j: IllegalArgumentException: $HOME/malformed.env:3: expected NAME=REF\n");
    assertThat(run("--env-file", badName.toString(), "--", "true").err()).isEqualTo(
        "secrets4j: IllegalArgumentException: $HOME/bad-name.env:1: invalid variable name "
            + "(not shown: it may be a value): it must match [A-Za-z_][A-Za-z0-9_]*\n");
    assertThat(run("--env-file", quoted.toString(), "--", "true").err()).isEqualTo(
        "secrets4j: IllegalArgumentException: $HOME/quoted.env:1: write NAME=REF without "
            + "quotes; " + Reference.GRAMMAR + "\n");
    // A pasted base64 value reads as NAME=REF split at its padding; neither part is shown.
    Path base64 = shell.write("base64.env", "c2VjcmV0LXRva2VuLTEyMw==\n");
    assertThat(run("--env-file", base64.toString(), "--", "true").err())
        .startsWith("secrets4j: IllegalArgumentException: $HOME/base64.env:1: ")
        .doesNotContain("c2VjcmV0").doesNotContain("LTEyMw");
    // A reference that parses but does not resolve: the store's error names the key, which is
    // the reference's text; only the line and the error's class are shown.
    Path comment = shell.write("comment.env", "DB=secret:db-pw # the database\n");
    Shell.Result unresolved = run("--env-file", comment.toString(), "--", "true");
    assertThat(unresolved.code()).isEqualTo(125);
    assertThat(unresolved.err()).isEqualTo("secrets4j: IllegalArgumentException: "
        + "$HOME/comment.env:1: SecretValueNotFoundError (the reference there is not shown: it "
        + "may be a value)\n");
    Path huge = shell.write("huge.env", "A=secret:pw\n" + "#".repeat(1 << 20) + "\n");
    assertThat(run("--env-file", huge.toString(), "--", "true").err()).isEqualTo("secrets4j: "
        + "UncheckedIOException: Cannot read the env file $HOME/huge.env: it is larger than 1 MiB\n");
    Path latin1 = home.resolve("latin1.env");
    Files.write(latin1, new byte[] {'A', '=', (byte) 0xE9, '\n'});
    assertThat(run("--env-file", latin1.toString(), "--", "true").err()).isEqualTo("secrets4j: "
        + "UncheckedIOException: Cannot read the env file $HOME/latin1.env: it is not UTF-8 text\n");
    assertThat(run("--env-file", home.resolve("none.env").toString(), "--", "true").err())
        .isEqualTo("secrets4j: UncheckedIOException: Cannot read the env file $HOME/none.env: "
            + "NoSuchFileException\n");
  }

  @Test
  void aTargetGivesAllItsVariablesAndFiles() throws IOException {
    Path file = secure.resolve("tls.pem");
    Path definitions = shell.write("defs.yaml", """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: app }
        secrets:
          - name: db
            provider: encrypted-file
            parameters: { key: pw }
          - name: cert
            provider: encrypted-file
            parameters: { key: tls }
        targets:
          - name: job
            env: { DB_PASSWORD: db }
            files: { "%s": cert }
        """.formatted(file));

    Shell.Result result = shell.run("--definitions", definitions.toString(), "run", "--target",
        "job", "--env", "AGAIN=db", "--", "sh", "-c", "printf '%s|%s|' \"$DB_PASSWORD\" "
            + "\"$AGAIN\" > " + home.resolve("seen") + "; cat " + file + " >> "
            + home.resolve("seen"));

    assertThat(result.code()).isZero();
    assertThat(home.resolve("seen")).hasContent("hunter2!|hunter2!|-----BEGIN CERT-----\nMIIB\n");
    assertThat(file).doesNotExist();
  }

  @Test
  void usageErrorsOfRunExit125InOneLine() {
    Shell.Result mask = run("--mask=bogus", "--", "true");
    Shell.Result noCommand = run("--env", "X=secret:pw");
    Shell.Result noReference = run("--env", "X", "--", "true");

    assertThat(mask.code()).isEqualTo(125);
    assertThat(mask.err()).isEqualTo("secrets4j: UsageError: Invalid value for option '--mask': "
        + "expected auto, always or never, not 'bogus' (see secrets4j run --help)\n");
    assertThat(noCommand.code()).isEqualTo(125);
    assertThat(noCommand.err()).isEqualTo("secrets4j: UsageError: Missing required parameter: "
        + "'CMD' (see secrets4j run --help)\n");
    assertThat(noReference.code()).isEqualTo(125);
    assertThat(noReference.err()).isEqualTo("secrets4j: IllegalArgumentException: --env takes "
        + "NAME=REF, not \"X\"\n");
  }

  @Test
  void theCommandsOwnOptionsNeedNoDoubleDash() {
    Shell.Result result = run("--env", "X=secret:pw", "sh", "-c", "echo \"$1 $X\"", "sh",
        "--help");

    assertThat(result.code()).isZero();
    assertThat(result.rawOut()).isEqualTo("--help ********\n");
  }

  @Test
  void helpDocumentsTheExitCodesAndTheVolumeRule() {
    Shell.Result result = run("--help");

    assertThat(result.code()).isZero();
    assertThat(result.out()).startsWith("Usage: secrets4j run ")
        .contains("\n  N     the exit code of CMD; 128+N when signal N ended it")
        .contains("\n  125   secrets4j failed before starting CMD")
        .contains("\n  126   CMD is not executable")
        .contains("\n  127   CMD was not found")
        .contains("split at the last : followed by /");
  }
}
