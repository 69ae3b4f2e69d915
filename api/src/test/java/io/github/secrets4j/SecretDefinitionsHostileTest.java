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
import java.util.List;
import java.util.Map;
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

  @Test
  void aTargetFilePathWithAControlOrFormatCharacterIsAProblem() {
    String yaml = HEAD + "secrets:\n"
        + "  - { name: a, provider: environment-variable, parameters: { variable: A } }\n"
        + "targets:\n"
        + "  - name: t\n"
        + "    files: { \"/run/a\\nb.pem\": a, \"/run/\\u202eexe.pem\": a, /run/ok.pem: a }\n";
    assertThat(lines(problems(yaml(yaml)))).containsExactly(
        "m.yaml:8:14: file path \"/run/a\\u000ab.pem\" in target \"t\" has a control or format "
            + "character",
        "m.yaml:8:34: file path \"/run/\\u202eexe.pem\" in target \"t\" has a control or format "
            + "character");
  }

  @Test
  void nothingWrittenUnderValueIsEverShownInAMessage() {
    String canary = "hunter2-canary";
    String yaml = HEAD + "secrets:\n"
        + "  - { name: a, store: encrypted-file, value: { " + canary + " } }\n"
        + "  - { name: b, store: encrypted-file, value: { generate: { " + canary + ": 1 } } }\n"
        + "  - { name: c, store: encrypted-file, value: { fromEnv: " + canary + " } }\n"
        + "  - { name: d, store: encrypted-file, value: { generate: { alphabet: " + canary
        + " } } }\n"
        + "  - name: e\n    store: encrypted-file\n    value:\n      " + canary + ": 1\n"
        + "      " + canary + ": 2\n";
    SecretDefinitionsException e = problems(yaml(yaml));
    assertThat(lines(e)).containsExactly(
        "m.yaml:5:48: an unknown field (not shown: it could be a value) in the value of secret "
            + "\"a\" (expected: generate, fromEnv, fromFile, fromStdin)",
        "m.yaml:6:60: an unknown field (not shown: it could be a value) in generate of secret "
            + "\"b\" (expected: length, alphabet)",
        "m.yaml:7:57: invalid environment variable name (not shown: it could be a value) in "
            + "fromEnv of secret \"c\" (use [A-Za-z_][A-Za-z0-9_]*)",
        "m.yaml:8:70: unknown alphabet (not shown: it could be a value) in generate of secret "
            + "\"d\" (known: hex, alphanumeric, base64url)",
        "m.yaml:12:7: an unknown field (not shown: it could be a value) in the value of secret "
            + "\"e\" (expected: generate, fromEnv, fromFile, fromStdin)",
        "m.yaml:13:7: duplicate key (not shown: it is under a value) (first at line 12)");
    assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("canary");
  }

  @Test
  void syntaxErrorsDoNotEchoTheCharactersOfTheFile() {
    String json = "{\"apiVersion\": \"secrets4j/v1\" \u00a7}";
    SecretDefinitionsException e = problems(runtime().definitions(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "m.json"));
    assertThat(lines(e)).containsExactly("m.json:1:31: syntax error: Unexpected character: "
        + "was expecting comma to separate Object entries");
    for (String yaml : List.of("a: `x\n", "a: \"\\\u00a7\"\n", "a: !<!\u00a7> x\n",
        "a: %\u00a7\n")) {
      String message = problems(yaml(yaml)).getMessage();
      assertThat(message).as(yaml).contains("syntax error").doesNotContain("\u00a7")
          .doesNotContain("`").doesNotContain("167").doesNotContain("0xa7");
    }
  }

  @Test
  void anAliasUnderValueIsNeverNamed() {
    String yaml = HEAD + "secrets:\n"
        + "  - { name: a, store: encrypted-file, value: *Hunter2Canary }\n"
        + "  - { name: b, store: encrypted-file, value: { fromEnv: *Hunter2Canary } }\n"
        + "  - { name: c, store: *nope, value: { generate: {} } }\n";
    SecretDefinitionsException e = problems(yaml(yaml));
    assertThat(lines(e)).contains(
        "m.yaml:5:46: unknown alias (not shown: it is under a value)",
        "m.yaml:6:57: unknown alias (not shown: it is under a value)",
        "m.yaml:7:23: unknown alias *nope");
    assertThat(e.getMessage()).doesNotContain("Hunter2").doesNotContain("Canary");
  }

  @Test
  void aBadEscapeSequenceUnderValueIsNotEchoed() {
    for (String escaped : List.of("ab\\UHunter2Canary", "ab\\uHunter2", "ab\\xHunter2",
        "C:\\Users\\Hunter2", "ab\\qHunter2")) {
      String yaml = HEAD + "secrets:\n"
          + "  - { name: a, store: encrypted-file, value: \"" + escaped + "\" }\n";
      String message = problems(yaml(yaml)).getMessage();
      assertThat(message).as(escaped).contains("syntax error")
          .doesNotContain("Hu").doesNotContain("Hunter").doesNotContain("sers")
          .doesNotContain("q(").doesNotContain("113");
    }
    assertThat(lines(problems(yaml(HEAD + "a: \"\\UHunter2Z\"\n")))).containsExactly(
        "m.yaml:4:7: syntax error: while scanning a double-quoted scalar: expected escape "
            + "sequence of 8 hexadecimal numbers, but found something else");
  }

  @Test
  void scalarAnchorsAndAliasesStandForTheirAnchorsValue() {
    String yaml = HEAD + "secrets:\n"
        + "  - name: one\n    store: &store encrypted-file\n    kind: &kind env\n"
        + "    labels: { team: &team netops }\n"
        + "    value: { generate: { length: &length 24, alphabet: &alphabet hex } }\n"
        + "  - name: two\n    store: *store\n    kind: *kind\n    labels: { team: *team }\n"
        + "    value: { generate: { length: *length, alphabet: *alphabet } }\n";
    SecretDefinition two = yaml(yaml).build().definitions().secret("two").orElseThrow();
    assertThat(two.kind()).isEqualTo("env");
    SecretDefinition.Stored stored = two.stored().orElseThrow();
    assertThat(stored.store()).isEqualTo("encrypted-file");
    assertThat(stored.labels()).containsExactly(Map.entry("team", "netops"));
    assertThat(stored.value())
        .isEqualTo(new SecretValueSource.Generate(24, SecretValueSource.Alphabet.HEX));
  }

  @Test
  void scalarAliasesCountTowardsTheAliasBound() {
    StringBuilder yaml = new StringBuilder(HEAD).append("x: &x a\ny: [");
    for (int i = 0; i < 1_001; i++) {
      yaml.append(i == 0 ? "" : ", ").append("*x");
    }
    yaml.append("]\n");
    assertThat(lines(problems(yaml(yaml.toString())))).containsExactly(
        "m.yaml:5:4005: more than 1000 YAML aliases");
  }

  static String labelled(int count) {
    StringBuilder yaml = new StringBuilder(HEAD).append("secrets:\n  - name: a\n"
        + "    store: encrypted-file\n    value: { generate: {} }\n    labels:\n");
    for (int i = 0; i < count; i++) {
      yaml.append("      l").append(i).append(": v\n");
    }
    return yaml.toString();
  }

  @Test
  void sixtyOneLabelsLeaveRoomForTheThreeReconcileSets() {
    Secrets secrets = yaml(labelled(61)).build();
    assertThat(secrets.plan().changes()).singleElement()
        .extracting(PlannedChange::action).isEqualTo(PlannedChange.Action.CREATE);
    assertThat(lines(problems(yaml(labelled(62))))).containsExactly(
        "m.yaml:9:7: secret \"a\" has 62 labels; at most 61 (64 less the 3 \"secrets4j.io/\" "
            + "labels reconcile sets)");
  }

  @Test
  void generatedValuesAreAtLeastSixteenCharacters() {
    String yaml = HEAD + "secrets:\n"
        + "  - { name: a, store: encrypted-file, value: { generate: { length: 15 } } }\n"
        + "  - { name: b, store: encrypted-file, value: { generate: { length: 16 } } }\n";
    assertThat(lines(problems(yaml(yaml)))).containsExactly(
        "m.yaml:5:68: generate.length of secret \"a\" must be 16 to 4096");
    assertThatThrownBy(() -> new SecretValueSource.Generate(15,
        SecretValueSource.Alphabet.HEX)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("length must be 16 to 4096, not 15");
  }

  @Test
  void aSourceNameCannotForgeProblemLines() {
    SecretDefinitionsException e = problems(runtime().definitions(
        new ByteArrayInputStream(new byte[0]), "a.yaml:1:1: fine\nforged.yaml"));
    assertThat(e.getMessage()).doesNotContain("\nforged");
    String yaml = HEAD + "secrets:\n  - { name: a, provider: environment-variable, "
        + "parameters: { variable: V } }\n  - { name: a, provider: environment-variable, "
        + "parameters: { variable: V } }\n";
    e = problems(runtime().definitions(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "x\ny.yaml"));
    assertThat(e.problems().get(0).message()).isEqualTo(
        "duplicate secret name \"a\" (first at x\\u000ay.yaml:5:5)");
  }

  @Test
  void aYamlMergeKeyIsAnUnknownField() {
    String yaml = HEAD + "base: &base { store: encrypted-file }\nsecrets:\n"
        + "  - { <<: *base, name: a, value: { fromEnv: A } }\n";
    assertThat(lines(problems(yaml(yaml)))).contains(
        "m.yaml:6:7: unknown field \"<<\" in a secret (expected: name, slug, description, kind, "
            + "provider, parameters, store, key, labels, value)");
  }

  @Test
  void hexadecimalNumbersAreProblemsWithTheirPlace() {
    String yaml = HEAD + "secrets:\n"
        + "  - { name: a, store: encrypted-file, value: { generate: { length: 0x20 } } }\n"
        + "  - { name: b, store: encrypted-file, value: { generate: { length: 0o40 } } }\n"
        + "  - { name: c, store: encrypted-file, value: { generate: { length: 1_000 } } }\n"
        + "  - { name: d, store: encrypted-file, value: { generate: { length: 040 } } }\n"
        + "  - { name: e, store: encrypted-file, value: { generate: { length: 0b100000 } } }\n"
        + "  - { name: f, store: encrypted-file, value: { generate: { length: 32 } } }\n"
        + "  - { name: g, store: encrypted-file, value: { generate: { length: 0 } } }\n";
    String decimal = " must be a whole number written in decimal, not ";
    String differ = " (YAML 1.1 and 1.2 read it differently)";
    assertThat(lines(problems(yaml(yaml)))).containsExactly(
        "m.yaml:5:68: generate.length of secret \"a\"" + decimal + "in hexadecimal (0x...)"
            + differ,
        "m.yaml:6:68: generate.length of secret \"b\"" + decimal + "in octal (0o...)" + differ,
        "m.yaml:7:68: generate.length of secret \"c\"" + decimal + "with underscores" + differ,
        "m.yaml:8:68: generate.length of secret \"d\"" + decimal
            + "with a leading zero (octal in YAML 1.1)" + differ,
        "m.yaml:9:68: generate.length of secret \"e\"" + decimal + "in binary (0b...)" + differ,
        "m.yaml:11:68: generate.length of secret \"g\" must be 16 to 4096");
  }
}
