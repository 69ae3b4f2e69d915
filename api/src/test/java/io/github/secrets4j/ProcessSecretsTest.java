package io.github.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.secrets4j.internal.process.FolderRoots;
import io.github.secrets4j.spi.ParameterSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Process injection: real child processes ({@code sh -c}), real files, modes and signals. */
class ProcessSecretsTest {
  /** Quotes, a dollar, a backtick, a non-ASCII letter, an emoji and a trailing newline. */
  static final String DB_PASSWORD = "pa ss'w\"o$rd`x`-\u00e9\ud83d\ude00\n";
  /** Binary-ish: a NUL, control characters, and no final newline. */
  static final String TLS = "-----BEGIN-----\u0000\u0001\u007f\u00ff\r\nend";
  static final String TOKEN = "t0ken-canary-7f3a";

  @TempDir
  Path tmp;
  Path roots;
  Secrets secrets;
  final Map<String, String> values = new HashMap<>(Map.of(
      "db", DB_PASSWORD, "tls", TLS, "token", TOKEN, "ams1-pw", "amsterdam"));

  @BeforeEach
  void setUp() throws IOException {
    roots = Files.createDirectory(tmp.resolve("roots"));
    secrets = runtime().build();
  }

  @AfterEach
  void tearDown() {
    secrets.close();
  }

  Secrets.Builder runtime() {
    TestProviders.Scripted memory = TestProviders.Scripted.of("memory", values);
    memory.parameters = List.of(ParameterSpec.required("key", "the key"));
    return Secrets.builder().discoverProviders(false).provider(memory);
  }

  Secret secret(String key) {
    return secrets.secret(key).provider("memory").parameter("key", key).build();
  }

  /** A builder whose private folders go to {@link #roots} (no runtime dir, no shared memory). */
  ProcessSecrets.Builder builder() {
    return ProcessSecrets.builder(secrets)
        .folderRoots(new FolderRoots(null, tmp.resolve("no-shm"), roots));
  }

  static ProcessBuilder sh(String script) {
    return new ProcessBuilder("sh", "-c", script);
  }

  /** Starts {@code pb}, returns its standard output (bytes as they are) once it exited 0. */
  static byte[] run(ProcessBuilder pb) throws Exception {
    Process process = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor()).as("exit code").isZero();
    return out;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  List<Path> underRoots() throws IOException {
    try (Stream<Path> files = Files.walk(roots)) {
      return files.filter(path -> !path.equals(roots)).toList();
    }
  }

  @Test
  void theChildGetsTheValueInItsEnvironmentAndNotOnItsCommandLine() throws Exception {
    ProcessSecrets injection = builder().env("DB_PASSWORD", secret("db")).build();
    ProcessBuilder pb = sh("printf %s \"$DB_PASSWORD\"");
    try (ProcessSecrets.Session session = injection.open(pb)) {
      assertThat(run(pb)).isEqualTo(utf8(DB_PASSWORD));
      assertThat(pb.command()).containsExactly("sh", "-c", "printf %s \"$DB_PASSWORD\"");
      assertThat(session.files()).isEmpty();
      // No file bound: no private folder either.
      assertThat(underRoots()).isEmpty();
      assertThat(session.toString())
          .isEqualTo("ProcessSecrets.Session{folder=none, files=0, env=[DB_PASSWORD]}");
    }
  }

