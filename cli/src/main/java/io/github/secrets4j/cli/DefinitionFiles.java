package io.github.secrets4j.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code -f FILE} option of plan, apply and validate. */
final class DefinitionFiles {
  @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true,
      description = "A definition file (YAML, or JSON when it ends in .json). Repeatable. Only "
          + "these files are loaded (not --definitions).")
  List<Path> files;
}
