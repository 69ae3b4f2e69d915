package io.github.secrets4j.internal.process;

import io.github.secrets4j.internal.Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one open of a process session wrote and set (files, the private folder, variables on the
 * {@link ProcessBuilder}), so that a failure halfway or a close can take it all back. Used by one
 * thread while it is filled; {@link #undo(Throwable)} is called once.
 */
public final class Injection {
  private final ProcessBuilder pb;
  private final List<SecretFiles.Written> written = new ArrayList<>();
  /** The variables set, with the value set. */
  private final Map<String, String> setEnv = new LinkedHashMap<>();
  /** The variables set, with the value they had before (null: none). */
  private final Map<String, String> previousEnv = new HashMap<>();
  private volatile Path folder;

  /**
   * Starts recording the changes made to {@code pb} and the file system.
   *
   * @param pb the process builder whose environment is changed
   */
  public Injection(ProcessBuilder pb) {
    this.pb = pb;
  }

  /**
   * Returns the private folder, creating it (mode 0700) in the root {@code roots} chooses the
   * first time.
   *
   * @param roots the candidates for its parent
   * @return the folder
   * @throws UncheckedIOException if it cannot be created, naming the root
   */
  public Path folder(FolderRoots roots) {
    if (folder == null) {
      Path root = roots.choose();
      try {
        folder = SecretFiles.createFolder(root);
      } catch (IOException e) {
        throw failure("Cannot create the private folder in", root, null, e);
      }
    }
    return folder;
  }

  /**
   * Returns the private folder, if one was created.
   *
   * @return the folder, or empty
   */
  public Optional<Path> folder() {
    return Optional.ofNullable(folder);
  }

  /**
   * Records a file written, to be removed by {@link #undo(Throwable)}.
   *
   * @param file the file
   */
  public void written(SecretFiles.Written file) {
    written.add(file);
  }

  /**
   * Sets variable {@code name} on the process builder, remembering the value it had.
   *
   * @param name the variable
   * @param value its value
   */
  public void setEnv(String name, String value) {
    Map<String, String> environment = pb.environment();
    previousEnv.put(name, environment.get(name));
    setEnv.put(name, value);
    environment.put(name, value);
  }

  /**
   * Returns the variables set.
   *
   * @return their names, in the order set
   */
  public Set<String> envNames() {
    return Collections.unmodifiableSet(setEnv.keySet());
  }

  /**
   * Removes the files written (each only while it is still the file written) and the private
   * folder with what is in it, and gives each variable still holding the value set the value it
   * had before (or removes it). Tries everything, then throws the first failure with the others
   * suppressed, or, when {@code failure} is given, adds them to it.
   *
   * @param failure the failure that made an open give up, or {@code null} for a close
   * @throws UncheckedIOException if something cannot be removed and {@code failure} is null
   */
  public void undo(Throwable failure) {
    List<UncheckedIOException> problems = new ArrayList<>();
    for (SecretFiles.Written file : written) {
      try {
        SecretFiles.remove(file);
      } catch (IOException e) {
        problems.add(failure("Cannot remove", file.path(), null, e));
      }
    }
    Path created = folder;
    if (created != null) {
      try {
        SecretFiles.removeFolder(created);
      } catch (IOException e) {
        problems.add(failure("Cannot remove the private folder", created, null, e));
      }
    }
    if (!setEnv.isEmpty()) {
      Map<String, String> environment = pb.environment();
      setEnv.forEach((name, value) -> {
        if (value.equals(environment.get(name))) {
          String previous = previousEnv.get(name);
          if (previous == null) {
            environment.remove(name);
          } else {
            environment.put(name, previous);
          }
        }
      });
    }
    if (problems.isEmpty()) {
      return;
    }
    if (failure != null) {
      problems.forEach(failure::addSuppressed);
      return;
    }
    UncheckedIOException first = problems.get(0);
    problems.subList(1, problems.size()).forEach(first::addSuppressed);
    throw first;
  }

  /**
   * Returns an I/O failure as an unchecked one whose message names the path and the secret,
   * escaped, and why; its cause carries the same message (the original's holds the path raw).
   *
   * @param what what could not be done, e.g. {@code "Cannot write the file"}
   * @param path the path concerned
   * @param secretName the secret concerned, or {@code null}
   * @param e the failure
   * @return the exception to throw
   */
  public static UncheckedIOException failure(String what, Path path, String secretName,
      IOException e) {
    String reason = e instanceof FileSystemException && ((FileSystemException) e).getReason() != null
        ? ((FileSystemException) e).getReason() : e.getClass().getSimpleName();
    String message = what + " \"" + Text.escape(path.toString()) + "\""
        + (secretName == null ? "" : " of secret \"" + Text.escape(secretName) + "\"")
        + ": " + Text.escape(reason);
    IOException cause = new IOException(e.getClass().getName() + ": " + message);
    cause.setStackTrace(e.getStackTrace());
    return new UncheckedIOException(message, cause);
  }
}
