package io.github.secrets4j.examples;

import io.github.secrets4j.AccessType;
import io.github.secrets4j.SecretType;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.SecretsGroup;
import java.io.PrintStream;

/**
 * A secrets group for NAPALM and NETCONF: a username, a password and an enable secret, each in its
 * (access type, secret type) slot, read from environment variables.
 */
public final class NapalmGroup {
  private NapalmGroup() {}

  /** Runs the example; the environment must define NAPALM_USERNAME, NAPALM_PASSWORD, NAPALM_SECRET. */
  public static void run(Secrets secrets, PrintStream out) {
    var username = secrets.secret("NAPALM Username").provider("environment-variable")
        .parameter("variable", "NAPALM_USERNAME").build();
    var password = secrets.secret("NAPALM Password").provider("environment-variable")
        .parameter("variable", "NAPALM_PASSWORD").build();
    var enable = secrets.secret("NAPALM Secret").provider("environment-variable")
        .parameter("variable", "NAPALM_SECRET").build();

    SecretsGroup group = secrets.group("Device Credentials")
        .secret(AccessType.GENERIC, SecretType.USERNAME, username)
        .secret(AccessType.GENERIC, SecretType.PASSWORD, password)
        .secret(AccessType.GENERIC, SecretType.SECRET, enable)
        .secret(AccessType.NETCONF, SecretType.USERNAME, username)
        .secret(AccessType.NETCONF, SecretType.PASSWORD, password)
        .build();

    out.println("[group] " + group);
    out.println("[group] NAPALM username: "
        + group.getSecretValue(AccessType.GENERIC, SecretType.USERNAME));
    out.println("[group] NAPALM password: "
        + Masked.mask(group.getSecretValue(AccessType.GENERIC, SecretType.PASSWORD)));
    out.println("[group] NETCONF password: "
        + Masked.mask(group.getSecretValue(AccessType.NETCONF, SecretType.PASSWORD)));
    out.println("[group] enable secret: "
        + Masked.mask(group.getSecretValue(AccessType.GENERIC, SecretType.SECRET)));
  }

  /** Runs the example on the shared runtime. */
  public static void main(String[] args) {
    run(Secrets.defaults(), System.out);
  }
}
