package io.github.secrets4j.examples;

import io.github.secrets4j.Secret;
import io.github.secrets4j.Secrets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One text-file secret serves every device: its path is a template rendered with the device
 * ({@code .../device_passwords/{{ obj.site.slug }}/{{ obj.name }}.txt}), as in Nautobot's docs.
 */
public final class FileSecretPerDevice {
  /** A site, as a host application might model it. */
  public record Site(String slug) {}

  /** A device at a site. */
  public record Device(String name, Site site) {}

  private FileSecretPerDevice() {}

  /** Runs the example with the files under {@code base}. */
  public static void run(Secrets secrets, Path base, PrintStream out) throws IOException {
    Path file = base.resolve("device_passwords/nyc/csr1.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "csr1-demo-password\n");

    Secret secret = secrets.secret("Device Password")
        .provider("text-file")
        .parameter("path", base + "/device_passwords/{{ obj.site.slug }}/{{ obj.name }}.txt")
        .build();

    Device csr1 = new Device("csr1", new Site("nyc"));
    out.println("[file] " + secret);
    out.println("[file] rendered path for csr1 at nyc: " + secret.renderedParameters(csr1).get("path"));
    String value = secret.getValue(csr1);
    out.println("[file] value: " + Masked.mask(value)
        + ", matches the file: " + value.equals("csr1-demo-password"));
  }

  /** Runs the example on the shared runtime in a temporary directory. */
  public static void main(String[] args) throws IOException {
    Path base = Files.createTempDirectory("secrets4j-example");
    run(Secrets.defaults(), base, System.out);
  }
}
