package io.github.secrets4j.cli;

import io.github.secrets4j.ProcessSecrets;
import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.SecretsTarget;
import io.github.secrets4j.internal.Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code secrets4j run [--env NAME=REF]... [--volume REF:/path]... ... -- CMD ARGS...}. */
@Command(name = "run",
    mixinStandardHelpOptions = true,
    exitCodeOnInvalidInput = RunCommand.FAILED,
    modelTransformer = RunCommand.CommandFirst.class,
    description = {"Runs CMD with secrets as environment variables and files: resolves every "
        + "REF first (nothing is started if one fails), writes the files (mode 0400), starts "
        + "CMD, waits for it, removes the files and exits with CMD's exit code. Values never go "
        + "on a command line.",
        "REF: " + Reference.GRAMMAR + ".",
        "--volume REF:/PATH is split at the last : followed by /, so secret:tls:/etc/app/tls.pem "
            + "writes secret:tls to /etc/app/tls.pem (whose folder must exist; a path holding "
            + ":/ cannot be given).",
        "Output: with --mask=always stdout and stderr of CMD go through secrets4j, which "
            + "replaces each resolved value of 4 characters or more, its base64 (standard and "
            + "URL-safe, padded or not) and its JSON-escaped form by " + Masker.TOKEN + "; "
            + "--mask=never gives CMD secrets4j's own stdout and stderr; --mask=auto (the "
            + "default) decides per stream: masked when that stream of secrets4j is not a "
            + "terminal (a file, a pipe, a CI log), inherited when it is one. stdin is always "
            + "inherited.",
        "Signals: SIGINT, SIGTERM and SIGHUP that secrets4j receives are sent on to CMD; "
            + "secrets4j then waits for CMD. A signal ignored when secrets4j started (a "
            + "background job of a non-interactive shell ignores SIGINT; nohup SIGHUP) stays "
            + "ignored, for CMD too.",
        "The files are removed when CMD ends, also when it was killed and when secrets4j "
            + "received one of those signals; only a SIGKILL of secrets4j itself leaves them."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"N:the exit code of CMD; 128+N when signal N ended it (SIGTERM: 143)",
        "125:secrets4j failed before starting CMD, a usage error included (one line on stderr: "
            + "secrets4j: <ErrorClass>: <message>)",
        "126:CMD is not executable (a directory, no execute permission)",
        "127:CMD was not found (looked up in the PATH CMD gets; a name with / is a path)"})
final class RunCommand implements Callable<Integer> {
  /** secrets4j failed before starting the child. */
  static final int FAILED = 125;
  /** The command is not executable. */
  static final int NOT_EXECUTABLE = 126;
  /** The command was not found. */
  static final int NOT_FOUND = 127;
  /** The variables {@code --pristine} keeps from secrets4j's environment, when they are set. */
  static final List<String> PRISTINE = List.of("PATH", "HOME", "LANG", "TERM");
  /** How long secrets4j waits for the child's output pipes to close after it exited. */
  static final long DRAIN_MILLIS = 5_000;

  private static final int STDERR = 2;

  /** The {@code --mask} modes. */
  enum Mask {
    AUTO, ALWAYS, NEVER
  }

  private final Cli cli;

  @Option(names = "--env", paramLabel = "NAME=REF",
      description = "Environment variable NAME of CMD gets the value of REF. Repeatable.")
  List<String> env = new ArrayList<>();

  @Option(names = "--volume", paramLabel = "REF:/PATH",
      description = "The file at the absolute PATH gets the value of REF, mode 0400, and is "
          + "removed afterwards. Repeatable.")
  List<String> volumes = new ArrayList<>();

  @Option(names = "--target", paramLabel = "NAME",
      description = "Every variable and file of target NAME of the definition files "
          + "(--definitions).")
  String target;

  @Option(names = "--env-file", paramLabel = "FILE",
      description = "NAME=REF lines (references, never values); blank lines and lines "
          + "starting with # are skipped.")
  Path envFile;

  @Option(names = "--mask", paramLabel = "auto|always|never", defaultValue = "auto",
      converter = MaskConverter.class,
      description = "Mask values in the output of CMD: auto (default), always or never.")
  Mask mask;

  @Option(names = "--pristine",
      description = "CMD gets only the injected variables and PATH, HOME, LANG and TERM (those "
          + "that are set), instead of secrets4j's environment plus the injected ones.")
  boolean pristine;

