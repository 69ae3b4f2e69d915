package io.github.secrets4j.internal.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
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
   * A file a session wrote: its path, file key, modification time and size, so that it is
   * removed only while it is still that file (a file made there since, even one that got the
   * same inode number, is left alone; so is the file if it was rewritten since).
   *
   * @param path where it was written
   * @param fileKey the file's key (device and inode on Linux), or {@code null} where there is none
   * @param modified its modification time when written
   * @param size its size when written
   */
  public record Written(Path path, Object fileKey, FileTime modified, long size) {
    /** Whether {@code attributes} are those of this file (an inode number alone may be reused). */
    boolean same(BasicFileAttributes attributes) {
      return attributes.isRegularFile() && Objects.equals(fileKey, attributes.fileKey())
          && modified.equals(attributes.lastModifiedTime()) && size == attributes.size();
    }
  }

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
    BasicFileAttributes attributes =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return new Written(file, attributes.fileKey(), attributes.lastModifiedTime(),
        attributes.size());
  }

  /**
   * Checks that {@code target} can be written: its folder exists and nothing is there (a file,
   * a link or anything else there is refused: a file secrets4j did not write is never
   * overwritten, nor a link followed).
   *
   * @param target an absolute path
   * @throws IOException naming what is wrong
   */
  public static void checkAbsent(Path target) throws IOException {
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
    throw new FileAlreadyExistsException(target.toString(), null,
        (attributes.isSymbolicLink() ? "a symbolic link" : attributes.isRegularFile() ? "a file"
            : "something other than a file") + " is already there; it is never overwritten "
            + "(nor a link followed): remove it first");
  }

  /**
   * Writes {@code bytes} to {@code target}, which must not exist: a new 0400 file in the same
   * folder, complete, then linked at {@code target} ({@code link(2)} fails if anything is there,
   * so a file that appeared meanwhile is not overwritten either) and the temporary name removed.
   * Where the file system has no hard links, a move that does not replace.
   *
   * @param target an absolute path whose folder exists
   * @param bytes the content, written exactly
   * @return the file written
   * @throws IOException if it cannot be written or something is there; nothing is left behind
   */
  public static Written writeNewAt(Path target, byte[] bytes) throws IOException {
    checkAbsent(target);
    Path temporary = target.resolveSibling(
        ".secrets4j-" + HexFormat.of().formatHex(randomBytes()) + ".tmp");
    Written written = writeNew(temporary, bytes);
    try {
      try {
        Files.createLink(target, temporary);
        Files.delete(temporary);
      } catch (UnsupportedOperationException | FileSystemException e) {
        if (e instanceof FileAlreadyExistsException) {
          throw e;
        }
        Files.move(temporary, target);
      }
    } catch (FileAlreadyExistsException e) {
      deleteQuietly(temporary, e);
      checkAbsent(target);
      throw e;
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temporary, e);
      throw e;
    }
    return new Written(target, written.fileKey(), written.modified(), written.size());
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
    if (written.same(attributes)) {
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
