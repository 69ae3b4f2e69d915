package io.github.secrets4j.encryptedfile.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Replaces a file atomically: a temporary file in the same folder (mode 0600), written and
 * fsynced, renamed over the target with {@code ATOMIC_MOVE}, then the folder fsynced so the
 * rename itself survives a power cut. A reader sees the old file or the new one, never a part.
 */
final class AtomicFiles {
  /** Opens the temporary file for writing; tests pass one whose writes fail (a full disk). */
  interface ChannelOpener {
    FileChannel open(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
        throws IOException;
  }

  static final String TEMP_SUFFIX = ".tmp";
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final ChannelOpener opener;

  AtomicFiles(ChannelOpener opener) {
    this.opener = opener;
  }

  static AtomicFiles standard() {
    return new AtomicFiles(FileChannel::open);
  }

  static FileAttribute<?>[] ownerOnly() {
    return POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }

  static FileAttribute<?>[] ownerOnlyFolder() {
    return POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
        : new FileAttribute<?>[0];
  }

  /** Prefix of the temporary files for {@code target}: hidden, and named after the target. */
  static String tempPrefix(Path target) {
    return "." + target.getFileName() + ".";
  }

  /**
   * Writes {@code content} to {@code target} atomically, mode 0600. On failure the target is
   * untouched and the temporary file is removed.
   *
   * @return the stamp of the file written, taken before the rename (which keeps the size, the
   *     modification time and the inode): the stamp {@code target} has while nobody replaced it
   *     since, so a stamp taken of {@code target} after the rename, which might already be another
   *     writer's file, is never mistaken for this content's
   */
  FileStamp replace(Path target, byte[] content) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    Path temp = folder.resolve(tempPrefix(target) + UUID.randomUUID() + TEMP_SUFFIX);
    boolean moved = false;
    try {
      try (FileChannel out = opener.open(temp,
          EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly())) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      FileStamp stamp = FileStamp.of(temp).orElseThrow(() -> new NoSuchFileException(temp.toString()));
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system cannot rename atomically", e);
      }
      moved = true;
      syncFolder(folder);
      return stamp;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * Creates {@code target} with {@code content}, mode 0600, only if it does not exist, and never
   * replaces it: a temporary file written and fsynced, then hard-linked as {@code target} (a link
   * fails when the target exists; an {@code ATOMIC_MOVE} would rename over it on Linux), the
   * temporary file removed and the folder fsynced. Where the file system has no hard links, a
   * move without {@code REPLACE_EXISTING} is used instead. A reader sees no file or the whole one.
   *
   * @return the stamp of the file created, or empty when {@code target} already existed (it is
   *     then untouched)
   */
  Optional<FileStamp> createNew(Path target, byte[] content) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    for (int attempt = 0; ; attempt++) {
      Path temp = folder.resolve(tempPrefix(target) + UUID.randomUUID() + TEMP_SUFFIX);
      try {
        try (FileChannel out = opener.open(temp,
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly())) {
          ByteBuffer buffer = ByteBuffer.wrap(content);
          while (buffer.hasRemaining()) {
            out.write(buffer);
          }
          out.force(true);
        }
        FileStamp stamp = FileStamp.of(temp).orElseThrow(() -> new NoSuchFileException(temp.toString()));
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          return Optional.empty();
        }
        try {
          Files.createLink(target, temp);
        } catch (UnsupportedOperationException e) {
          Files.move(temp, target);
        }
        syncFolder(folder);
        return Optional.of(stamp);
      } catch (FileAlreadyExistsException e) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          return Optional.empty();
        }
        throw e; // the temporary file's name was taken: cannot happen with a fresh UUID
      } catch (NoSuchFileException e) {
        // Another store's writer sharing this folder removed our temporary file as a leftover.
        if (attempt >= 10 || Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
          }
          throw e;
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Fsyncs a folder (its entries); a no-op where the platform cannot open a folder (Windows). */
  static void syncFolder(Path folder) throws IOException {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      if (POSIX) {
        throw e;
      }
    }
  }

  /**
   * Removes the temporary files a killed writer left next to {@code target} (none when its folder
   * does not exist). Call only while holding the store's lock: no live writer has a temporary file
   * then.
   */
  static void removeLeftovers(Path target) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    String prefix = tempPrefix(target);
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder,
        p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(TEMP_SUFFIX))) {
      for (Path p : files) {
        Files.deleteIfExists(p);
      }
    }
  }

  static boolean posix() {
    return POSIX;
  }
}