  @Test
  void filesHoldTheExactBytesWithMode0400InAPrivateFolderWithMode0700() throws Exception {
    Path absolute = tmp.resolve("tls-at-path.pem");
    ProcessSecrets injection = builder()
        .file(secret("tls"), "tls.pem")
        .fileEnv("DB_PASSWORD_FILE", secret("db"))
        .file(secret("token"), absolute)
        .build();
    ProcessBuilder pb = sh("cat \"$DB_PASSWORD_FILE\"");
    try (ProcessSecrets.Session session = injection.open(pb)) {
      Path tls = session.files().get(secret("tls"));
      Path db = session.files().get(secret("db"));
      Path folder = tls.getParent();
      assertThat(session.files()).containsExactly(Map.entry(secret("tls"), tls),
          Map.entry(secret("db"), db), Map.entry(secret("token"), absolute));
      assertThat(tls.getFileName()).hasToString("tls.pem");
      assertThat(db).isEqualTo(folder.resolve("DB_PASSWORD_FILE"));
      assertThat(folder.getParent()).isEqualTo(roots);
      assertThat(folder.getFileName().toString()).startsWith("secrets4j-");
      assertThat(pb.environment()).containsEntry("DB_PASSWORD_FILE", db.toString());

      assertThat(Files.readAllBytes(tls)).isEqualTo(utf8(TLS));
      assertThat(Files.readAllBytes(db)).isEqualTo(utf8(DB_PASSWORD));
      assertThat(Files.readAllBytes(absolute)).isEqualTo(utf8(TOKEN));
      assertThat(mode(tls)).isEqualTo("r--------");
      assertThat(mode(db)).isEqualTo("r--------");
      assertThat(mode(absolute)).isEqualTo("r--------");
      assertThat(mode(folder)).isEqualTo("rwx------");
      // The child reads the file the variable names.
      assertThat(run(pb)).isEqualTo(utf8(DB_PASSWORD));
      assertThat(run(sh("cat '" + tls + "'"))).isEqualTo(utf8(TLS));
      // Nothing else next to the absolute path (no temporary file left).
      try (Stream<Path> next = Files.list(tmp)) {
        assertThat(next).containsExactlyInAnyOrder(roots, absolute);
      }
    }
  }

  @Test
  void closeRemovesTheFilesAndTheFolderAndTakesTheVariablesBack() throws Exception {
    Path absolute = tmp.resolve("token");
    ProcessSecrets injection = builder().env("DB_PASSWORD", secret("db"))
        .env("TOKEN", secret("token")).fileEnv("TLS_FILE", secret("tls"))
        .file(secret("token"), absolute).build();
    ProcessBuilder pb = sh("true");
    pb.environment().put("DB_PASSWORD", "the host's own");
    pb.environment().remove("TOKEN");
    ProcessSecrets.Session session = injection.open(pb);
    Path folder = session.files().get(secret("tls")).getParent();
    assertThat(pb.environment()).containsEntry("DB_PASSWORD", DB_PASSWORD)
        .containsEntry("TOKEN", TOKEN);

    session.close();
    assertThat(folder).doesNotExist();
    assertThat(absolute).doesNotExist();
    assertThat(underRoots()).isEmpty();
    assertThat(pb.environment()).containsEntry("DB_PASSWORD", "the host's own")
        .doesNotContainKeys("TOKEN", "TLS_FILE");
    // Still the paths written, which no longer exist; a second close does nothing.
    assertThat(session.files()).containsEntry(secret("token"), absolute);
    session.close();
    assertThat(session.toString()).endsWith(", closed}").doesNotContain(TOKEN);
  }

