package io.github.secrets4j.cli;

import io.github.secrets4j.internal.Text;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code secrets4j} command line: {@code java -cp ... io.github.secrets4j.cli.Main --help}.
 *
 * <p>Exit codes: 0 success, 1 error (one line on stderr:
 * {@code secrets4j: <ErrorClass>: <message>}), 2 usage error; {@code plan --detailed-exitcode}
 * exits 2 when the plan has changes; {@code run} exits with its child's code, and 125, 126 or 127
 * for its own failures, usage errors included ({@code secrets4j run --help}). Values are printed
 * only by {@code get}, never in an error.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the command {@code args} name and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err, System.getenv(),
        Terminal.system()));
  }

  /** Runs {@code args} with these streams, environment and terminal test; returns the exit code. */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err,
      Map<String, String> env, Terminal terminal) {
    return run(args, new Console(in, out, err, env, terminal, null));
  }

  /** Runs {@code args} against {@code console}; returns the exit code. */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err,
      Map<String, String> env, Terminal terminal, InstantSource clock) {
    return run(args, new Console(in, out, err, env, terminal, clock));
  }

  private static int run(String[] args, Console console) {
    Cli cli = new Cli(console);
    IFactory factory = factory(cli);
    CommandLine commandLine = new CommandLine(cli, factory);
    Commands.add(commandLine, args, factory);
    // "@file" is secret add's value from a file, not picocli's argument file.
    commandLine.setExpandAtFiles(false);
    // No clustered short options: "-hunter2" is not -h (help, exit 0, nothing stored) plus more.
    commandLine.setPosixClusteredShortOptionsAllowed(false);
    commandLine.setOut(new PrintWriter(
        new OutputStreamWriter(console.out(), StandardCharsets.UTF_8), true));
    commandLine.setErr(new PrintWriter(
        new OutputStreamWriter(console.err(), StandardCharsets.UTF_8), true));
    commandLine.setExecutionExceptionHandler((error, failed, parsed) -> {
      console.error(error, cli.debug());
      return ExitCodes.FAILURE;
    });
    commandLine.setParameterExceptionHandler(Main::usageError);
    try {
      return commandLine.execute(args);
    } finally {
      try {
        cli.close();
      } catch (RuntimeException e) {
        console.error(e, cli.debug());
      }
      console.out().flush();
      console.err().flush();
    }
  }

  /** A usage error: one line naming the problem and the help to read; exit code 2. */
  private static int usageError(ParameterException error, String[] args) {
    CommandLine command = error.getCommandLine();
    Cli cli = command.getCommandSpec().root().userObject() instanceof Cli root ? root : null;
    String help = command.getCommandSpec().qualifiedName() + " --help";
    String message = error.getMessage() == null ? "invalid command line" : error.getMessage();
    if (error instanceof UnmatchedArgumentException
        && command.getCommandSpec().userObject() instanceof SecretAddCommand) {
      // picocli quotes the argument, which may be the value (one starting with -, say).
      message = "Unknown option or unexpected argument (not shown: it may be the value; a VALUE "
          + "starting with - goes after --)";
    }
    command.getErr().flush();
    if (cli != null) {
      cli.console().note("secrets4j: UsageError: " + Text.escape(message, Console.MAX_MESSAGE)
          + " (see " + help + ")");
    }
    // 2, but `run` says 125: its own exit codes must not be mistaken for the child's.
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** Creates the command objects, handing the root's {@link Cli} to those that take it. */
  private static IFactory factory(Cli cli) {
    IFactory defaults = CommandLine.defaultFactory();
    return new IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        try {
          return type.getDeclaredConstructor(Cli.class).newInstance(cli);
        } catch (NoSuchMethodException e) {
          return defaults.create(type);
        }
      }
    };
  }
}
