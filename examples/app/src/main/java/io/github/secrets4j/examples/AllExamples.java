package io.github.secrets4j.examples;

import io.github.secrets4j.Secrets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs every example on the shared runtime, files in a fresh temporary directory. */
public final class AllExamples {
  private AllExamples() {}

  /**
   * Runs every example with {@code secrets}, files under {@code base}; the examples that build a
   * runtime of their own give it {@code environment}.
   */
  public static void run(Secrets secrets, Map<String, String> environment, Path base, PrintStream out)
      throws IOException {
    FileSecretPerDevice.run(secrets, base, out);
    EnvSecretTemplated.run(secrets, out);
    NapalmGroup.run(secrets, out);
    PluginProvider.run(secrets, out);
    WhatErrorsLookLike.run(secrets, base, out);
    LocalStore.run(base, out);
    DeclaredSecrets.run(environment, base, out);
  }

  /** Entry point of {@code mvn -Prun-examples verify}. */
  public static void main(String[] args) throws IOException {
    Path base = Files.createTempDirectory("secrets4j-examples");
    run(Secrets.defaults(), System.getenv(), base, System.out);
  }
}