  @Test
  void closeRemovesTheFilesAfterTheChildWasKilledWithSigkill() throws Exception {
    Path absolute = tmp.resolve("token");
    ProcessSecrets injection = builder().fileEnv("TLS_FILE", secret("tls"))
        .file(secret("token"), absolute).build();
    // The child also leaves a file of its own in the private folder.
    ProcessBuilder pb = sh("echo extra > \"$(dirname \"$TLS_FILE\")/extra\"; echo ready; exec sleep 60");
    Path folder;
    try (ProcessSecrets.Session session = injection.open(pb)) {
      folder = session.files().get(secret("tls")).getParent();
      Process child = pb.start();
      assertThat(new String(child.getInputStream().readNBytes(6), StandardCharsets.UTF_8))
          .isEqualTo("ready\n");
      assertThat(run(new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())))).isEmpty();
      assertThat(child.waitFor()).isEqualTo(128 + 9);
      assertThat(folder.resolve("extra")).exists();
    }
    assertThat(folder).doesNotExist();
    assertThat(absolute).doesNotExist();
    assertThat(underRoots()).isEmpty();
  }

  @Test
  void aTargetBindsItsVariablesAndFilesFromADefinitionFile() throws Exception {
    Path tlsPath = tmp.resolve("tls.pem");
    String yaml = String.join("\n",
        "apiVersion: secrets4j/v1",
        "kind: SecretsDefinition",
        "metadata: { name: proc }",
        "secrets:",
        "  - { name: db-password, provider: memory, parameters: { key: db } }",
        "  - { name: api-token, provider: memory, parameters: { key: token } }",
        "  - { name: web-tls, provider: memory, parameters: { key: tls } }",
        "targets:",
        "  - name: job",
        "    env: { DB_PASSWORD: db-password, API_TOKEN: api-token }",
        "    files: { \"" + tlsPath + "\": web-tls }",
        "");
    secrets.close();
    secrets = runtime().definitions(new ByteArrayInputStream(utf8(yaml)), "proc.yaml").build();
    ProcessSecrets injection = builder().target(secrets.target("job")).build();
    ProcessBuilder pb = sh("printf '%s|%s|' \"$API_TOKEN\" \"$DB_PASSWORD\"; cat '" + tlsPath + "'");
    try (ProcessSecrets.Session session = injection.open(pb)) {
      assertThat(session.files()).containsExactly(Map.entry(secrets.defined("web-tls"), tlsPath));
      assertThat(run(pb)).isEqualTo(utf8(TOKEN + "|" + DB_PASSWORD + "|" + TLS));
    }
    assertThat(tlsPath).doesNotExist();
    assertThat(injection.toString()).isEqualTo("ProcessSecrets{DB_PASSWORD=\"db-password\", "
        + "API_TOKEN=\"api-token\", " + tlsPath + "=\"web-tls\"}");
  }

  @Test
  void templatedSecretsAreRenderedWithTheObject() throws Exception {
    Secret templated = secrets.secret("site password").provider("memory")
        .parameter("key", "{{ obj.site }}-pw").build();
    ProcessSecrets injection = builder().obj(Map.of("site", "ams1"))
        .env("SITE_PASSWORD", templated).fileEnv("SITE_PASSWORD_FILE", templated).build();
    ProcessBuilder pb = sh("printf %s \"$SITE_PASSWORD\"; cat \"$SITE_PASSWORD_FILE\"");
    try (ProcessSecrets.Session session = injection.open(pb)) {
      assertThat(run(pb)).isEqualTo(utf8("amsterdamamsterdam"));
    }
    // Without the object the template cannot render: nothing is set.
    ProcessBuilder without = sh("true");
    Map<String, String> before = Map.copyOf(without.environment());
    assertThatThrownBy(() -> builder().env("SITE_PASSWORD", templated).build().open(without))
        .isInstanceOf(SecretParametersError.class);
    assertThat(without.environment()).isEqualTo(before);
  }

  @Test
  void buildRefusesDuplicateVariablesPathsAndFileNamesNamingThem() {
    assertThatThrownBy(() -> builder().env("A", secret("db")).fileEnv("A", secret("tls"))
        .env("B", secret("db")).env("B", secret("db"))
        .file(secret("token"), Path.of("/run/x/token"))
        .file(secret("db"), Path.of("/run/x/./y/../token"))
        .file(secret("tls"), "tls.pem").fileEnv("tls.pem".replace('.', '_'), secret("token"))
        .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot inject these secrets: environment variable \"A\" is set more than"
            + " once; environment variable \"B\" is set more than once; path \"/run/x/token\" is"
            + " written more than once; secret \"tls\" is written to more than one file; secret"
            + " \"token\" is written to more than one file");
    assertThatThrownBy(() -> builder().file(secret("tls"), "TLS").fileEnv("TLS", secret("db"))
        .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot inject these secrets: file name \"TLS\" is used more than once in the"
            + " private folder");
    // A secret in a variable and in a file is fine.
    assertThat(builder().env("A", secret("db")).fileEnv("A_FILE", secret("db")).build())
        .hasToString("ProcessSecrets{A=\"db\", A_FILE=<private>/A_FILE=\"db\"}");
  }

  @Test
  void invalidNamesAndPathsAreRefusedAtOnceAndEscaped() {
    for (String name : List.of("", "1A", "A-B", "A=B", "Ä")) {
      assertThatThrownBy(() -> builder().env(name, secret("db")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Invalid environment variable name \"" + name
              + "\": it must match [A-Za-z_][A-Za-z0-9_]*");
      assertThatThrownBy(() -> builder().fileEnv(name, secret("db")))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> builder().env("A\nB\u202e", secret("db")))
        .hasMessage("Invalid environment variable name \"A\\u000aB\\u202e\": it must match"
            + " [A-Za-z_][A-Za-z0-9_]*");
    for (String fileName : List.of("", ".", "..", "a/b", "a\\b", "a\u0007b", "x".repeat(256))) {
      assertThatThrownBy(() -> builder().file(secret("db"), fileName))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("Invalid secret file name \"")
          .hasMessageNotContaining("\u0007");
    }
    assertThatThrownBy(() -> builder().file(secret("db"), Path.of("relative/x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A secret file's path must be absolute and name a file: \"relative/x\"");
    assertThatThrownBy(() -> builder().file(secret("db"), Path.of("/")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProcessSecrets.builder(null))
        .isInstanceOf(NullPointerException.class).hasMessage("secrets");
    assertThatThrownBy(() -> builder().obj(null))
        .isInstanceOf(NullPointerException.class).hasMessage("obj");
  }

  @Test
  void aFailingSecretWritesNothingAndLeavesTheProcessBuilderAsItWas() {
    Path absolute = tmp.resolve("token");
    ProcessSecrets injection = builder().env("DB_PASSWORD", secret("db"))
        .file(secret("token"), absolute).fileEnv("TLS_FILE", secret("tls"))
        .env("MISSING", secret("missing")).build();
    ProcessBuilder pb = sh("true");
    Map<String, String> before = Map.copyOf(pb.environment());
    assertThatThrownBy(() -> injection.open(pb))
        .isInstanceOf(SecretValueNotFoundError.class)
        .hasMessage("Secret \"missing\" (provider \"memory\"): no missing");
    assertThat(pb.environment()).isEqualTo(before);
    assertThat(absolute).doesNotExist();
    assertThat(roots).isEmptyDirectory();
  }

  @Test
  void aValueWithANulCannotGoIntoAVariableAndNothingIsWritten() throws IOException {
    ProcessSecrets injection = builder().fileEnv("DB_PASSWORD_FILE", secret("db"))
        .env("TLS", secret("tls")).build();
    ProcessBuilder pb = sh("true");
    Map<String, String> before = Map.copyOf(pb.environment());
    Throwable thrown = catchThrowable(() -> injection.open(pb));
    assertThat(thrown).isInstanceOf(SecretValueInvalidError.class)
        .hasMessage("Secret \"tls\" (provider \"memory\"): The value holds a NUL character, which"
            + " an environment variable cannot carry (bind it to a file instead)");
    assertThat(pb.environment()).isEqualTo(before);
    assertThat(underRoots()).isEmpty();
  }

  @Test
  void aWriteFailingMidwayRemovesWhatWasWrittenAndLeavesTheProcessBuilderAsItWas() {
    Path absolute = tmp.resolve("token");
    Path missing = tmp.resolve("missing-root");
    // The absolute file is written first; the private folder then cannot be made.
    ProcessSecrets injection = ProcessSecrets.builder(secrets)
        .folderRoots(new FolderRoots(null, missing, missing))
        .env("DB_PASSWORD", secret("db")).file(secret("token"), absolute)
        .fileEnv("TLS_FILE", secret("tls")).build();
    ProcessBuilder pb = sh("true");
    Map<String, String> before = Map.copyOf(pb.environment());
    assertThatThrownBy(() -> injection.open(pb))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("Cannot create the private folder in \"" + missing + "\": NoSuchFileException");
    assertThat(absolute).doesNotExist();
    assertThat(pb.environment()).isEqualTo(before);
    assertThat(tmp.toFile().list()).containsExactlyInAnyOrder("roots");
  }

  @Test
  void theFolderOfAnAbsolutePathMustExistAtOpen() {
    Path absolute = tmp.resolve("later").resolve("token");
    ProcessSecrets injection = builder().fileEnv("TLS_FILE", secret("tls"))
        .file(secret("token"), absolute).build();
    assertThatThrownBy(() -> injection.open(sh("true")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("Cannot write the file \"" + absolute + "\" of secret \"token\": the folder"
            + " does not exist")
        .cause().hasMessageContaining("NoSuchFileException");
    assertThat(roots).isEmptyDirectory();
  }

  @Test
  void aSymbolicLinkAtAnAbsolutePathIsNotFollowed() throws Exception {
    Path victim = Files.writeString(tmp.resolve("victim"), "original");
    Path link = Files.createSymbolicLink(tmp.resolve("link"), victim);
    ProcessSecrets injection = builder().fileEnv("TLS_FILE", secret("tls"))
        .file(secret("token"), link).build();
    ProcessBuilder pb = sh("true");
    assertThatThrownBy(() -> injection.open(pb))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("Cannot write the file \"" + link + "\" of secret \"token\": a symbolic link"
            + " is already there; it is never overwritten (nor a link followed): remove it first");
    assertThat(victim).hasContent("original");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(roots).isEmptyDirectory();
    assertThat(tmp.toFile().list()).containsExactlyInAnyOrder("roots", "victim", "link");
  }

  @Test
  void aFileAtAnAbsolutePathIsNeverOverwrittenAndCloseLeavesAFileReplacedSince()
      throws Exception {
    Path absolute = Files.writeString(tmp.resolve("token"), "precious original");
    ProcessSecrets injection = builder().file(secret("token"), absolute).build();
    ProcessBuilder pb = sh("true");
    Map<String, String> before = Map.copyOf(pb.environment());
    assertThatThrownBy(() -> injection.open(pb)).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("a file is already there; it is never overwritten (nor a link "
            + "followed): remove it first");
    assertThat(absolute).hasContent("precious original");
    assertThat(pb.environment()).isEqualTo(before);
    assertThat(tmp.toFile().list()).as("no temporary file left")
        .containsExactlyInAnyOrder("roots", "token");

    Files.delete(absolute);
    ProcessSecrets.Session session = injection.open(sh("true"));
    assertThat(absolute).hasContent(TOKEN);
    assertThat(mode(absolute)).isEqualTo("r--------");
    // Someone else puts a file there: close removes only the file it wrote.
    Files.delete(absolute);
    Files.writeString(absolute, "someone else's");
    session.close();
    assertThat(absolute).hasContent("someone else's");
  }

  @Test
  void eachSessionHasAPrivateFolderOfItsOwn() throws Exception {
    ProcessSecrets injection = builder().file(secret("tls"), "tls.pem").build();
    try (ProcessSecrets.Session one = injection.open(sh("true"));
        ProcessSecrets.Session two = injection.open(sh("true"))) {
      assertThat(one.files().get(secret("tls")).getParent())
          .isNotEqualTo(two.files().get(secret("tls")).getParent());
      assertThat(underRoots()).hasSize(4);
    }
    assertThat(underRoots()).isEmpty();
  }

  @Test
  void sessionsOpenedAtOnceFromManyThreadsDoNotMeet() throws Exception {
    ProcessSecrets injection = builder().fileEnv("TLS_FILE", secret("tls"))
        .env("TOKEN", secret("token")).build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Path>> folders = new ArrayList<>();
      CountDownLatch start = new CountDownLatch(1);
      for (int i = 0; i < 16; i++) {
        folders.add(pool.submit(() -> {
          start.await();
          ProcessBuilder pb = sh("true");
          try (ProcessSecrets.Session session = injection.open(pb)) {
            Path file = session.files().get(secret("tls"));
            assertThat(Files.readAllBytes(file)).isEqualTo(utf8(TLS));
            assertThat(pb.environment()).containsEntry("TLS_FILE", file.toString())
                .containsEntry("TOKEN", TOKEN);
            return file.getParent();
          }
        }));
      }
      start.countDown();
      Set<Path> distinct = new HashSet<>();
      for (Future<Path> folder : folders) {
        distinct.add(folder.get());
      }
      assertThat(distinct).hasSize(16);
    } finally {
      pool.shutdownNow();
    }
    assertThat(underRoots()).isEmpty();
  }

  @Test
  void thePrivateFolderGoesToTheRuntimeDirWhenItIsOwnedByThisUserAndWritable() throws Exception {
    Path runtimeDir = Files.createDirectory(tmp.resolve("run-user"));
    Path shm = Files.createDirectory(tmp.resolve("shm"));
    assertThat(folderParent(new FolderRoots(runtimeDir, shm, roots))).isEqualTo(runtimeDir);
    // Not set, missing, a file, or relative: shared memory.
    assertThat(folderParent(new FolderRoots(null, shm, roots))).isEqualTo(shm);
    assertThat(folderParent(new FolderRoots(tmp.resolve("gone"), shm, roots))).isEqualTo(shm);
    Path file = Files.writeString(tmp.resolve("a-file"), "");
    assertThat(folderParent(new FolderRoots(file, shm, roots))).isEqualTo(shm);
    assertThat(folderParent(new FolderRoots(Path.of("run-user"), shm, roots))).isEqualTo(shm);
    // No shared memory either (missing, or a file): the temporary folder.
    assertThat(folderParent(new FolderRoots(null, tmp.resolve("gone"), roots))).isEqualTo(roots);
    assertThat(folderParent(new FolderRoots(null, file, roots))).isEqualTo(roots);
  }

  @Test
  void aRuntimeDirOwnedBySomeoneElseIsNotUsed() throws Exception {
    Path runtimeDir = Files.createDirectory(tmp.resolve("run-other"));
    Path shm = Files.createDirectory(tmp.resolve("shm"));
    try {
      Files.setAttribute(runtimeDir, "unix:uid", 65534);
    } catch (IOException e) {
      assumeThat(e).as("only root can give a folder away").isNull();
    }
    assertThat(folderParent(new FolderRoots(runtimeDir, shm, roots))).isEqualTo(shm);
  }

  @Test
  void byDefaultThePrivateFolderGoesWhereThisProcessesCandidatesSay() throws Exception {
    ProcessSecrets injection = ProcessSecrets.builder(secrets).file(secret("tls"), "tls.pem")
        .build();
    Path folder;
    try (ProcessSecrets.Session session = injection.open(sh("true"))) {
      folder = session.files().get(secret("tls")).getParent();
      assertThat(folder.getParent()).isEqualTo(FolderRoots.system().choose());
      assertThat(mode(folder)).isEqualTo("rwx------");
    }
    assertThat(folder).doesNotExist();
  }

  Path folderParent(FolderRoots candidates) {
    ProcessSecrets injection = ProcessSecrets.builder(secrets).folderRoots(candidates)
        .file(secret("tls"), "tls.pem").build();
    try (ProcessSecrets.Session session = injection.open(sh("true"))) {
      return session.files().get(secret("tls")).getParent().getParent();
    }
  }

  @Test
  void noValueInToStringsOrMessages() {
    ProcessSecrets injection = builder().env("DB_PASSWORD", secret("db"))
        .fileEnv("TOKEN_FILE", secret("token")).file(secret("tls"), tmp.resolve("no/such"))
        .build();
    ProcessBuilder pb = sh("true");
    Throwable thrown = catchThrowable(() -> injection.open(pb));
    assertThat(thrown).isInstanceOf(UncheckedIOException.class);
    try (ProcessSecrets.Session session = builder().env("DB_PASSWORD", secret("db"))
        .fileEnv("TOKEN_FILE", secret("token")).build().open(pb)) {
      for (String text : List.of(injection.toString(), session.toString(), thrown.toString(),
          thrown.getCause().toString())) {
        assertThat(text).doesNotContain(TOKEN, DB_PASSWORD.strip(), "pa ss");
      }
    }
  }
}
