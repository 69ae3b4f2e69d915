package io.github.secrets4j;

import static io.github.secrets4j.SecretDefinitionsTest.lines;
import static io.github.secrets4j.SecretDefinitionsTest.problems;
import static io.github.secrets4j.SecretDefinitionsTest.runtime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Definition files written to hurt: slow to check, leaking through messages, odd YAML. */
class SecretDefinitionsHostileTest {
  static final String HEAD =
      "apiVersion: secrets4j/v1\nkind: SecretsDefinition\nmetadata: { name: m }\n";

  static Secrets.Builder yaml(String yaml) {
    return runtime().definitions(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "m.yaml");
  }

  /** A random lower-case name of {@code length} letters. */
  static String name(Random random, int length) {
    StringBuilder name = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      name.append((char) ('a' + random.nextInt(26)));
    }
    return name.toString();
  }

  /** 2,000 secrets and 2,000 references to undefined secrets, all with long names. */
  static String manyUndefinedReferences() {
    Random random = new Random(12);
    StringBuilder yaml = new StringBuilder(HEAD).append("secrets:\n");
    for (int i = 0; i < 2_000; i++) {
      yaml.append("  - { name: ").append(name(random, 200))
          .append(", provider: environment-variable, parameters: { variable: V } }\n");
    }
    yaml.append("targets:\n  - name: t\n    env:\n");
    for (int i = 0; i < 2_000; i++) {
      yaml.append("      V").append(i).append(": ").append(name(random, 200)).append('\n');
    }
    return yaml.toString();
  }

  @Test
  void manyUndefinedReferencesWithLongNamesAreReportedQuickly() {
    String yaml = manyUndefinedReferences();
    assertThat(yaml.length()).isLessThan(1 << 20);
    SecretDefinitionsException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> problems(yaml(yaml)));
    assertThat(e.problems()).hasSize(201);
    assertThat(e.problems().get(0).message()).matches(
        "secret \"[a-z]{100}\\.\\.\\.\" is not defined \\(closest defined: .*\\)");
  }

  @Test
  void unknownNamesAmongManyDefinedOnesAreAnsweredQuickly() {
    Random random = new Random(13);
    StringBuilder yaml = new StringBuilder(HEAD).append("secrets:\n");
    for (int i = 0; i < 2_000; i++) {
      yaml.append("  - { name: ").append(name(random, 250))
          .append(", provider: environment-variable, parameters: { variable: V } }\n");
    }
    Secrets secrets = yaml(yaml.toString()).build();
    String unknown = name(random, 10_000);
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      for (int i = 0; i < 50; i++) {
        assertThatThrownBy(() -> secrets.defined(unknown))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closest defined");
        assertThatThrownBy(() -> secrets.definedGroup(unknown))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> secrets.target(unknown))
            .isInstanceOf(IllegalArgumentException.class);
      }
    });
  }
}
