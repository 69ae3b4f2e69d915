package io.github.secrets4j.cli;

/** The exit codes, and how every command's help lists them. */
final class ExitCodes {
  /** Success. */
  static final int SUCCESS = 0;
  /** An error: the error line on stderr says which. */
  static final int FAILURE = 1;
  /** A usage error: unknown command or option, missing or invalid argument. */
  static final int USAGE_ERROR = 2;
  /** {@code plan --detailed-exitcode}: the plan has changes. */
  static final int CHANGES = 2;

  static final String HEADING = "%nExit codes:%n";
  static final String OK = "0:success";
  static final String ERROR = "1:error (one line on stderr: secrets4j: <ErrorClass>: <message>)";
  static final String USAGE = "2:usage error (unknown command or option, missing or invalid "
      + "argument)";

  private ExitCodes() {}
}
