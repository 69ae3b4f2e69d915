package io.github.secrets4j.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fuzzes {@code secrets4j.text-file.allowed-roots} and the rendered path, inside a scratch tree:
 * {@code allowed/secret.txt} holds "inside"; {@code outside.txt}, a link {@code allowed/escape}
 * to it and a directory link {@code allowed/up} to the tree hold or reach "outside". Oracle:
 * creating or looking up the provider and reading a value only ever fail with a
 * {@link SecretError}, and whenever the roots are exactly {@code allowed}, "outside" is never
 * returned.
 */
class FileSettingsFuzzTest {
  private static final Path TREE = tree();
  private static final Path ALLOWED = TREE.resolve("allowed");
  private static final String[] ROOTS = {
    ALLOWED.toString(), TREE.toString(), "relative", ALLOWED + "/", ALLOWED + "/../allowed"};
  private static final String[] PREFIXES = {ALLOWED + "/", TREE + "/", "", ALLOWED.toString()};

  private static Path tree() {
    try {
      Path tree = Files.createTempDirectory("secrets4j-fuzz");
      Path allowed = Files.createDirectory(tree.resolve("allowed"));
      Files.writeString(allowed.resolve("secret.txt"), "inside");
      Files.writeString(tree.resolve("outside.txt"), "outside");
      Files.createSymbolicLink(allowed.resolve("escape"), tree.resolve("outside.txt"));
      Files.createSymbolicLink(allowed.resolve("up"), tree);
      tree.toFile().deleteOnExit();
      return tree;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "5s")
  void arbitraryRootsAndPaths(FuzzedDataProvider data) {
    String roots = data.consumeBoolean()
        ? data.pickValue(ROOTS) : data.pickValue(ROOTS) + "," + data.consumeString(40);
    String path = data.pickValue(PREFIXES) + data.consumeString(120);
    for (String root : roots.split(",")) {
      // Never let the fuzzer open the real file system (as root, /proc/kmsg blocks forever):
      // every absolute root stays inside the scratch tree, so no root means nothing is allowed.
      if (root.strip().startsWith("/") && !root.strip().startsWith(TREE.toString())) {
        return;
      }
    }
    Secrets secrets = Secrets.builder().discoverProviders(true)
        .setting(TextFileProvider.ALLOWED_ROOTS, roots).build();
    try (secrets) {
      try {
        secrets.provider("text-file");
      } catch (SecretError e) {
        return;
      }
      Secret secret = secrets.secret("Fuzz").provider("text-file")
          .parameter("path", "{{ obj.path }}").build();
      String value;
      try {
        value = secret.getValue(Map.of("path", path));
      } catch (SecretError e) {
        return;
      }
      if (roots.equals(ALLOWED.toString())) {
        assertThat(value).as("read %s with roots %s", path, roots).isEqualTo("inside");
      }
    }
  }
}
