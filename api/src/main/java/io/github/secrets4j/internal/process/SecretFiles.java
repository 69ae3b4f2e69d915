package io.github.secrets4j.internal.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/**
 * Writes and removes the files of a process session. Every file is created with mode 0400 by
 * the call that creates it ({@code open(2)} with {@code O_CREAT|O_EXCL} and that mode), so it is
 * never readable by anyone else, not even for an instant; the private folder is created 0700.
 * Nothing here ever follows a symbolic link at a path it writes or removes.
 */
public final class SecretFiles {
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("r--------");
  private static final Set<PosixFilePermission> FOLDER_MODE =
      PosixFilePermissions.fromString("rwx------");
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretFiles() {}

  /**
   * A file a session wrote: its path and its file key, so that it is removed only while it is
   * still that file.
   *
   * @param path where it was written
   * @param fileKey the file's key (device and inode on Linux), or {@code null} where there is none
   */
  public record Written(Path path, Object fileKey) {}

  /**
   * Returns whether the default file system can set POSIX permissions.
   *
   * @return whether files can be written at all
   */
  public static boolean supported() {
    return Path.of("").getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Creates a new folder 0700 with a random name in {@code root}.
   *
   * @param root the folder to create it in
   * @return the new folder
   * @throws IOException if it cannot be created
   */
  public static Path createFolder(Path root) throws IOException {
    Path folder = Files.createTempDirectory(root, "secrets4j-",
        PosixFilePermissions.asFileAttribute(FOLDER_MODE));
    // mkdir(2) applies the umask, which can only take bits away: set the mode exactly.
    setMode(folder, FOLDER_MODE);
    return folder;
  }

  /**
   * Creates {@code file}, which must not exist (not even as a link), with mode 0400 and
   * {@code bytes} as its content.
   *
   * @param file the file to create
   * @param bytes its content, written exactly
   * @return the file written
   * @throws IOException if it exists or cannot be written; a file created is removed again
   */
  public static Written writeNew(Path file, byte[] bytes) throws IOException {
    FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(FILE_MODE);
    boolean created = false;
    try (SeekableByteChannel channel = Files.newByteChannel(file,
        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), mode)) {
      created = true;
      // open(2) applies the umask, which can only take bits away: set the mode exactly.
      setMode(file, FILE_MODE);
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } catch (IOException | RuntimeException e) {
      if (created) {
        deleteQuietly(file, e);
      }
      throw e;
    }
    return new Written(file,
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey());
  }

  /**
   * Checks that {@code target} can be replaced: its folder exists, and nothing is there or a
   * regular file (never a symbolic link, which is refused rather than followed or replaced).
   *
   * @param target an absolute path
   * @throws IOException naming what is wrong
   */
  public static void checkReplaceable(Path target) throws IOException {
    Path folder = target.getParent();
    if (!Files.isDirectory(folder)) {
      throw new NoSuchFileException(folder.toString(), null, "the folder does not exist");
    }
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(target, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    if (attributes.isSymbolicLink()) {
      throw new FileSystemException(target.toString(), null,
          "a symbolic link is there; it is not followed");
    }
    if (!attributes.isRegularFile()) {
      throw new FileSystemException(target.toString(), null, "something other than a file is there");
    }
  }

  /**
   * Writes {@code bytes} to {@code target} atomically: a new 0400 file in the same folder, then
   * renamed over {@code target} (which replaces a regular file there, and never follows a link).
   *
   * @param target an absolute path whose folder exists
   * @param bytes the content, written exactly
   * @return the file written
   * @throws IOException if it cannot be written; nothing is left behind then
   */
  public static Written writeReplacing(Path target, byte[] bytes) throws IOException {
    checkReplaceable(target);
    Path temporary = target.resolveSibling(
        ".secrets4j-" + HexFormat.of().formatHex(randomBytes()) + ".tmp");
    Written written = writeNew(temporary, bytes);
    try {
      checkReplaceable(target);
      // rename(2): replaces the path itself, a link there included, never what a link points to.
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temporary, e);
      throw e;
    }
    return new Written(target, written.fileKey());
  }

  /** Sets the mode of {@code file} itself, never of what a link there points to. */
  private static void setMode(Path file, Set<PosixFilePermission> mode) throws IOException {
    Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setPermissions(mode);
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /**
   * Removes {@code written} if the file at its path is still the one written (same file key),
   * never following a link.
   *
   * @param written a file a session wrote
   * @throws IOException if it is there but cannot be removed
   */
  public static void remove(Written written) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(written.path(), BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    boolean same = written.fileKey() != null
        ? written.fileKey().equals(attributes.fileKey()) : attributes.isRegularFile();
    if (same) {
      Files.deleteIfExists(written.path());
    }
  }

  /**
   * Removes {@code folder} and whatever is in it (a child may have added files), never following
   * a link.
   *
   * @param folder a private folder
   * @throws IOException if something in it cannot be removed
   */
  public static void removeFolder(Path folder) throws IOException {
    try {
      removeTree(folder);
    } catch (DirectoryNotEmptyException raced) {
      // Something was added while we walked (a child still running): one more pass.
      removeTree(folder);
    }
  }

  private static void removeTree(Path folder) throws IOException {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(folder, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void deleteQuietly(Path file, Throwable failure) {
    Objects.requireNonNull(failure, "failure");
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
