package io.github.secrets4j.encryptedfile.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Where the store's key comes from: a key file (created on first use, refused when group or others
 * may access it, as ssh refuses such a private key) or an inline key (a setting, typically from an
 * environment variable). A key file is re-read only when its stamp changed (another process rotated
 * the key).
 */
final class KeySource {
  static final String KEY_FILE_SETTING = "secrets4j.encrypted-file.key-file";
  static final String KEY_SETTING = "secrets4j.encrypted-file.key";
  private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private final Optional<Path> file;
  private final Optional<StoreKey> inline;
  private final AtomicFiles files;
  private FileStamp stamp;
  private StoreKey cached;

  private KeySource(Optional<Path> file, Optional<StoreKey> inline, AtomicFiles files) {
    this.file = file;
    this.inline = inline;
    this.files = files;
  }

  static KeySource file(Path file, AtomicFiles files) {
    return new KeySource(Optional.of(file), Optional.empty(), files);
  }

  static KeySource inline(String key) {
    try {
      return new KeySource(Optional.empty(), Optional.of(StoreKey.parse(key)), AtomicFiles.standard());
    } catch (IllegalStateException e) {
      throw new StoreFailure("the key in setting " + KEY_SETTING + " is not usable: " + e.getMessage());
    }
  }

  /** How messages name the key: the file and its setting, or the setting. */
  String describe() {
    return file.map(f -> "the key file \"" + f + "\" (setting " + KEY_FILE_SETTING + ")")
        .orElse("the key in setting " + KEY_SETTING);
  }

  boolean isFile() {
    return file.isPresent();
  }

  /** The key, or empty when the key file does not exist (yet). */
  synchronized Optional<StoreKey> load() {
    if (inline.isPresent()) {
      return inline;
    }
    Path path = file.get();
    try {
      Optional<FileStamp> now = FileStamp.of(path);
      if (now.isEmpty()) {
        stamp = null;
        cached = null;
        return Optional.empty();
      }
      if (now.get().equals(stamp)) {
        return Optional.of(cached);
      }
      checkMode(path);
      String text = Files.readString(path, StandardCharsets.UTF_8);
      StoreKey key;
      try {
        key = StoreKey.parse(text);
      } catch (IllegalStateException e) {
        throw new StoreFailure(describe() + " is not usable: " + e.getMessage());
      }
      stamp = now.get();
      cached = key;
      return Optional.of(key);
    } catch (IOException e) {
      throw new StoreFailure(describe() + " cannot be read: " + e, e);
    }
  }

  private void checkMode(Path path) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (view == null) {
      return; // not a POSIX file system: the folder's ACLs protect the file
    }
    Set<PosixFilePermission> mode = view.readAttributes().permissions();
    if (mode.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
      throw new StoreFailure(describe() + " may be accessed by group or others (mode "
          + PosixFilePermissions.toString(mode) + "); like ssh with a private key, it is refused."
          + " Restrict it: chmod 600 " + path);
    }
    OptionalInt self = processUid();
    if (self.isPresent()) {
      int owner = (Integer) Files.getAttribute(path, "unix:uid");
      if (owner != self.getAsInt() && owner != 0) {
        throw new StoreFailure(describe() + " is owned by uid " + owner + ", neither this process's"
            + " user (uid " + self.getAsInt() + ") nor root; like ssh with a private key, it is"
            + " refused. Give it to the user that runs the application: chown that user " + path);
      }
    }
  }

  /**
   * The effective uid of this process: the owner of {@code /proc/self} on Linux; empty elsewhere
   * (then only the mode is checked).
   */
  static OptionalInt processUid() {
    try {
      return OptionalInt.of((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException
        | ClassCastException e) {
      return OptionalInt.empty();
    }
  }

  /** Writes a new key file (only when there is none): the store is being created. */
  synchronized StoreKey create() {
    Path path = file.orElseThrow();
    try {
      StoreKey key = StoreKey.generate();
      write(path, key);
      return key;
    } catch (GeneralSecurityException e) {
      throw new StoreFailure("cannot generate a key for " + describe());
    }
  }

  /** Replaces the key file atomically (key rotation). */
  synchronized void replace(StoreKey key) {
    try {
      write(file.orElseThrow(), key);
    } catch (GeneralSecurityException e) {
      throw new StoreFailure("cannot serialize the new key for " + describe());
    }
  }

  private void write(Path path, StoreKey key) throws GeneralSecurityException {
    try {
      Path folder = path.toAbsolutePath().getParent();
      if (!Files.isDirectory(folder)) {
        Files.createDirectories(folder, AtomicFiles.ownerOnlyFolder());
      }
      files.replace(path, key.serialize().getBytes(StandardCharsets.UTF_8));
      stamp = FileStamp.of(path).orElse(null);
      cached = key;
    } catch (IOException e) {
      throw new StoreFailure("cannot write " + describe() + ": " + e, e);
    }
  }

  /** A new key file at {@code path}; refuses to overwrite one. */
  static void createKeyFile(Path path) throws IOException {
    if (Files.exists(path)) {
      throw new java.nio.file.FileAlreadyExistsException(path.toString());
    }
    try {
      Path folder = path.toAbsolutePath().getParent();
      Files.createDirectories(folder, AtomicFiles.ownerOnlyFolder());
      AtomicFiles.standard().replace(path, StoreKey.generate().serialize().getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot generate a key", e);
    }
  }
}
