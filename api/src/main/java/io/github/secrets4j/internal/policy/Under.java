package io.github.secrets4j.internal.policy;

import io.github.secrets4j.internal.Text;
import java.io.File;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parameter must be an absolute path without a {@code ..} segment whose real path (symbolic
 * links resolved) lies inside one of the directories. The one place that decides whether a path
 * is confined: the policy's {@code under} rule and the text-file provider's allowed roots both
 * use it. Equal when parameter and directories (as written) are.
 */
public final class Under implements Constraint {
  private final String parameter;
  private final List<String> values;
  /** Each directory normalized, and its real path when it exists. */
  private final List<Path> directories;

  /**
   * @throws IllegalArgumentException if a directory is not an absolute path
   */
  public Under(String parameter, List<String> directories) {
    this.parameter = parameter;
    this.values = Constraint.checked(parameter, directories);
    List<Path> dirs = new ArrayList<>();
    for (String value : values) {
      Path dir;
      try {
        dir = Path.of(value);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("\"" + Text.escape(value) + "\" is not a valid path");
      }
      if (!dir.isAbsolute()) {
        throw new IllegalArgumentException(
            "\"" + Text.escape(value) + "\" is not an absolute directory");
      }
      dir = dir.normalize();
      dirs.add(dir);
      try {
        dirs.add(dir.toRealPath());
      } catch (IOException e) {
        // Does not exist (yet): its lexical form is all there is to compare with.
      }
    }
    this.directories = List.copyOf(dirs);
  }

  /**
   * Returns why {@code value} is not a path that can be confined at all: invalid, relative, or
   * with a {@code ..} segment.
   *
   * @param parameter the parameter's name, for the message
   */
  public static Optional<String> malformed(String parameter, String value) {
    String prefix = "The \"" + parameter + "\" parameter ";
    Path path;
    try {
      path = Path.of(value);
    } catch (InvalidPathException e) {
      return Optional.of(prefix + "is not a valid path: \"" + Text.escape(value) + "\"");
    }
    if (!path.isAbsolute()) {
      return Optional.of(prefix + "must be an absolute path: \"" + Text.escape(value) + "\"");
    }
    if (hasDotDotSegment(value)) {
      return Optional.of(prefix + "must not contain \"..\": \"" + Text.escape(value) + "\"");
    }
    return Optional.empty();
  }

  /** Whether a segment between separators ({@code /} and the platform's) is {@code ..}. */
  public static boolean hasDotDotSegment(String path) {
    int start = 0;
    for (int i = 0; i <= path.length(); i++) {
      if (i == path.length() || path.charAt(i) == '/' || path.charAt(i) == File.separatorChar) {
        if (i - start == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.') {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  @Override
  public Optional<String> malformed(String value) {
    return malformed(parameter, value);
  }

  @Override
  public String parameter() {
    return parameter;
  }

  @Override
  public List<String> values() {
    return values;
  }

  @Override
  public String operator() {
    return "under";
  }

  @Override
  public boolean test(String value) {
    if (malformed(parameter, value).isPresent()) {
      return false;
    }
    Path normalized = Path.of(value).normalize();
    if (!inside(normalized)) {
      return false;
    }
    try {
      return inside(normalized.toRealPath());
    } catch (IOException e) {
      // Nothing there (the provider will say "not found"): the lexical check is what applies.
      return true;
    }
  }

  private boolean inside(Path path) {
    for (Path dir : directories) {
      if (path.startsWith(dir) && !path.equals(dir)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String failure() {
    return "is not an absolute path inside " + values;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Under that && that.parameter.equals(parameter)
        && that.values.equals(values);
  }

  @Override
  public int hashCode() {
    return 31 * parameter.hashCode() + values.hashCode();
  }

  @Override
  public String toString() {
    return text();
  }
}
