package io.github.secrets4j.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;

/**
 * The command tree, added to the root only as far as the arguments need it: picocli builds a
 * command's model by reflection when it is added (its classes are Java 5 bytecode, which class
 * data sharing cannot hold), and building all fifteen took most of a command's start-up. The
 * command the arguments name is added with only the subcommand they name, and so on down; where
 * they name none or one not known (help, a usage error), every command of that level is added,
 * so help lists them all and picocli suggests the closest.
 */
final class Commands {
  /** A command and its subcommands. */
  private record Node(Class<?> type, List<Node> children) {
    String name() {
      return type.getAnnotation(Command.class).name();
    }
  }

  private static final List<Node> ROOT = List.of(
      node(SecretCommand.class, SecretAddCommand.class, SecretListCommand.class,
          SecretRemoveCommand.class, SecretShareCommand.class, SecretUnshareCommand.class),
      node(GetCommand.class),
      node(CheckCommand.class),
      node(RunCommand.class),
      node(PlanCommand.class),
      node(ApplyCommand.class),
      node(ValidateCommand.class),
      node(ProvidersCommand.class),
      node(KeyCommand.class, KeyRotateCommand.class));

  /** The root's options that take a value as the next argument. */
  private static final List<String> VALUED = List.of("--set", "--definitions");

  private Commands() {}

  private static Node node(Class<?> type, Class<?>... children) {
    return new Node(type, java.util.Arrays.stream(children).map(child -> new Node(child,
        List.of())).toList());
  }

  /** Adds to {@code root} the commands {@code args} need. */
  static void add(CommandLine root, String[] args, IFactory factory) {
    add(root, ROOT, args, 0, factory);
  }

  private static void add(CommandLine parent, List<Node> nodes, String[] args, int from,
      IFactory factory) {
    int at = from;
    while (at < args.length && args[at].startsWith("--") && !args[at].equals("--help")
        && !args[at].equals("--version")) {
      at += VALUED.contains(args[at]) ? 2 : 1;
    }
    for (Node node : nodes) {
      if (at < args.length && node.name().equals(args[at])) {
        parent.addSubcommand(child(node, factory, args, at + 1));
        return;
      }
    }
    for (Node node : nodes) {
      parent.addSubcommand(child(node, factory, null, 0));
    }
  }

  private static CommandLine child(Node node, IFactory factory, String[] args, int from) {
    CommandLine command;
    try {
      command = new CommandLine(factory.create(node.type()), factory);
    } catch (Exception e) {
      throw new CommandLine.InitializationException("Cannot create " + node.name(), e);
    }
    if (!node.children().isEmpty()) {
      add(command, node.children(), args == null ? new String[0] : args, args == null ? 0 : from,
          factory);
    }
    return command;
  }
}
