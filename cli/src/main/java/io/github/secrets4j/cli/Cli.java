package io.github.secrets4j.cli;

import io.github.secrets4j.Secrets;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code secrets4j} command: the global options, and the runtime the subcommands share.
 */
@Command(name = "secrets4j",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Stores, lists, shares, reads and checks secrets; plans and applies "
        + "definition files.",
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.OK, ExitCodes.ERROR, ExitCodes.USAGE},
    footer = {"", "Settings: --set, then system properties, then environment variables "
        + "SECRETS4J_* (secrets4j.store as SECRETS4J_STORE)."},
    subcommands = {
        SecretCommand.class,
        GetCommand.class,
        CheckCommand.class,
        RunCommand.class,
        PlanCommand.class,
        ApplyCommand.class,
        ValidateCommand.class,
        ProvidersCommand.class,
        KeyCommand.class
    })
final class Cli implements Runnable {
  /** The environment variable that lists definition files when no --definitions is given. */
  static final String DEFINITIONS_VARIABLE = "SECRETS4J_DEFINITIONS";

  private final Console console;
  private final List<Secrets> opened = new ArrayList<>();
  private Secrets shared;

  @Spec
  CommandSpec spec;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "A setting, such as secrets4j.store=text-file; wins over system properties "
          + "and SECRETS4J_* variables. Repeatable. Put credentials in environment variables "
          + "instead: a command line is visible in ps and shell history.")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--definitions", paramLabel = "FILE",
      description = "A definition file (YAML, or JSON when it ends in .json) whose secrets "
          + "references can name. Repeatable. Default: the files listed in "
          + DEFINITIONS_VARIABLE + ", separated by the path separator (: on Linux and "
          + "macOS).")
  List<Path> definitions = new ArrayList<>();

  @Option(names = "--debug", description = "Print the stack trace after an error line.")
  boolean debug;

  Cli(Console console) {
    this.console = console;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command");
  }

  Console console() {
    return console;
  }

  boolean debug() {
    return debug;
  }

  /**
   * The runtime of the commands that resolve references and use stores: the settings, and the
   * definition files of --definitions (else of {@value #DEFINITIONS_VARIABLE}). Built once.
   */
  Secrets secrets() {
    if (shared == null) {
      List<Path> files = new ArrayList<>(definitions);
      if (files.isEmpty()) {
        String listed = console.env().getOrDefault(DEFINITIONS_VARIABLE, "");
        for (String file : listed.split(File.pathSeparator)) {
          if (!file.isBlank()) {
            files.add(Path.of(file));
          }
        }
      }
      shared = secrets(files);
    }
    return shared;
  }

  /** A runtime with the settings and exactly {@code files} loaded; closed when the command ends. */
  Secrets secrets(List<Path> files) {
    Secrets.Builder builder = Secrets.builder()
        .environment(console.env())
        .settings(settings)
        .definitions(files.toArray(Path[]::new));
    console.clock().ifPresent(builder::timeSource);
    Secrets secrets = builder.build();
    opened.add(secrets);
    return secrets;
  }

  /** Closes every runtime a command opened. */
  void close() {
    for (Secrets secrets : opened) {
      secrets.close();
    }
    opened.clear();
    shared = null;
  }
}
