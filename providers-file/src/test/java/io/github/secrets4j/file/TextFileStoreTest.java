package io.github.secrets4j.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretMetadata;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.PlannedChange;
import io.github.secrets4j.SecretStore;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.SecretsPlan;
import io.github.secrets4j.StoredSecret;
import io.github.secrets4j.spi.ProviderContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write side of the text-file provider, on real files. */
class TextFileStoreTest {
  @TempDir Path dir;

  private Secrets secrets(Path root) {
    return Secrets.builder().setting(TextFileProvider.STORE_ROOT, root.toString()).build();
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static ProviderContext context() {
    return new ProviderContext() {
      @Override
      public Optional<String> setting(String key) {
        return Optional.empty();
      }

      @Override
      public Optional<String> environmentVariable(String name) {
        return Optional.empty();
      }
    };
  }

  @Test
  void withoutAStoreRootTheProviderOnlyReads() {
    try (Secrets secrets = Secrets.builder().build()) {
      assertThatThrownBy(() -> secrets.store("text-file"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("Provider \"text-file\" cannot store secrets");
    }
  }

  @Test
  void storeRootIsCreatedOwnerOnlyAndFilesAre0600() throws IOException {
    Path root = dir.resolve("a/store");
    try (Secrets secrets = secrets(root)) {
      SecretStore store = secrets.store("text-file");
      store.put("db-password", "hunter2");
      assertThat(mode(root)).isEqualTo("rwx------");
      assertThat(mode(root.resolve(".meta"))).isEqualTo("rwx------");
      assertThat(mode(root.resolve("db-password"))).isEqualTo("rw-------");
      assertThat(mode(root.resolve(".meta/db-password.json"))).isEqualTo("rw-------");
      assertThat(mode(root.resolve(".lock"))).isEqualTo("rw-------");
      assertThat(Files.readString(root.resolve("db-password"))).isEqualTo("hunter2");
      assertThat(store.secret("db-password").getValue()).isEqualTo("hunter2");
      store.put("db-password", "hunter3");
      assertThat(mode(root.resolve("db-password"))).isEqualTo("rw-------");
      try (Stream<Path> files = Files.list(root)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder("db-password", ".meta", ".lock");
      }
    }
  }

  @Test
  void relativeStoreRootIsRefused() {
    try (Secrets secrets = Secrets.builder().setting(TextFileProvider.STORE_ROOT, "rel/store")
        .build()) {
      assertThatThrownBy(() -> secrets.store("text-file"))
          .isInstanceOf(SecretProviderError.class)
          .hasMessageContaining("Setting secrets4j.text-file.store-root must be an absolute "
              + "directory; \"rel/store\" is not");
    }
  }

  @Test
  void storeRootOutsideTheAllowedRootsIsRefused() throws IOException {
    Path allowed = Files.createDirectories(dir.resolve("allowed"));
    try (Secrets secrets = Secrets.builder()
        .setting(TextFileProvider.ALLOWED_ROOTS, allowed.toString())
        .setting(TextFileProvider.STORE_ROOT, dir.resolve("elsewhere").toString()).build()) {
      assertThatThrownBy(() -> secrets.store("text-file"))
          .isInstanceOf(SecretProviderError.class)
          .hasMessageContaining("is not inside secrets4j.text-file.allowed-roots");
    }
    try (Secrets secrets = Secrets.builder()
        .setting(TextFileProvider.ALLOWED_ROOTS, allowed.toString())
        .setting(TextFileProvider.STORE_ROOT, allowed.resolve("store").toString()).build()) {
      SecretStore store = secrets.store("text-file");
      store.put("k", "v");
      assertThat(store.secret("k").getValue()).isEqualTo("v");
    }
  }

  @Test
  void keysMustBePlainFileNames() {
    try (Secrets secrets = secrets(dir.resolve("store"))) {
      SecretStore store = secrets.store("text-file");
      assertThatThrownBy(() -> store.put("a/b", "v"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Key \"a/b\" must not contain \"/\": the text-file store keeps each key as "
              + "one file directly under its store root");
      for (String key : List.of("..", ".", ".meta", ".lock", ".hidden", "../escape")) {
        assertThatThrownBy(() -> store.put(key, "v"))
            .as(key).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("must not");
      }
      assertThatThrownBy(() -> store.put(".x", "v")).hasMessageContaining("must not start with");
      assertThatThrownBy(() -> store.put("a\0b", "v"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.put("\u00e9".repeat(126), "v"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is 252 bytes in UTF-8; the text-file store allows at most 250");
      assertThatThrownBy(() -> store.describe("a/b")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.secret("../x")).isInstanceOf(IllegalArgumentException.class);
      assertThat(store.put("a..b c\u00e9", "v").version()).isEqualTo(1);
      assertThat(store.list()).extracting(StoredSecret::key).containsExactly("a..b c\u00e9");
    }
  }

  @Test
  void parametersAndKeyAreInverses() throws IOException {
    Path root = dir.resolve("store");
    try (Secrets secrets = secrets(root)) {
      TextFileProvider provider = (TextFileProvider) secrets.provider("text-file").orElseThrow();
      var writer = provider.writer().orElseThrow();
      Path real = root.toRealPath();
      assertThat(writer.parameters("k1")).isEqualTo(Map.of("path", real.resolve("k1").toString()));
      assertThat(writer.key(writer.parameters("k1"))).contains("k1");
      assertThat(writer.key(Map.of("path", real + "/./k1"))).contains("k1");
      assertThat(writer.key(Map.of("path", real + "/sub/k1"))).isEmpty();
      assertThat(writer.key(Map.of("path", real + "/.meta"))).isEmpty();
      assertThat(writer.key(Map.of("path", dir.resolve("other").toString()))).isEmpty();
      assertThat(writer.key(Map.of("path", "relative"))).isEmpty();
      assertThat(writer.key(Map.of())).isEmpty();
      // A link elsewhere to a stored file reads that key: principals are checked against it.
      secrets.store("text-file").put("k1", "v");
      Path link = Files.createSymbolicLink(dir.resolve("link"), real.resolve("k1"));
      assertThat(writer.key(Map.of("path", link.toString()))).contains("k1");
    }
  }

  @Test
  void theStoresOwnFilesAreNotReadableAsSecrets() throws IOException {
    Path root = dir.resolve("store");
    try (Secrets secrets = secrets(root)) {
      secrets.forPrincipal("alice").store("text-file").put("alice-key", "v",
          SecretMetadata.builder().description("alice's").build());
      Path real = root.toRealPath();
      Files.writeString(real.resolve(".tmp-in-flight"), "value in flight");
      Path link = Files.createSymbolicLink(dir.resolve("sidecar-link"),
          real.resolve(".meta/alice-key.json"));
      for (Secrets reader : List.of(secrets.forPrincipal("bob"), secrets)) {
        for (Path own : List.of(real.resolve(".meta/alice-key.json"), real.resolve(".lock"),
            real.resolve(".tmp-in-flight"), link)) {
          Throwable refused = catchThrowable(() -> reader.secret("own").provider("text-file")
              .parameter("path", own.toString()).build().getValue());
          assertThat(refused).as(own.toString()).isInstanceOf(SecretAccessDeniedError.class)
              .hasMessageContaining("store's own files");
          assertThat(refused.getMessage()).doesNotContain("alice's");
        }
      }
    }
  }

  @Test
  void aValueIsNeverInTheSidecar() throws IOException {
    Path root = dir.resolve("store");
    String value = "canary-0d9f2c-value";
    try (Secrets secrets = secrets(root)) {
      SecretStore store = secrets.store("text-file");
      store.put("k", value, SecretMetadata.builder().description("d").label("l", "x").build());
      store.put("k", value);
      secrets.forPrincipal("alice").store("text-file").put("k2", value);
      store.grant("k2", "bob");
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String name = file.getFileName().toString();
          if (!name.equals("k") && !name.equals("k2")) {
            assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(name)
                .doesNotContain(value);
          }
        }
      }
    }
  }

  @Test
  void aValueThatWouldNotReadBackAsPutIsRefusedAndNothingIsWritten() {
    Path root = dir.resolve("store");
    String canary = "canary-5e1b7a";
    try (Secrets secrets = secrets(root)) {
      SecretStore store = secrets.store("text-file");
      store.put("k", canary);
      for (String value : List.of(canary + "\n", " " + canary, canary + "\r\n", "\t" + canary,
          canary + "\u2003")) {
        assertThatThrownBy(() -> store.put("k", value)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("The value of key \"k\" starts or ends with whitespace (a trailing newline "
                + "too), which the text-file provider strips when it reads: a put must read back "
                + "what was put, so strip the value first");
        assertThatThrownBy(() -> store.put("new", value))
            .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(canary);
      }
      assertThat(store.describe("k").orElseThrow().version()).isEqualTo(1);
      assertThat(store.describe("new")).isEmpty();
      assertThat(root.resolve("new")).doesNotExist();
      // Inner whitespace and a no-break space (not whitespace to strip) read back as put.
      String inner = "a b\n\tc\u00a0";
      store.put("k", inner);
      assertThat(secrets.store("text-file").secret("k").getValue()).isEqualTo(inner);
      store.put("empty", "");
      assertThat(secrets.store("text-file").secret("empty").getValue()).isEmpty();
    }
  }

  /**
   * A plan of a file ending in a newline into the text-file store is a conflict (it could never
   * converge: the store reads values stripped); stripped, it is created and the next plan has no
   * changes.
   */
  @Test
  void aPlannedValueWithATrailingNewlineIsAConflictAndAStrippedOneConverges() throws IOException {
    Path root = dir.resolve("store");
    Path pem = dir.resolve("pem.txt");
    Files.writeString(pem, "canary-3f9a01\n");
    Path definitions = dir.resolve("d.yaml");
    Files.writeString(definitions, "apiVersion: secrets4j/v1\nkind: SecretsDefinition\n"
        + "metadata: { name: m }\nsecrets:\n"
        + "  - { name: pem, store: text-file, value: { fromFile: pem.txt } }\n");
    try (Secrets secrets = Secrets.builder().setting(TextFileProvider.STORE_ROOT, root.toString())
        .definitions(definitions).build()) {
      SecretsPlan plan = secrets.plan();
      assertThat(plan.changes()).singleElement().satisfies(change -> {
        assertThat(change.action()).isEqualTo(PlannedChange.Action.CONFLICT);
        assertThat(change.reason()).startsWith("the value of secret \"pem\" (sensitive, from "
            + "file \"" + pem + "\") is refused by store \"text-file\": The value of key \"pem\" "
            + "starts or ends with whitespace (a trailing newline too), which the text-file "
            + "provider strips when it reads: a put must read back what was put, so strip the "
            + "value first; nothing can be put");
      });
      assertThat(plan.toText()).doesNotContain("canary");
      assertThatThrownBy(plan::apply).isInstanceOf(IllegalStateException.class);
      assertThat(root.resolve("pem")).doesNotExist();

      Files.writeString(pem, "canary-3f9a01");
      plan = secrets.plan();
      assertThat(plan.changes()).singleElement().extracting(PlannedChange::action)
          .isEqualTo(PlannedChange.Action.CREATE);
      plan.apply();
      assertThat(secrets.plan().hasChanges()).isFalse();
      assertThat(secrets.store("text-file").describe("pem").orElseThrow().version()).isEqualTo(1);
    }
  }

  /** A folder the store cannot write to; root ignores modes, so this runs as another user. */
  @Test
  void aFailingWriteLeavesTheOldValue() throws IOException {
    Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
        "root writes through file modes");
    Path root = dir.resolve("store");
    try (Secrets secrets = secrets(root)) {
      SecretStore store = secrets.store("text-file");
      store.put("k", "old");
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("r-x------"));
      try {
        assertThatThrownBy(() -> store.put("k", "new"))
            .isInstanceOf(SecretProviderError.class)
            .hasMessageContaining("cannot store the key")
            .hasMessageNotContaining("new");
      } finally {
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
      }
      assertThat(store.secret("k").getValue()).isEqualTo("old");
      assertThat(store.describe("k").orElseThrow().version()).isEqualTo(1);
    }
  }

  @Test
  void aPutCutBetweenSidecarAndRenameReadsAsTheVersionOnDisk() throws IOException {
    Path root = Files.createDirectories(dir.resolve("store"));
    TextFileStore good = TextFileStore.open(context(), root);
    good.put("k", "old", SecretMetadata.empty(), null);
    good.put("new-key", "v", SecretMetadata.empty(), null);
    good.remove("new-key", null);
    // The same store, but the rename of the value into place fails as a crash would cut it.
    TextFileStore cut = new TextFileStore(context(), root.toRealPath(), (from, to) -> {
      throw new IOException("cut");
    });
    assertThatThrownBy(() -> cut.put("k", "new", SecretMetadata.builder().kind("cut").build(),
        null)).isInstanceOf(SecretProviderError.class);
    assertThatThrownBy(() -> cut.put("new-key", "v", SecretMetadata.empty(), null))
        .isInstanceOf(SecretProviderError.class);
    // The sidecars were replaced; the values were not.
    assertThat(Files.readString(root.resolve(".meta/k.json"))).contains("\"cut\"");
    assertThat(Files.readString(root.resolve("k"))).isEqualTo("old");
    assertThat(good.describe("k").orElseThrow().version()).isEqualTo(1);
    assertThat(good.describe("k").orElseThrow().metadata()).isEqualTo(SecretMetadata.empty());
    assertThat(good.describe("new-key")).isEmpty();
    assertThat(good.list()).extracting(StoredSecret::key).containsExactly("k");
    assertThat(good.put("k", "next", SecretMetadata.empty(), null).version()).isEqualTo(2);
    assertThat(good.put("new-key", "v", SecretMetadata.empty(), null).version()).isEqualTo(1);
    try (Stream<Path> files = Files.list(root)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith(TextFileStore.TEMP_PREFIX));
    }
  }

  @Test
  void temporaryFilesOfACrashAreDeletedAndNeverListed() throws IOException {
    Path root = dir.resolve("store");
    try (Secrets secrets = secrets(root)) {
      secrets.store("text-file").put("k", "v");
    }
    Path leftover = Files.writeString(root.resolve(".tmp-123.part"), "half-written");
    Path leftoverMeta = Files.writeString(root.resolve(".meta/.tmp-456.part"), "{");
    try (Secrets secrets = secrets(root)) {
      SecretStore store = secrets.store("text-file");
      assertThat(leftover).doesNotExist();
      assertThat(leftoverMeta).doesNotExist();
      assertThat(store.list()).extracting(StoredSecret::key).containsExactly("k");
    }
  }

  @Test
  void removeDeletesTheValueAndTheSidecar() {
    Path root = dir.resolve("store");
    try (Secrets secrets = secrets(root)) {
      SecretStore store = secrets.store("text-file");
      store.put("k", "v");
      assertThat(store.remove("k")).isTrue();
      assertThat(root.resolve("k")).doesNotExist();
      assertThat(root.resolve(".meta/k.json")).doesNotExist();
    }
  }

  @Test
  void aFileWithoutSidecarIsNoEntry() throws IOException {
    Path root = dir.resolve("store");
    try (Secrets secrets = secrets(root)) {
      SecretStore store = secrets.store("text-file");
      Files.writeString(root.resolve("by-hand"), "v");
      assertThat(store.describe("by-hand")).isEmpty();
      assertThat(store.list()).isEmpty();
      assertThat(store.remove("by-hand")).isFalse();
      assertThat(store.put("by-hand", "w").version()).isEqualTo(1);
    }
  }

  @Test
  void anInvalidSidecarIsAClearError() throws IOException {
    Path root = dir.resolve("store");
    try (Secrets secrets = secrets(root)) {
      SecretStore store = secrets.store("text-file");
      store.put("k", "v");
      Files.writeString(root.resolve(".meta/k.json"), "{not json");
      assertThatThrownBy(() -> store.describe("k"))
          .isInstanceOf(SecretProviderError.class)
          .hasMessageContaining("The sidecar of key \"k\" in the text-file store is invalid: it "
              + "is not JSON");
    }
  }

  @Test
  void concurrentPutsFromTwoRuntimesToOneKeyGetIncreasingVersions() throws Exception {
    Path root = dir.resolve("store");
    try (Secrets one = secrets(root); Secrets two = secrets(root)) {
      List<SecretStore> stores = List.of(one.store("text-file"), two.store("text-file"));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Long> seen = java.util.Collections.synchronizedList(new ArrayList<>());
      try {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          SecretStore store = stores.get(t % 2);
          tasks.add(() -> {
            long last = 0;
            for (int n = 0; n < 20; n++) {
              long version = store.put("shared", "v" + n).version();
              assertThat(version).isGreaterThan(last);
              last = version;
              seen.add(version);
            }
            return null;
          });
        }
        for (Future<Void> result : pool.invokeAll(tasks)) {
          result.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(seen).doesNotHaveDuplicates().hasSize(80);
      assertThat(stores.get(1).describe("shared").orElseThrow().version()).isEqualTo(80);
    }
  }
}
