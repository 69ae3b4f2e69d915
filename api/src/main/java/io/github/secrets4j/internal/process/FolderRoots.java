package io.github.secrets4j.internal.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a session's private folder goes: the first of {@code $XDG_RUNTIME_DIR} (when it is an
 * absolute path to a directory owned by this process's user and writable), {@code /dev/shm} (when
 * it is a writable directory) and {@code java.io.tmpdir}. The first two are tmpfs on most Linux
 * systems, so the files never reach a disk.
 */
public final class FolderRoots {
  private final Path runtimeDir;
  private final Path sharedMemory;
  private final Path tmpdir;

  /**
   * Creates the candidates; {@link #system()} gives this process's.
   *
   * @param runtimeDir the {@code $XDG_RUNTIME_DIR} candidate, or {@code null} when it is not set
   * @param sharedMemory the {@code /dev/shm} candidate
   * @param tmpdir the last resort, used without checks
   */
  public FolderRoots(Path runtimeDir, Path sharedMemory, Path tmpdir) {
    this.runtimeDir = runtimeDir;
    this.sharedMemory = Objects.requireNonNull(sharedMemory, "sharedMemory");
    this.tmpdir = Objects.requireNonNull(tmpdir, "tmpdir");
  }

  /**
   * Returns this process's candidates: {@code $XDG_RUNTIME_DIR}, {@code /dev/shm} and the
   * {@code java.io.tmpdir} system property.
   *
   * @return the candidates, read now
   */
  public static FolderRoots system() {
    return new FolderRoots(pathOf(System.getenv("XDG_RUNTIME_DIR")).orElse(null),
        Path.of("/dev/shm"), Path.of(System.getProperty("java.io.tmpdir")));
  }

  private static Optional<Path> pathOf(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(text));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /**
   * Returns the folder to create the private folder in, checking the candidates now.
   *
   * @return the first candidate that qualifies; the temporary folder when none does
   */
  public Path choose() {
    if (runtimeDir != null && runtimeDir.isAbsolute() && Files.isDirectory(runtimeDir)
        && ownedByThisUser(runtimeDir) && Files.isWritable(runtimeDir)) {
      return runtimeDir;
    }
    if (Files.isDirectory(sharedMemory) && Files.isWritable(sharedMemory)) {
      return sharedMemory;
    }
    return tmpdir;
  }

  /**
   * Whether {@code dir} belongs to the user this process runs as: its uid against the uid of
   * {@code /proc/self} (Linux), else its owner's name against {@code user.name}.
   */
  static boolean ownedByThisUser(Path dir) {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return uid.equals(Files.getAttribute(dir, "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      try {
        return Files.getOwner(dir).getName().equals(System.getProperty("user.name"));
      } catch (IOException | UnsupportedOperationException e2) {
        return false;
      }
    }
  }

  /** Names the candidates (paths only). */
  @Override
  public String toString() {
    return "FolderRoots{runtimeDir=" + runtimeDir + ", sharedMemory=" + sharedMemory
        + ", tmpdir=" + tmpdir + "}";
  }
}
