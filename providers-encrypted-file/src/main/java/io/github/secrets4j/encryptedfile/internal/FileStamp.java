package io.github.secrets4j.encryptedfile.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@code stat} tells about a file: size, modification time and file key (device and
 * inode on Unix). An atomic rename gives the path a new inode, so a replaced file is seen even
 * when the size and the time (coarse on some file systems) did not change.
 */
final class FileStamp {
  private final long size;
  private final FileTime modified;
  private final Object fileKey;

  private FileStamp(BasicFileAttributes attributes) {
    this.size = attributes.size();
    this.modified = attributes.lastModifiedTime();
    this.fileKey = attributes.fileKey();
  }

  /** The stamp of {@code path}, or empty when there is no such file. */
  static Optional<FileStamp> of(Path path) throws IOException {
    try {
      return Optional.of(new FileStamp(Files.readAttributes(path, BasicFileAttributes.class)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileStamp s && s.size == size && s.modified.equals(modified)
        && Objects.equals(s.fileKey, fileKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(size, modified, fileKey);
  }

  @Override
  public String toString() {
    return "FileStamp[" + size + " bytes, " + modified + ", " + fileKey + "]";
  }
}
