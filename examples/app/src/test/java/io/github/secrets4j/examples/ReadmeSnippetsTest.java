package io.github.secrets4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet of README's opening sections (up to "## Providers") is code that compiles:
 * its imports are ReadmeSnippets.java's and its statements appear there in the same order,
 * line for line (indentation aside). A snippet that uses an undefined variable cannot pass.
 */
class ReadmeSnippetsTest {
  private static final Path README = Path.of("../../README.md");
  private static final Path SNIPPETS =
      Path.of("src/main/java/io/github/secrets4j/examples/ReadmeSnippets.java");

  @Test
  void readmeOpeningSnippetsAreCompiledCode() throws IOException {
    List<List<String>> snippets = javaSnippets(Files.readAllLines(README), "## Providers");
    assertThat(snippets).as("Java snippets before ## Providers").hasSizeGreaterThanOrEqualTo(2);
    List<String> source = stripped(Files.readAllLines(SNIPPETS));
    for (List<String> snippet : snippets) {
      List<String> imports = new ArrayList<>();
      List<String> body = new ArrayList<>();
      for (String line : stripped(snippet)) {
        (line.startsWith("import ") ? imports : body).add(line);
      }
      assertThat(source).as("imports of the README snippet%n%s", String.join("\n", snippet))
          .containsAll(imports);
      assertThat(Collections.indexOfSubList(source, body))
          .as("README snippet not found in %s:%n%s", SNIPPETS, String.join("\n", snippet))
          .isNotNegative();
    }
  }

  private static List<List<String>> javaSnippets(List<String> readme, String endHeading) {
    List<List<String>> snippets = new ArrayList<>();
    List<String> current = null;
    for (String line : readme) {
      if (line.equals(endHeading)) {
        break;
      }
      if (current == null && line.equals("```java")) {
        current = new ArrayList<>();
      } else if (current != null && line.equals("```")) {
        snippets.add(current);
        current = null;
      } else if (current != null) {
        current.add(line);
      }
    }
    return snippets;
  }

  private static List<String> stripped(List<String> lines) {
    return lines.stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
  }
}
