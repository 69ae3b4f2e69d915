package io.github.secrets4j.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.SecretsPolicy;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretsProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Path traversal through the object a template renders. The layout:
 * <pre>
 *   dir/allowed/secret.txt           "inside"   (the only file a secret may read)
 *   dir/allowed/escape -> dir/outside.txt       (a link leaving the root)
 *   dir/allowed/up -> dir                       (a directory link leaving the root)
 *   dir/allowed-evil/x.txt           "outside"  (a sibling sharing the root's name as prefix)
 *   dir/outside.txt                  "outside"
 * </pre>
 * with {@code secrets4j.text-file.allowed-roots = dir/allowed}. Every attack must end in a
 * {@link SecretAccessDeniedError} (raised before the file is opened) or a
 * {@link SecretParametersError} (raised before the file system is touched), never "outside".
 */
class HostileFileTest {
  @TempDir Path dir;

  private Path allowed;
  private Secrets secrets;

  @BeforeEach
  void layout() throws IOException {
    allowed = Files.createDirectory(dir.resolve("allowed"));
    Files.writeString(allowed.resolve("secret.txt"), "inside");
    Files.writeString(dir.resolve("outside.txt"), "outside");
    Files.createDirectory(dir.resolve("allowed-evil"));
    Files.writeString(dir.resolve("allowed-evil").resolve("x.txt"), "outside");
    Files.createSymbolicLink(allowed.resolve("escape"), dir.resolve("outside.txt"));
    Files.createSymbolicLink(allowed.resolve("up"), dir);
    secrets = Secrets.builder().discoverProviders(false)
        .provider(TextFileProvider.create(new MapContext(
            Map.of(TextFileProvider.ALLOWED_ROOTS, allowed.toString()))))
        .build();
  }

  @AfterEach
  void close() {
    secrets.close();
  }

  private Secret under(String template) {
    return secrets.secret("File").provider("text-file").parameter("path", template).build();
  }

  private Object attack(String template, String name) {
    try {
      return under(template).getValue(Map.of("name", name));
    } catch (SecretError e) {
      assertThat(e.getMessage()).doesNotContain("outside\"").doesNotContain("\u0000");
      return e;
    }
  }

  /**
   * Attack class: a store key that names a path out of the store root, a hidden file of the
   * store (its sidecars, lock, temporary files) or something no file system takes. Each is an
   * IllegalArgumentException and nothing is written anywhere.
   */
  @Test
  void storeKeysCannotLeaveTheStoreRootOrReachItsOwnFiles() throws IOException {
    Path root = dir.resolve("store");
    List<String> before;
    try (var files = Files.walk(dir)) {
      before = files.filter(Files::isRegularFile).map(Path::toString).toList();
    }
    List<String> hostile = List.of("../escape", "..", ".", "a/b", "/etc/passwd", "sub/../x",
        ".meta", ".lock", ".tmp-1.part", ".hidden", "a\0b", "x".repeat(251),
        "\u00e9".repeat(126), "k/", "./k");
    try (Secrets secrets = Secrets.builder()
        .setting(TextFileProvider.STORE_ROOT, root.toString()).build()) {
      var store = secrets.store("text-file");
      for (String key : hostile) {
        assertThatThrownBy(() -> store.put(key, "v")).as(key)
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.remove(key)).as(key)
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.grant(key, "p")).as(key)
            .isInstanceOf(IllegalArgumentException.class);
      }
      assertThat(store.list()).isEmpty();
    }
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile).map(Path::toString)
          .filter(file -> !before.contains(file)).toList())
          .containsExactly(root.resolve(TextFileStore.LOCK).toString());
    }
  }

  @Test
  void theAllowedFileIsReadable() {
    assertThat(under(allowed + "/{{ obj.name }}").getValue(Map.of("name", "secret.txt")))
        .isEqualTo("inside");
    assertThat(under(allowed + "/{{ obj.name }}").getValue(Map.of("name", "./secret.txt")))
        .isEqualTo("inside");
  }

  @Test
  void dotDotFromTheObjectIsAParametersError() {
    for (String name : List.of("../outside.txt", "../../../../etc/passwd", "x/../../outside.txt",
        "..", "../allowed-evil/x.txt")) {
      assertThat(attack(allowed + "/{{ obj.name }}", name)).as(name)
          .isInstanceOf(SecretParametersError.class)
          .extracting(e -> ((SecretError) e).reason()).asString()
          .startsWith("The \"path\" parameter must not contain \"..\"");
    }
  }

  @Test
  void absolutePathsOutsideTheRootAreDenied() {
    for (String name : List.of("/etc/passwd", dir.resolve("outside.txt").toString(),
        dir.resolve("allowed-evil/x.txt").toString(), allowed.toString(), "/proc/self/environ")) {
      assertThat(attack("{{ obj.name }}", name)).as(name)
          .isInstanceOf(SecretAccessDeniedError.class);
    }
  }

  @Test
  void anAbsolutePathInsideATemplatedDirectoryStaysUnderIt() {
    assertThat(attack(allowed + "/{{ obj.name }}", "/etc/passwd"))
        .isInstanceOf(SecretValueNotFoundError.class);
  }

  @Test
  void symbolicLinksLeavingTheRootAreDenied() {
    for (String name : List.of("escape", "up/outside.txt", "up/allowed-evil/x.txt",
        "up/allowed/escape")) {
      assertThat(attack(allowed + "/{{ obj.name }}", name)).as(name)
          .isInstanceOf(SecretAccessDeniedError.class);
    }
    // A link that stays inside the root is followed.
    assertThat(attack(allowed + "/{{ obj.name }}", "up/allowed/secret.txt")).isEqualTo("inside");
  }

  @Test
  void pathsWhoseRealPathCannotBeResolvedAreDenied() throws IOException {
    List<Path> hostile = new ArrayList<>();
    hostile.add(HostilePaths.longChainTo(allowed, dir.resolve("outside.txt")));
    hostile.add(HostilePaths.loop(allowed));
    hostile.add(Files.createSymbolicLink(allowed.resolve("via-loop"), allowed.resolve("loop/x")));
    try {
      assertThat(Files.readString(hostile.get(0))).as("the kernel opens the chain")
          .isEqualTo("outside");
      for (Path path : hostile) {
        assertThat(attack("{{ obj.name }}", path.toString())).as(path.toString())
            .isInstanceOf(SecretAccessDeniedError.class);
      }
    } finally {
      HostilePaths.removeLongChain(allowed);
    }
  }

  @Test
  @SuppressWarnings("try") // the open stream is held only so that /proc/self/fd/N exists
  void linksIntoProcfsAreDeniedEvenWhenTheyLeadBackInside() throws IOException {
    Path inside = allowed.resolve("secret.txt");
    try (InputStream held = Files.newInputStream(inside)) {
      for (Path link : HostilePaths.procfsLinks(allowed, inside)) {
        assertThat(attack("{{ obj.name }}", link.toString())).as(link.toString())
            .isInstanceOf(SecretAccessDeniedError.class);
      }
    }
  }

  @Test
  void theProviderEnforcesItsRootsWhenCalledDirectly() {
    SecretsProvider raw = secrets.provider("text-file").orElseThrow();
    for (String slug : List.of("text-file", "other-slug")) {
      for (Path path : List.of(dir.resolve("outside.txt"), allowed.resolve("escape"))) {
        SecretRequest request = SecretRequest.of("Raw", "raw", slug,
            Map.of("path", path.toString()), null);
        assertThatThrownBy(() -> raw.getValue(request)).as(slug + " " + path)
            .isInstanceOf(SecretAccessDeniedError.class)
            .hasMessageContaining(TextFileProvider.ALLOWED_ROOTS);
      }
    }
    assertThat(raw.getValue(SecretRequest.of("Raw", "raw", "text-file",
        Map.of("path", allowed.resolve("secret.txt").toString()), null))).isEqualTo("inside");
    assertThatThrownBy(() -> secrets.withPolicy(SecretsPolicy.allowAll()).provider("text-file"))
        .as("a view hands out no provider")
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aLinkSwappedInAfterTheCheckIsNotFollowed() throws Exception {
    // "flip" is swapped, atomically and without pause, between a link to the file inside and a
    // link to the file outside; every read must see "inside" or a refusal, never "outside".
    Path flip = allowed.resolve("flip");
    Path toInside = Files.createSymbolicLink(allowed.resolve("flip-in"), allowed.resolve("secret.txt"));
    Path toOutside = Files.createSymbolicLink(allowed.resolve("flip-out"), dir.resolve("outside.txt"));
    Files.copy(toInside, flip, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    AtomicBoolean stop = new AtomicBoolean();
    Thread swapper = new Thread(() -> {
      Path spareIn = allowed.resolve("spare-in");
      Path spareOut = allowed.resolve("spare-out");
      try {
        while (!stop.get()) {
          Files.copy(toOutside, spareOut, java.nio.file.LinkOption.NOFOLLOW_LINKS,
              StandardCopyOption.REPLACE_EXISTING);
          Files.move(spareOut, flip, StandardCopyOption.ATOMIC_MOVE);
          Files.copy(toInside, spareIn, java.nio.file.LinkOption.NOFOLLOW_LINKS,
              StandardCopyOption.REPLACE_EXISTING);
          Files.move(spareIn, flip, StandardCopyOption.ATOMIC_MOVE);
        }
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    });
    swapper.start();
    try {
      Secret secret = under(flip.toString());
      int inside = 0;
      for (int i = 0; i < 5_000; i++) {
        try {
          assertThat(secret.getValue()).isEqualTo("inside");
          inside++;
        } catch (SecretAccessDeniedError | SecretValueNotFoundError | SecretProviderError e) {
          // Refused (the link led out when checked), or the link changed between the check
          // and the open: both are fine.
        }
      }
      assertThat(inside).as("some reads saw the link inside").isPositive();
    } finally {
      stop.set(true);
      swapper.join();
    }
  }

  @Test
  void nulBytesAreParameterErrorsThatDoNotPrintTheByte() {
    assertThat(attack(allowed + "/{{ obj.name }}", "secret.txt\u0000../../outside.txt"))
        .isInstanceOf(SecretParametersError.class);
  }

  @Test
  void relativeRenderedPathsAreParameterErrors() {
    for (String name : List.of("outside.txt", "./outside.txt", "~/outside.txt", "")) {
      assertThat(attack("{{ obj.name }}", name)).as(name)
          .isInstanceOf(SecretParametersError.class);
    }
  }

  @Test
  void lookalikesAndEncodingsAreOrdinaryFileNames() {
    for (String name : List.of("..%2foutside.txt", "\u2024\u2024/outside.txt",
        "..\\outside.txt", "%2e%2e/outside.txt", "secret.txt/")) {
      Object result = attack(allowed + "/{{ obj.name }}", name);
      assertThat(result).as(name).isNotEqualTo("outside");
      if (!"inside".equals(result)) {
        assertThat(result).as(name).isInstanceOf(SecretValueNotFoundError.class);
      }
    }
  }

  @Test
  void veryLongNamesAreSecretErrors() {
    assertThat(attack(allowed + "/{{ obj.name }}", "x".repeat(300)))
        .isInstanceOf(SecretProviderError.class);
    assertThat(attack(allowed + "/{{ obj.name }}", "x/".repeat(5_000)))
        .isInstanceOf(SecretError.class);
    assertThat(attack(allowed + "/{{ obj.name }}", "x".repeat(20_000)))
        .isInstanceOf(SecretParametersError.class);
  }

  @Test
  void hostileRootSettingsFailProviderCreationWithAProviderError() {
    for (String roots : List.of("relative/dir", "/ok,relative", "/bad\u0000root")) {
      assertThatThrownBy(() -> TextFileProvider.create(
          new MapContext(Map.of(TextFileProvider.ALLOWED_ROOTS, roots))))
          .as(roots)
          .isInstanceOf(SecretProviderError.class)
          .hasMessageContaining(TextFileProvider.ALLOWED_ROOTS)
          .hasMessageNotContaining("\u0000");
    }
    assertThatThrownBy(() -> TextFileProvider.create(
        new MapContext(Map.of(TextFileProvider.ALLOWED_ROOTS, "/bad\u0000root"))))
        .hasMessageEndingWith("holds an invalid path \"/bad\\0root\"");
  }

  @Test
  void controlCharactersFromTheObjectCannotForgeLinesInErrorMessages() {
    Object error = attack(allowed + "/{{ obj.name }}", "x\n[ERROR] forged");
    assertThat(error).isInstanceOf(SecretValueNotFoundError.class);
    assertThat(((SecretError) error).reason())
        .isEqualTo("File \"" + allowed + "/x\\u000a[ERROR] forged\" not found!");
  }

  /** Settings from a map; no environment. */
  static final class MapContext implements io.github.secrets4j.spi.ProviderContext {
    private final Map<String, String> settings;

    MapContext(Map<String, String> settings) {
      this.settings = settings;
    }

    @Override
    public java.util.Optional<String> setting(String key) {
      return java.util.Optional.ofNullable(settings.get(key));
    }

    @Override
    public java.util.Optional<String> environmentVariable(String name) {
      return java.util.Optional.empty();
    }
  }
}
