package io.github.secrets4j.aws.internal;

import java.nio.file.Path;

/**
 * A shared AWS config or credentials file that was set explicitly does not exist. Carries the
 * parts of the message, so the provider can print the path escaped.
 */
public final class MissingFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String path;
  private final String setting;

  MissingFileException(String kind, Path path, String setting) {
    super("The shared AWS " + kind + " file does not exist (setting " + setting + ")", null, false,
        false);
    this.kind = kind;
    this.path = path.toString();
    this.setting = setting;
  }

  /** Returns {@code config} or {@code credentials}. */
  public String kind() {
    return kind;
  }

  /** Returns the path that was set, unescaped. */
  public String path() {
    return path;
  }

  /** Returns the setting that names the file. */
  public String setting() {
    return setting;
  }
}
