package io.github.secrets4j.benchmarks;

import io.github.secrets4j.Secret;
import io.github.secrets4j.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The program whose whole run {@link ColdStartBenchmark} times: read one environment variable and
 * one file, either plainly or through secrets4j (an untemplated env secret and a templated file
 * secret), in a fresh JVM.
 */
public final class ColdStartApp {
  /** A device, the object the templated path is rendered with. */
  public record Device(String name, String site) {}

  private ColdStartApp() {}

  /** Arguments: mode ({@code plain}, {@code secrets4j-env}, {@code secrets4j}) and the base directory. */
  public static void main(String[] args) throws IOException {
    String mode = args[0];
    Path base = Path.of(args[1]);
    int length;
    switch (mode) {
      case "plain":
        length = System.getenv("COLD_START_TOKEN").length()
            + Files.readString(base.resolve("nyc/csr1.txt"), StandardCharsets.UTF_8).strip().length();
        break;
      case "secrets4j-env":
        length = Secret.builder("Token").provider("environment-variable")
            .parameter("variable", "COLD_START_TOKEN").build().getValue().length();
        break;
      case "secrets4j":
        Secret token = Secret.builder("Token").provider("environment-variable")
            .parameter("variable", "COLD_START_TOKEN").build();
        Secret password = Secrets.defaults().secret("Password").provider("text-file")
            .parameter("path", base + "/{{ obj.site }}/{{ obj.name }}.txt").build();
        length = token.getValue().length() + password.getValue(new Device("csr1", "nyc")).length();
        break;
      default:
        throw new IllegalArgumentException("unknown mode " + mode);
    }
    if (length == 0) {
      throw new IllegalStateException("nothing read");
    }
  }
}