  @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments,"
      + " after --.")
  List<String> command;

  RunCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    Console console = cli.console();
    List<String> names = new ArrayList<>();
    ProcessSecrets injection;
    try {
      injection = injection(cli.secrets(), names);
    } catch (RuntimeException e) {
      console.error(e, cli.debug());
      return FAILED;
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.clear();
    if (pristine) {
      for (String name : PRISTINE) {
        String value = console.env().get(name);
        if (value != null) {
          environment.put(name, value);
        }
      }
    } else {
      environment.putAll(console.env());
    }
    boolean maskOut = masks(Terminal.STDOUT);
    boolean maskErr = masks(STDERR);
    builder.redirectInput(Redirect.INHERIT)
        .redirectOutput(maskOut ? Redirect.PIPE : Redirect.INHERIT)
        .redirectError(maskErr ? Redirect.PIPE : Redirect.INHERIT);
    Cleanup cleanup = new Cleanup(console);
    // The signals are forwarded (or, before the child starts, remembered) from before the first
    // file is written until after the last is removed: a SIGTERM while open() writes would
    // otherwise end the JVM with files left behind.
    try (SignalForwarder signals = SignalForwarder.install()) {
      try {
        return openAndRun(builder, environment, names, injection, cleanup, signals, maskOut,
            maskErr);
      } finally {
        cleanup.close();
      }
    }
  }

  private int openAndRun(ProcessBuilder builder, Map<String, String> environment,
      List<String> names, ProcessSecrets injection, Cleanup cleanup, SignalForwarder signals,
      boolean maskOut, boolean maskErr) {
    Console console = cli.console();
    List<String> values;
    try {
      cleanup.session = injection.open(builder);
      values = maskOut || maskErr ? values(cleanup.session, environment, names) : List.of();
    } catch (SecretError e) {
      String source = fromEnvFile.get(e.secretName());
      if (source == null) {
        console.error(e, cli.debug());
      } else {
        // Not the error's message: it holds the reference, which may be a mistaken value.
        console.error(new IllegalArgumentException(source + ": " + e.getClass().getSimpleName()
            + " (the reference there is not shown: it may be a value)"), false);
      }
      return FAILED;
    } catch (RuntimeException e) {
      console.error(e, cli.debug());
      return FAILED;
    }
    Optional<Integer> pending = signals.pending();
    if (pending.isPresent()) {
      return pending.get();
    }
    try {
      Path program = Executables.find(command.get(0), environment.get("PATH"));
      List<String> argv = new ArrayList<>(command);
      argv.set(0, program.toString());
      builder.command(argv);
    } catch (NoSuchFileException e) {
      console.error(e, cli.debug());
      return NOT_FOUND;
    } catch (AccessDeniedException e) {
      console.error(e, cli.debug());
      return NOT_EXECUTABLE;
    } catch (RuntimeException e) {
      console.error(e, cli.debug());
      return FAILED;
    }
    return run(builder, maskOut, maskErr, values, signals);
  }

  private boolean masks(int fd) {
    return mask == Mask.ALWAYS || mask == Mask.AUTO && !cli.console().terminal().isTerminal(fd);
  }

  /** The secrets of --env-file lines by name, and the {@code file:line} of each. */
  private final Map<String, String> fromEnvFile = new HashMap<>();

  /** The bindings of --env-file, --env, --volume and --target; {@code names} gets the variables. */
  private ProcessSecrets injection(Secrets secrets, List<String> names) {
    ProcessSecrets.Builder builder = ProcessSecrets.builder(secrets);
    if (envFile != null) {
      for (EnvFile.Line line : EnvFile.read(envFile)) {
        Secret secret;
        try {
          secret = Reference.secret(line.reference(), secrets);
        } catch (RuntimeException e) {
          // Without the reference's text (it may be a value written there by mistake) and
          // without the cause, whose message holds it.
          String why = String.valueOf(e.getMessage())
              .replace(Text.escape(line.reference(), 200), "<reference>");
          throw new IllegalArgumentException(line + ": " + why);
        }
        builder.env(line.name(), secret);
        names.add(line.name());
        fromEnvFile.putIfAbsent(secret.name(), line.source());
      }
    }
    for (String binding : env) {
      int equals = binding.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("--env takes NAME=REF, not \""
            + Text.escape(binding, 200) + "\"");
      }
      String name = binding.substring(0, equals);
      builder.env(name, Reference.secret(binding.substring(equals + 1), secrets));
      names.add(name);
    }
    for (String volume : volumes) {
      int split = volume.lastIndexOf(":/");
      if (split <= 0) {
        throw new IllegalArgumentException("--volume takes REF:/absolute/path, not \""
            + Text.escape(volume, 200) + "\"");
      }
      builder.file(Reference.secret(volume.substring(0, split), secrets),
          Path.of(volume.substring(split + 1)));
    }
    if (target != null) {
      SecretsTarget bound = secrets.target(target);
      builder.target(bound);
      names.addAll(bound.env().keySet());
    }
    return builder.build();
  }

  /** The values injected: those of the variables set, and the files' contents. */
  private static List<String> values(ProcessSecrets.Session session,
      Map<String, String> environment, List<String> names) {
    List<String> values = new ArrayList<>();
    for (String name : names) {
      values.add(environment.get(name));
    }
    for (Path file : session.files().values()) {
      try {
        values.add(Files.readString(file));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read back the secret file \""
            + Text.escape(file.toString(), 200) + "\" to mask its value", e);
      }
    }
    return values;
  }

  /** Starts the child, forwards signals, pumps masked output; returns the exit code. */
  private int run(ProcessBuilder builder, boolean maskOut, boolean maskErr, List<String> values,
      SignalForwarder signals) {
    Console console = cli.console();
    Optional<Integer> pending = signals.pending();
    if (pending.isPresent()) {
      return pending.get();
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      console.error(e, cli.debug());
      String message = String.valueOf(e.getMessage());
      return message.contains("error=2,") ? NOT_FOUND
          : message.contains("error=13,") ? NOT_EXECUTABLE : FAILED;
    } catch (RuntimeException e) {
      console.error(e, cli.debug());
      return FAILED;
    }
    signals.started(process);
    List<Pump> pumps = new ArrayList<>();
    if (maskOut) {
      pumps.add(Pump.start("stdout", process.getInputStream(), console.out(), values));
    }
    if (maskErr) {
      pumps.add(Pump.start("stderr", process.getErrorStream(), console.err(), values));
    }
    int code = waitFor(process);
    long deadline = System.nanoTime() + DRAIN_MILLIS * 1_000_000;
    for (Pump pump : pumps) {
      if (!awaitUntil(pump, deadline)) {
        console.warn("the output of " + Text.escape(command.get(0), 200) + " is still open "
            + DRAIN_MILLIS / 1000 + " s after it exited (a process it started?); not waiting "
            + "for it");
        break;
      }
    }
    return code;
  }

  private static int waitFor(Process process) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return process.waitFor();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static boolean awaitUntil(Pump pump, long deadline) {
    try {
      return pump.await(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Closes the session on every way out: at the end of {@link #call()}, or from a shutdown hook
   * if the JVM exits first (a signal before the forwarding is in place, {@code System.exit}).
   */
  private static final class Cleanup {
    private final Console console;
    private final Thread hook;
    volatile ProcessSecrets.Session session;

    Cleanup(Console console) {
      this.console = console;
      this.hook = new Thread(this::closeSession, "secrets4j-run-cleanup");
      Runtime.getRuntime().addShutdownHook(hook);
    }

    void close() {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook closes the session too; close is idempotent.
      }
      closeSession();
    }

    private void closeSession() {
      ProcessSecrets.Session open = session;
      if (open != null) {
        try {
          open.close();
        } catch (RuntimeException e) {
          console.error(e, false);
        }
      }
    }
  }

  /**
   * Makes CMD's own options CMD's: after the first positional parameter everything is CMD and
   * its arguments ({@code run --env X=secret:x sh -c 'echo $X'} works without {@code --}).
   */
  static final class CommandFirst implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      spec.parser().stopAtPositional(true);
      return spec;
    }
  }

  /** {@code auto}, {@code always} or {@code never}, in lower case as documented. */
  static final class MaskConverter implements ITypeConverter<Mask> {
    @Override
    public Mask convert(String value) {
      for (Mask mode : Mask.values()) {
        if (mode.name().toLowerCase(Locale.ROOT).equals(value)) {
          return mode;
        }
      }
      throw new TypeConversionException("expected auto, always or never, not '"
          + Text.escape(value, 50) + "'");
    }
  }
}
