package io.github.secrets4j.examples;

import io.github.secrets4j.Secret;
import io.github.secrets4j.Secrets;
import java.io.PrintStream;

/**
 * A third-party provider found with no code: the jar {@code secrets4j-example-plugin} is on the
 * class path, its {@code META-INF/services} entry names its factory, and a secret names its slug.
 * Nothing in this application refers to the plugin's classes.
 */
public final class PluginProvider {
  private PluginProvider() {}

  /** Runs the example; the JVM must have the system property {@code example.api-key}. */
  public static void run(Secrets secrets, PrintStream out) {
    out.println("[plugin] providers on the class path: " + secrets.providerSlugs());
    Secret apiKey = secrets.secret("API Key").provider("system-property")
        .parameter("property", "example.api-key").build();
    out.println("[plugin] provider name: "
        + secrets.provider("system-property").orElseThrow().name());
    out.println("[plugin] value: " + Masked.mask(apiKey.getValue()));
  }

  /** Runs the example on the shared runtime. */
  public static void main(String[] args) {
    run(Secrets.defaults(), System.out);
  }
}
