package io.github.secrets4j.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.testkit.SecretsProviderContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFileProviderTest extends SecretsProviderContract {
  @TempDir Path dir;

  record Site(String slug) {}

  record Device(String name, Site site) {}

  @Override
  protected String slug() {
    return "text-file";
  }

  @Override
  protected Map<String, String> seed(String key, String value) {
    Path file = dir.resolve(key + ".txt");
    try {
      Files.writeString(file, value, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return Map.of("path", file.toString());
  }

  @Override
  protected Map<String, String> absent(String key) {
    return Map.of("path", dir.resolve(key + ".txt").toString());
  }

  /** With a store root, so that the contract's Writable group runs against real files. */
  @Override
  protected Secrets newSecrets() {
    return Secrets.builder()
        .setting(TextFileProvider.STORE_ROOT, dir.resolve("store").toString()).build();
  }

  @Override
  protected boolean writable() {
    return true;
  }

  private Secret file(Secrets secrets, String path) {
    return secrets.secret("Device password").provider("text-file").parameter("path", path).build();
  }

  private Path write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void templatedPathPerDeviceAsInTheNautobotDocs() throws IOException {
    write("device_passwords/nyc/csr1.txt", "csr1-password\n");
    Secret secret = file(secrets(), dir + "/device_passwords/{{ obj.site.slug }}/{{ obj.name }}.txt");
    Device csr1 = new Device("csr1", new Site("nyc"));
    assertThat(secret.renderedParameters(csr1))
        .containsEntry("path", dir + "/device_passwords/nyc/csr1.txt");
    assertThat(secret.getValue(csr1)).isEqualTo("csr1-password");
  }

  @Test
  void contentIsStrippedOfSurroundingWhitespace() throws IOException {
    Path file = write("padded.txt", " \t\n  pass word \r\n\n");
    assertThat(file(secrets(), file.toString()).getValue()).isEqualTo("pass word");
  }

  @Test
  void missingFileOrDirectoryIsNotFound() {
    Secrets secrets = secrets();
    String missing = dir.resolve("missing.txt").toString();
    assertThatThrownBy(() -> file(secrets, missing).getValue())
        .isInstanceOf(SecretValueNotFoundError.class)
        .hasMessage("Secret \"Device password\" (provider \"text-file\"): File \"" + missing
            + "\" not found!");
    assertThatThrownBy(() -> file(secrets, dir.toString()).getValue())
        .isInstanceOf(SecretValueNotFoundError.class)
        .hasMessageEndingWith("File \"" + dir + "\" not found!");
  }

  @Test
  void renderedPathMustBeAbsoluteAndFreeOfDotDot() {
    Secrets secrets = secrets();
    Secret templated = file(secrets, dir + "/{{ obj.name }}.txt");
    assertThatThrownBy(() -> templated.getValue(Map.of("name", "../../etc/passwd")))
        .isInstanceOf(SecretParametersError.class)
        .hasMessageContaining("must not contain \"..\"");
    Secret relative = file(secrets, "{{ obj.name }}.txt");
    assertThatThrownBy(() -> relative.getValue(Map.of("name", "csr1")))
        .isInstanceOf(SecretParametersError.class)
        .hasMessageEndingWith("The \"path\" parameter must be an absolute path: \"csr1.txt\"");
    assertThatThrownBy(() -> templated.getValue(Map.of("name", "a\0b")))
        .isInstanceOf(SecretParametersError.class)
        .hasMessageContaining("is not a valid path");
  }

  @Test
  void allowedRootsConfineTheRealPath() throws IOException {
    Path inside = write("root/ok.txt", "fine");
    Path outside = write("elsewhere/secret.txt", "outside");
    Path link = dir.resolve("root/link.txt");
    Files.createSymbolicLink(link, outside);
    try (Secrets secrets = Secrets.builder()
        .setting(TextFileProvider.ALLOWED_ROOTS, dir.resolve("root").toString()).build()) {
      assertThat(file(secrets, inside.toString()).getValue()).isEqualTo("fine");
      assertThatThrownBy(() -> file(secrets, outside.toString()).getValue())
          .isInstanceOf(SecretAccessDeniedError.class)
          .hasMessage("Secret \"Device password\" (provider \"text-file\"): Access denied: the "
              + "\"path\" parameter \"" + outside + "\" is not an absolute path inside ["
              + dir.resolve("root") + "] (rule text-file: path under " + dir.resolve("root")
              + " [from secrets4j.text-file.allowed-roots])");
      assertThatThrownBy(() -> file(secrets, link.toString()).getValue())
          .as("a symbolic link leaving the root")
          .isInstanceOf(SecretAccessDeniedError.class);
      assertThatThrownBy(() -> file(secrets, dir.resolve("root/missing.txt").toString()).getValue())
          .isInstanceOf(SecretValueNotFoundError.class);
      assertThatThrownBy(() -> file(secrets, dir.resolve("elsewhere/missing.txt").toString())
              .getValue())
          .as("existence outside the roots is not revealed")
          .isInstanceOf(SecretAccessDeniedError.class);
    }
  }

  @Test
  void relativeAllowedRootIsAConfigurationError() {
    try (Secrets secrets = Secrets.builder()
        .setting(TextFileProvider.ALLOWED_ROOTS, "relative/dir").build()) {
      assertThatThrownBy(() -> file(secrets, "/etc/hostname").getValue())
          .isInstanceOf(SecretProviderError.class)
          .hasMessage("Secret \"Device password\" (provider \"text-file\"): Setting "
              + "secrets4j.text-file.allowed-roots must list absolute directories; "
              + "\"relative/dir\" is not");
    }
  }

  @Test
  void contentThatIsNotUtf8IsAProviderError() throws IOException {
    Path file = dir.resolve("latin1.txt");
    Files.write(file, new byte[] {'p', (byte) 0xE9, 'x'});
    assertThatThrownBy(() -> file(secrets(), file.toString()).getValue())
        .isInstanceOf(SecretProviderError.class)
        .hasMessageEndingWith("File \"" + file + "\" is not valid UTF-8 text");
  }

  @Test
  void aReplacementCharacterInTheFileIsText() throws IOException {
    Path file = write("replacement.txt", "a\uFFFDb");
    assertThat(file(secrets(), file.toString()).getValue()).isEqualTo("a\uFFFDb");
  }

  @Test
  void dotDotIsRefusedWithEitherSeparatorButDotsInNamesAreFine() throws IOException {
    Path dotted = write("v1..2/..hidden..txt", "ok");
    assertThat(file(secrets(), dotted.toString()).getValue()).isEqualTo("ok");
    assertThatThrownBy(() -> file(secrets(), dir + "/a/..").getValue())
        .isInstanceOf(SecretParametersError.class);
  }

  @Test
  void oversizedFileIsAProviderError() throws IOException {
    Path file = dir.resolve("big.txt");
    Files.write(file, new byte[TextFileProvider.MAX_SIZE + 1]);
    assertThatThrownBy(() -> file(secrets(), file.toString()).getValue())
        .isInstanceOf(SecretProviderError.class)
        .hasMessageEndingWith("is larger than 1048576 bytes");
  }

  @Test
  void missingPathParameterIsMandatory() {
    Secret secret = secrets().secret("No path").provider("text-file").build();
    assertThatThrownBy(secret::getValue)
        .isInstanceOf(SecretParametersError.class)
        .hasMessageEndingWith("The \"path\" parameter is mandatory!");
  }
}
