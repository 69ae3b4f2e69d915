package io.github.secrets4j.examples;

import io.github.secrets4j.AccessType;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.SecretType;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.SecretsGroup;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** Prints one error of each kind, as an application would see it. */
public final class WhatErrorsLookLike {
  private WhatErrorsLookLike() {}

  /** Runs the example; {@code base} is a directory whose files the runtime may read. */
  public static void run(Secrets secrets, Path base, PrintStream out) {
    show(out, () -> secrets.secret("NAPALM Secret").provider("environment-variable")
        .parameter("variable", "NAPALM_SECRET_UNSET").build().getValue());
    show(out, () -> secrets.secret("No Variable").provider("environment-variable").build()
        .getValue());
    show(out, () -> secrets.secret("Device Password").provider("text-file")
        .parameter("path", base + "/{{ obj.site.slug }}/{{ obj.name }}.txt").build()
        .getValue(Map.of("name", "csr1")));
    show(out, () -> secrets.secret("Relative").provider("text-file")
        .parameter("path", "{{ obj.name }}.txt").build().getValue(Map.of("name", "../etc/passwd")));
    show(out, () -> secrets.secret("Missing File").provider("text-file")
        .parameter("path", base + "/nowhere.txt").build().getValue());
    show(out, () -> secrets.secret("Vaulted").provider("hashicorp-vault")
        .parameter("path", "app").build().getValue());
    show(out, () -> secrets.secret("Sneaky").provider("text-file")
        .parameter("path", "/etc/{{ obj.getClass() }}").build().getValue(Map.of()));
    show(out, () -> SecretsGroup.builder("Device Credentials").build()
        .getSecretValue(AccessType.SSH, SecretType.PRIVATE_KEY));
  }

  private static void show(PrintStream out, Runnable attempt) {
    try {
      attempt.run();
      out.println("[errors] (no error)");
    } catch (SecretError e) {
      out.println("[errors] " + e);
    }
  }

  /** Runs the example on the shared runtime. */
  public static void main(String[] args) {
    run(Secrets.defaults(), Path.of(System.getProperty("java.io.tmpdir")), System.out);
  }
}
