package io.github.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.secrets4j.spi.ParameterSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Definition files: loading, the model, defined secrets, groups and targets, and problems. */
class SecretDefinitionsTest {
  record Site(String slug) {}

  record Device(String name, Site site) {}

  static Path file(String name) {
    try {
      return Path.of(SecretDefinitionsTest.class.getResource("/definitions/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static InputStream stream(String name) {
    return SecretDefinitionsTest.class.getResourceAsStream("/definitions/" + name);
  }

  static String text(String name) {
    try {
      return Files.readString(file(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A runtime with a vault-like and an environment-like reader and a writable store. */
  static Secrets.Builder runtime() {
    TestProviders.Scripted vault = new TestProviders.Scripted("hashicorp-vault",
        request -> "vault:" + request.parameter("path") + "#" + request.parameter("key"));
    vault.parameters = List.of(ParameterSpec.required("path", "the path"),
        ParameterSpec.required("key", "the key"));
    TestProviders.Scripted env = new TestProviders.Scripted("environment-variable",
        request -> "env:" + request.parameter("variable"));
    env.parameters = List.of(ParameterSpec.required("variable", "the variable"));
    // The tls kind comes with secrets4j-kind-tls, which the api's tests do not have: a stand-in.
    return Secrets.builder().discoverProviders(false).provider(vault).provider(env)
        .kind(SecretKindsTest.anyText("tls"))
        .provider(new WritableTestProvider("encrypted-file",
            InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"))));
  }

  static SecretDefinitionsException problems(Secrets.Builder builder) {
    return catchThrowableOfType(SecretDefinitionsException.class, builder::build);
  }

  static List<String> lines(SecretDefinitionsException e) {
    return e.problems().stream().map(SecretDefinitionsException.Problem::toString).toList();
  }

  @Nested
  class Complete {
    final Secrets secrets = runtime().definitions(file("complete.yaml")).build();

    @Test
    void aSecretReadFromAProviderRendersItsTemplates() {
      Secret secret = secrets.defined("Device Password");
      assertThat(secret.slug()).isEqualTo("device-password");
      assertThat(secret.provider()).isEqualTo("hashicorp-vault");
      assertThat(secret.getValue(new Device("r1", new Site("ams1"))))
          .isEqualTo("vault:devices/ams1#password");
    }

    @Test
    void aStoreManagedSecretReadsItsKeyThroughTheStore() {
      secrets.store("encrypted-file").put("nb-token", "t0ken");
      Secret secret = secrets.defined("nautobot-api-token");
      assertThat(secret.name()).isEqualTo("nautobot-api-token");
      assertThat(secret.slug()).isEqualTo("nb-api-token");
      assertThat(secret.description()).isEqualTo("token for the sync job");
      assertThat(secret.provider()).isEqualTo("encrypted-file");
      assertThat(secret.parameters())
          .isEqualTo(secrets.store("encrypted-file").secret("nb-token").parameters());
      assertThat(secret.getValue()).isEqualTo("t0ken");
      // The key defaults to the slug.
      secrets.store("encrypted-file").put("napalm-password", "pw");
      assertThat(secrets.defined("napalm-password").getValue()).isEqualTo("pw");
    }

    @Test
    void aDefinedSecretIsBoundToTheViewItIsTakenFrom() {
      secrets.store("encrypted-file").put("nb-token", "t0ken");
      Secret seenByBob = secrets.forPrincipal("bob").defined("nautobot-api-token");
      assertThatThrownBy(seenByBob::getValue).isInstanceOf(SecretAccessDeniedError.class);
    }

    @Test
    void aGroupHoldsTheDefinedSecretsInTheirSlots() {
      secrets.store("encrypted-file").put("napalm-password", "pw");
      SecretsGroup group = secrets.definedGroup("napalm");
      assertThat(group.slug()).isEqualTo("napalm");
      assertThat(group.getSecretValue(AccessType.GENERIC, SecretType.USERNAME))
          .isEqualTo("env:NAPALM_USERNAME");
      assertThat(group.getSecretValue(AccessType.GENERIC, SecretType.PASSWORD)).isEqualTo("pw");
    }

    @Test
    void aTargetBindsEnvironmentVariablesAndFilesToDefinedSecrets() {
      SecretsTarget target = secrets.target("nautobot-prod");
      assertThat(target.name()).isEqualTo("nautobot-prod");
      assertThat(target.env().keySet()).containsExactly("NAUTOBOT_NAPALM_USERNAME",
          "NAUTOBOT_NAPALM_PASSWORD", "NAUTOBOT_TOKEN");
      assertThat(target.env().get("NAUTOBOT_TOKEN"))
          .isEqualTo(secrets.defined("nautobot-api-token"));
      assertThat(target.files())
          .containsExactly(Map.entry(Path.of("/run/secrets/tls.pem"), secrets.defined("web-tls")));
      assertThat(target.toString()).isEqualTo("SecretsTarget{name=\"nautobot-prod\", env={"
          + "NAUTOBOT_NAPALM_USERNAME=\"napalm-user\", NAUTOBOT_NAPALM_PASSWORD=\"napalm-password\""
          + ", NAUTOBOT_TOKEN=\"nautobot-api-token\"}, files={/run/secrets/tls.pem=\"web-tls\"}}");
    }

    @Test
    void definitionsDescribeEverySecretWithoutAValue() {
      SecretDefinitions loaded = secrets.definitions();
      assertThat(loaded.documents()).containsExactly(new SecretDefinitions.Document("netops-prod",
          "secrets of the network automation jobs", file("complete.yaml").toString(), false,
          false));
      assertThat(loaded.secrets()).extracting(SecretDefinition::name).containsExactly(
          "Device Password", "napalm-user", "napalm-password", "nautobot-api-token", "web-tls");
      SecretDefinition token = loaded.secret("nautobot-api-token").orElseThrow();
      assertThat(token.kind()).isEqualTo("opaque");
      assertThat(token.definition()).isEqualTo("netops-prod");
      assertThat(token.location()).isEqualTo(file("complete.yaml") + ":18:5");
      assertThat(token.origin()).isEqualTo(new SecretDefinition.Stored("encrypted-file",
          "nb-token", Map.of("team", "netops"),
          new SecretValueSource.Generate(40, SecretValueSource.Alphabet.HEX)));
      assertThat(loaded.secret("napalm-password").orElseThrow().stored().orElseThrow().value())
          .isEqualTo(new SecretValueSource.FromEnv("NAPALM_PASSWORD"));
      assertThat(loaded.secret("web-tls").orElseThrow().kind()).isEqualTo("tls");
      assertThat(loaded.secret("web-tls").orElseThrow().stored().orElseThrow().value())
          .isEqualTo(new SecretValueSource.FromFile(
              file("complete.yaml").getParent().resolve("certs/web.pem")));
      assertThat(loaded.secret("Device Password").orElseThrow().origin())
          .isEqualTo(new SecretDefinition.Provided("hashicorp-vault",
              Map.of("path", "devices/{{ obj.site.slug }}", "key", "password")));
      assertThat(loaded.groups().get(0).members()).containsExactly(
          new SecretDefinitions.Member(AccessType.GENERIC, SecretType.USERNAME, "napalm-user"),
          new SecretDefinitions.Member(AccessType.GENERIC, SecretType.PASSWORD, "napalm-password"));
      assertThat(loaded.grants()).containsExactly(
          new SecretDefinitions.Grant("alice", List.of("nautobot-api-token"), "netops-prod"));
      assertThat(loaded.toString()).isEqualTo(
          "SecretDefinitions{documents=1, secrets=5, groups=1, targets=1, grants=1}");
    }

    @Test
    void unknownNamesNameTheClosestDefinedOnes() {
      assertThatThrownBy(() -> secrets.defined("napalm-pasword"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("No secret named \"napalm-pasword\" is defined (closest defined: "
              + "\"napalm-password\", \"napalm-user\", \"Device Password\")");
      assertThatThrownBy(() -> secrets.definedGroup("napalmm"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("No group named \"napalmm\" is defined (closest defined: \"napalm\")");
      assertThatThrownBy(() -> secrets.target("nautobot"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("No target named \"nautobot\" is defined (closest defined: "
              + "\"nautobot-prod\")");
    }

    @Test
    void theJsonFormDefinesTheSame() {
      Secrets json = runtime().definitions(file("complete.json")).build();
      assertThat(json.definitions().secrets()).extracting(SecretDefinition::origin)
          .isEqualTo(secrets.definitions().secrets().stream().map(SecretDefinition::origin)
              .toList());
      assertThat(json.definitions().groups()).isEqualTo(secrets.definitions().groups());
      assertThat(json.definitions().targets()).isEqualTo(secrets.definitions().targets());
      assertThat(json.definitions().grants()).isEqualTo(secrets.definitions().grants());
    }
  }

  @Test
  void aStreamIsReadWithTheNameGivenForIt() {
    Secrets secrets = runtime().definitions(stream("stdin.yaml"), "classpath:stdin.yaml").build();
    SecretDefinitions loaded = secrets.definitions();
    assertThat(loaded.documents()).containsExactly(
        new SecretDefinitions.Document("bootstrap", "", "classpath:stdin.yaml", true, false));
    assertThat(loaded.secret("root-token").orElseThrow().stored().orElseThrow().value())
        .isEqualTo(new SecretValueSource.FromStdin());
    assertThat(loaded.secret("db-password").orElseThrow().stored().orElseThrow().value())
        .isEqualTo(new SecretValueSource.Generate(32, SecretValueSource.Alphabet.ALPHANUMERIC));
    assertThat(loaded.secret("db-password").orElseThrow().location())
        .isEqualTo("classpath:stdin.yaml:8:5");
  }

  @Test
  void aJsonStreamIsRecognizedByItsFirstCharacter() {
    String json = "  {\"apiVersion\": \"secrets4j/v1\", \"kind\": \"SecretsDefinition\", "
        + "\"metadata\": {\"name\": \"inline\"}, \"secrets\": [{\"name\": \"a\", "
        + "\"store\": \"encrypted-file\", \"value\": {\"fromEnv\": \"A\"}}]}";
    Secrets secrets = runtime().definitions(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "inline").build();
    assertThat(secrets.definitions().secret("a").orElseThrow().location()).isEqualTo("inline:1:107");
  }

  @Test
  void filesReferToEachOthersSecrets() {
    Secrets secrets =
        runtime().definitions(file("part-a.yaml")).definitions(file("part-b.yaml")).build();
    assertThat(secrets.target("app").env().get("DB_PASSWORD"))
        .isEqualTo(secrets.defined("db-password"));
    assertThat(secrets.definitions().documents()).extracting(SecretDefinitions.Document::name)
        .containsExactly("part-a", "part-b");
  }

  @Test
  void aliasesWithinBoundsStandForTheirAnchorsValue() {
    Secrets secrets = runtime().definitions(file("aliases.yaml")).build();
    SecretDefinition.Stored two =
        secrets.definitions().secret("two").orElseThrow().stored().orElseThrow();
    assertThat(two.labels()).containsExactly(Map.entry("team", "netops"));
    assertThat(two.value())
        .isEqualTo(new SecretValueSource.Generate(20, SecretValueSource.Alphabet.ALPHANUMERIC));
  }

  @Test
  void aRuntimeWithoutFilesHasEmptyDefinitions() {
    Secrets secrets = runtime().build();
    assertThat(secrets.definitions()).isSameAs(SecretDefinitions.empty());
    assertThatThrownBy(() -> secrets.defined("x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("No secret named \"x\" is defined (no secrets are defined)");
  }

  @Test
  void theBuilderChecksItsArgumentsAtOnce() {
    assertThatThrownBy(() -> Secrets.builder().definitions((Path) null))
        .isInstanceOf(NullPointerException.class).hasMessage("file");
    assertThatThrownBy(() -> Secrets.builder().definitions(stream("stdin.yaml"), " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("sourceName must not be blank");
    assertThatThrownBy(() -> Secrets.builder().definitions(null, "x"))
        .isInstanceOf(NullPointerException.class).hasMessage("in");
  }

  @Nested
  class Problems {
    @Test
    void everyProblemOfAFileIsReportedAtOnceAsTheGoldenFileSays() {
      SecretDefinitionsException e = problems(
          runtime().definitions(stream("many-problems.yaml"), "many-problems.yaml"));
      assertThat(e).isInstanceOf(IllegalArgumentException.class);
      assertThat(e.getMessage()).isEqualTo(text("many-problems.expected.txt").strip());
      assertThat(e.getMessage()).doesNotContain("hunter2");
      assertThat(e.problems().get(0)).isEqualTo(new SecretDefinitionsException.Problem(
          "many-problems.yaml", 1, 13,
          "unsupported apiVersion \"secrets4j/v2\" (expected \"secrets4j/v1\")"));
    }

    @Test
    void theExceptionSerializesWithItsProblems() throws Exception {
      SecretDefinitionsException e = problems(
          runtime().definitions(stream("many-problems.yaml"), "many-problems.yaml"));
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
        out.writeObject(e);
      }
      try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
          new ByteArrayInputStream(bytes.toByteArray()))) {
        SecretDefinitionsException copy = (SecretDefinitionsException) in.readObject();
        assertThat(copy.problems()).isEqualTo(e.problems());
        assertThat(copy.getMessage()).isEqualTo(e.getMessage());
      }
    }

    @Test
    void theJsonFormReportsDuplicateKeysAndPlaintextValues() {
      SecretDefinitionsException e = problems(runtime().definitions(file("duplicate-keys.json")));
      String source = file("duplicate-keys.json").toString();
      assertThat(lines(e)).containsExactly(
          source + ":6:45: duplicate key \"TOKEN\" (first at line 6)",
          source + ":9:56: a plaintext value is not allowed (secret \"a\"): use { generate: "
              + "{ length, alphabet } }, { fromEnv: NAME }, { fromFile: path } or "
              + "{ fromStdin: true }",
          source + ":10:82: generate.length of secret \"b\" must be a number, not a string",
          source + ":11:7: duplicate key \"value\" (first at line 10)");
      assertThat(e.getMessage()).doesNotContain("plaintext-in-json");
    }

    @Test
    void aBillionLaughsStopsAtOnceWithAProblem() {
      SecretDefinitionsException e = problems(runtime().definitions(file("billion-laughs.yaml")));
      assertThat(lines(e)).containsExactly(file("billion-laughs.yaml")
          + ":10:8: the file expands to more than 100000 values (YAML aliases expanded); "
          + "refusing to read it");
    }

    @Test
    void syntaxErrorsAreReportedWithTheParsersLocation() {
      SecretDefinitionsException e = problems(runtime().definitions(file("syntax-error.json"),
          file("syntax-error.yaml")));
      assertThat(lines(e)).containsExactly(
          file("syntax-error.json") + ":5:3: syntax error: Unexpected character:"
              + " was expecting comma to separate Object entries",
          file("syntax-error.yaml") + ":4:8: syntax error: while parsing a flow mapping: expected "
              + "',' or '}', but got :");
    }

    @Test
    void problemsAcrossFilesAreReportedInFileOrder() {
      SecretDefinitionsException e = problems(runtime().definitions(file("part-a.yaml"),
          file("part-b-conflicts.yaml")));
      String b = file("part-b-conflicts.yaml").toString();
      String a = file("part-a.yaml").toString();
      assertThat(lines(e)).containsExactly(
          a + ":10:46: secret \"db-password\" is not defined (closest defined: \"Shared Token\", "
              + "\"shared-token\")",
          b + ":3:19: duplicate metadata.name \"part-a\" (first at " + a + ":3:19)",
          b + ":5:5: duplicate secret name \"shared-token\" (first at " + a + ":5:5)",
          b + ":9:5: duplicate secret slug \"shared-token\" of secret \"Shared Token\" (first at "
              + a + ":5:5)",
          b + ":11:10: secret \"Shared Token\" is stored under the same key \"shared-token\" in "
              + "\"encrypted-file\" as secret \"shared-token\"");
    }

    @Test
    void aFileAboveOneMebibyteIsNotRead(@TempDir Path folder) throws IOException {
      Path big = folder.resolve("big.yaml");
      Files.write(big, new byte[(1 << 20) + 1]);
      assertThat(lines(problems(runtime().definitions(big)))).containsExactly(
          big + ":1:1: the file is larger than 1 MiB (1048576 bytes)");
      assertThat(lines(problems(runtime().definitions(
          new ByteArrayInputStream(new byte[(1 << 20) + 1]), "big-stream")))).containsExactly(
          "big-stream:1:1: the file is larger than 1 MiB (1048576 bytes)");
    }

    @Test
    void aMissingFileIsAProblem(@TempDir Path folder) {
      Path missing = folder.resolve("missing.yaml");
      assertThat(lines(problems(runtime().definitions(missing)))).containsExactly(
          missing + ":1:1: cannot be read: java.nio.file.NoSuchFileException");
    }

    @Test
    void nestingDeeperThanTheLimitIsAProblem() {
      String deep = "apiVersion: secrets4j/v1\nmetadata: " + "[".repeat(50) + "]".repeat(50)
          + "\n";
      assertThat(lines(problems(runtime().definitions(
          new ByteArrayInputStream(deep.getBytes(StandardCharsets.UTF_8)), "deep.yaml"))))
          .containsExactly("deep.yaml:2:30: nested deeper than 20 levels");
      String json = "{\"metadata\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
      assertThat(lines(problems(runtime().definitions(
          new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "deep.json"))))
          .containsExactly("deep.json:1:33: nested deeper than 20 levels");
    }

    @Test
    void anEmptyFileAndASecondDocumentAreProblems() {
      assertThat(lines(problems(runtime().definitions(new ByteArrayInputStream(new byte[0]),
          "empty.yaml")))).containsExactly("empty.yaml:1:1: the file is empty");
      String two = text("stdin.yaml") + "---\nfoo: bar\n";
      assertThat(lines(problems(runtime().definitions(
          new ByteArrayInputStream(two.getBytes(StandardCharsets.UTF_8)), "two.yaml"))))
          .containsExactly("two.yaml:13:1: a definition file holds one document; found more");
    }

    @Test
    void aProviderThatCannotBeCreatedIsAProblem() {
      String yaml = "apiVersion: secrets4j/v1\nkind: SecretsDefinition\nmetadata: { name: m }\n"
          + "secrets:\n  - { name: a, provider: failing-factory }\n";
      // TestProviders.FailingFactory is discovered; it needs a setting this runtime lacks.
      SecretDefinitionsException e = problems(Secrets.builder().definitions(
          new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "m.yaml"));
      assertThat(lines(e)).containsExactly("m.yaml:5:26: Setting test.fixed is required");
    }

    @Test
    void problemsAreBoundedInNumber() {
      StringBuilder yaml = new StringBuilder("apiVersion: secrets4j/v1\nkind: SecretsDefinition\n"
          + "metadata: { name: m }\nsecrets:\n");
      for (int i = 0; i < 300; i++) {
        yaml.append("  - { name: s").append(i).append(", provider: nope }\n");
      }
      SecretDefinitionsException e = problems(runtime().definitions(
          new ByteArrayInputStream(yaml.toString().getBytes(StandardCharsets.UTF_8)), "m.yaml"));
      assertThat(e.problems()).hasSize(201);
      assertThat(e.problems().get(200).message())
          .isEqualTo("100 more problems not shown (at most 200 are reported)");
    }
  }
}
