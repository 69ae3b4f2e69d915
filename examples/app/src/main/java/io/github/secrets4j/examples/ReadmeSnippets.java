package io.github.secrets4j.examples;

import io.github.secrets4j.AccessType;
import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretType;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.SecretsGroup;
import java.util.Map;

/**
 * The Java snippets of README's opening sections, word for word, so that the compiler checks them;
 * {@code ReadmeSnippetsTest} fails when the README and this file drift apart. Compiled, not run:
 * they read {@code /opt/secrets}.
 */
final class ReadmeSnippets {
  private ReadmeSnippets() {}

  static void fiveLines() {
    Secret password = Secret.builder("Device Password")
        .provider("text-file")
        .parameter("path", "/opt/secrets/{{ obj.site.slug }}/{{ obj.name }}.txt")
        .build();
    var device = Map.of("name", "csr1", "site", Map.of("slug", "nyc"));  // or a record, a bean
    String value = password.getValue(device);  // reads /opt/secrets/nyc/csr1.txt
  }

  static void runtimeOfYourOwn() {
    try (Secrets secrets = Secrets.builder()
        .setting("secrets4j.text-file.allowed-roots", "/opt/secrets")
        .build()) {
      Secret token = secrets.secret("Git Token")
          .provider("environment-variable")
          .parameter("variable", "GIT_TOKEN_{{ obj.slug | replace('-', '_') | upper }}")
          .build();
      String gitToken = token.getValue(Map.of("slug", "golden-config"));  // GIT_TOKEN_GOLDEN_CONFIG

      Secret username = secrets.secret("NAPALM Username")
          .provider("environment-variable")
          .parameter("variable", "NAPALM_USERNAME")
          .build();
      Secret password = secrets.secret("NAPALM Password")
          .provider("text-file")
          .parameter("path", "/opt/secrets/{{ obj.name }}/napalm.txt")
          .build();
      SecretsGroup napalm = secrets.group("NAPALM")
          .secret(AccessType.GENERIC, SecretType.USERNAME, username)
          .secret(AccessType.GENERIC, SecretType.PASSWORD, password)
          .build();
      var device = Map.of("name", "csr1");
      String user = napalm.getSecretValue(AccessType.GENERIC, SecretType.USERNAME);
      String pw = napalm.getSecretValue(AccessType.GENERIC, SecretType.PASSWORD, device);
    }
  }
}
