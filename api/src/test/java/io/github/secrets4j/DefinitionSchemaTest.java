package io.github.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The published JSON Schema: the same in the jar and the repository, and true to the files. */
class DefinitionSchemaTest {
  static final Path REPOSITORY_SCHEMA = Path.of("..", "schema", "secrets-definition.schema.json");
  static final Path README = Path.of("..", "README.md");

  static String jarSchema() throws IOException {
    try (InputStream in = Secrets.class.getResourceAsStream("secrets-definition.schema.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Schema schema() throws IOException {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(jarSchema(), InputFormat.JSON);
  }

  /** The first yaml block of the README's "Declaring secrets" section. */
  static String readmeExample() throws IOException {
    String readme = Files.readString(README);
    int section = readme.indexOf("\n## Declaring secrets\n");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    return readme.substring(start, readme.indexOf("```\n", start));
  }

  @Test
  void theJarAndTheRepositoryPublishTheSameSchema() throws IOException {
    assertThat(jarSchema()).isEqualTo(Files.readString(REPOSITORY_SCHEMA));
  }

  @Test
  void theReadmesCompleteExampleIsTheTestedFileAndValidates() throws IOException {
    String tested = SecretDefinitionsTest.text("complete.yaml");
    assertThat(readmeExample()).isEqualTo(tested.substring(tested.indexOf("apiVersion:")));
    assertThat(schema().validate(readmeExample(), InputFormat.YAML)).isEmpty();
  }

  @Test
  void theReadmesProblemLinesAreThoseOfTheGoldenFile() throws IOException {
    String readme = Files.readString(README);
    String golden = SecretDefinitionsTest.text("many-problems.expected.txt");
    int section = readme.indexOf("\n## Declaring secrets\n");
    int start = readme.indexOf("```\nmany-problems.yaml", section) + 4;
    for (String line : readme.substring(start, readme.indexOf("```\n", start)).split("\n")) {
      assertThat(golden).contains(line + "\n");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"complete.yaml", "stdin.yaml", "part-a.yaml", "part-b.yaml"})
  void validYamlFilesValidate(String name) throws IOException {
    assertThat(schema().validate(SecretDefinitionsTest.text(name), InputFormat.YAML)).isEmpty();
  }

  @Test
  void theValidJsonFileValidates() throws IOException {
    assertThat(schema().validate(SecretDefinitionsTest.text("complete.json"), InputFormat.JSON))
        .isEmpty();
  }

  @Test
  void aFileWithProblemsDoesNotValidate() throws IOException {
    assertThat(schema().validate(SecretDefinitionsTest.text("many-problems.yaml"),
        InputFormat.YAML)).isNotEmpty();
    String plaintext = "apiVersion: secrets4j/v1\nkind: SecretsDefinition\nmetadata: {name: m}\n"
        + "secrets: [{name: a, store: encrypted-file, value: hunter2}]\n";
    assertThat(schema().validate(plaintext, InputFormat.YAML)).isNotEmpty();
  }

  @Test
  void theSchemaBoundsLabelsAndGeneratedLengthsAsTheLoaderDoes() throws IOException {
    assertThat(schema().validate(SecretDefinitionsHostileTest.labelled(61), InputFormat.YAML))
        .isEmpty();
    assertThat(schema().validate(SecretDefinitionsHostileTest.labelled(62), InputFormat.YAML))
        .isNotEmpty();
    String generate = SecretDefinitionsHostileTest.HEAD + "secrets: [{name: a, store: "
        + "encrypted-file, value: {generate: {length: %d}}}]\n";
    assertThat(schema().validate(generate.formatted(16), InputFormat.YAML)).isEmpty();
    assertThat(schema().validate(generate.formatted(15), InputFormat.YAML)).isNotEmpty();
  }
}
