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
 * use it. A path is inside only when that is proven: any failure to resolve it (a loop, a
 * resolution longer than PATH_MAX, a component that cannot be read) and any link that lives in
 * procfs ({@code /proc/self/fd/N}, {@code /dev/fd/N}, {@code /proc/self/root}: magic links the
 * kernel follows to an object, not to the text they show) refuse it; see {@link RealPath}. Equal
 * when parameter and directories (as written) are.
 */
public record Under(String parameter, List<String> values, List<Path> directories) implements Constraint {
  /** Checks and resolves the directories. */
  Under(String parameter, List<String> values) {
    this(parameter, values, directories(values));
  }

  /** Each directory normalized, and its real path too when it exists. */
  private static List<Path> directories(List<String> values) {
    List<Path> directories = new ArrayList<>();
    for (String value : values) {
      Optional<String> problem = malformed("directory", value);
      if (problem.isPresent()) {
        throw new IllegalArgumentException("\"" + Text.escape(value) + "\" is not an absolute "
            + "directory");
      }
      Path dir = Path.of(value).normalize();
      directories.add(dir);
      try {
        directories.add(dir.toRealPath());
      } catch (IOException e) {
        // Does not exist (yet): its lexical form is all there is to compare with.
      }
    }
    return List.copyOf(directories);
  }

  /** Returns why {@code value} is not a path that can be confined at all. */
  static Optional<String> malformed(String parameter, String value) {
    String problem;
    try {
      Path path = Path.of(value);
      problem = !path.isAbsolute() ? "must be an absolute path"
          : hasDotDotSegment(value) ? "must not contain \"..\"" : null;
    } catch (InvalidPathException e) {
      problem = "is not a valid path";
    }
    return problem == null ? Optional.empty() : Optional.of("The \"" + parameter + "\" parameter "
        + problem + ": \"" + Text.escape(value) + "\"");
  }

  /** Whether a segment between separators ({@code /} and the platform's) is {@code ..}. */
  private static boolean hasDotDotSegment(String path) {
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
  public String operator() {
    return "under";
  }

  @Override
  public boolean test(String value) {
    return locate(value).inside();
  }

  /**
   * Finds where {@code value} really leads and whether that is inside. Never throws: a path that
   * is invalid, relative or has a {@code ..} segment, or whose real path cannot be proven, is
   * not inside.
   *
   * @param value the rendered parameter
   * @return where it leads, with {@code inside} false when it is not proven inside
   */
  public Location locate(String value) {
    Path path;
    try {
      path = Path.of(value);
    } catch (InvalidPathException e) {
      return Location.REFUSED;
    }
    if (!path.isAbsolute() || hasDotDotSegment(value)) {
      return Location.REFUSED;
    }
    Path normalized = path.normalize();
    if (!inside(normalized)) {
      return Location.REFUSED;
    }
    Path real = RealPath.of(normalized);
    return real != null && inside(real) ? new Location(real, true) : Location.REFUSED;
  }

  /**
   * Where a path leads.
   *
   * @param path the real path (symbolic links resolved; where nothing exists yet, the real path
   *     of the deepest existing directory followed by the missing names), or {@code null} when
   *     refused
   * @param inside whether it lies inside one of the directories
   */
  public record Location(Path path, boolean inside) {
    static final Location REFUSED = new Location(null, false);
  }

  private boolean inside(Path path) {
    return directories.stream().anyMatch(dir -> path.startsWith(dir) && !path.equals(dir));
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
}
