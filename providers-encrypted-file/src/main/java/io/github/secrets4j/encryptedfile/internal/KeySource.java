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

  /**
   * The key of a store being created: a new key file, written only when there is none (never
   * replacing one: another store sharing the key file, another process or
   * {@code createKeyFile} may have created it meanwhile, and then that key is loaded and returned).
   */
  synchronized StoreKey create() {
    Path path = file.orElseThrow();
    try {
      StoreKey key = StoreKey.generate();
      createFolder(path);
      removeLeftovers();
      Optional<FileStamp> created = files.createNew(path, key.serialize().getBytes(StandardCharsets.UTF_8));
      if (created.isEmpty()) {
        return load().orElseThrow(() -> new StoreFailure(describe() + " vanished while it was created"));
      }
      stamp = created.get();
      cached = key;
      return key;
    } catch (GeneralSecurityException e) {
      throw new StoreFailure("cannot generate a key for " + describe());
    } catch (IOException e) {
      throw new StoreFailure("cannot write " + describe() + ": " + e, e);
    }
  }

  /**
   * Removes the temporary copies of the key file a killed writer left (during the first put or a
   * rotation): each holds a whole keyset. Call only while holding the store's lock.
   */
  void removeLeftovers() {
    if (file.isEmpty()) {
      return;
    }
    try {
      AtomicFiles.removeLeftovers(file.get());
    } catch (IOException e) {
      throw new StoreFailure("cannot remove the temporary copies of " + describe() + ": " + e, e);
    }
  }

  /** The key file's stamp now, empty when it does not exist or the key is inline. */
  Optional<FileStamp> fileStamp() {
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      return FileStamp.of(file.get());
    } catch (IOException e) {
      throw new StoreFailure("cannot stat " + describe() + ": " + e, e);
    }
  }

  private static void createFolder(Path path) throws IOException {
    Path folder = path.toAbsolutePath().getParent();
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder, AtomicFiles.ownerOnlyFolder());
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
      createFolder(path);
      removeLeftovers();
      stamp = files.replace(path, key.serialize().getBytes(StandardCharsets.UTF_8));
      cached = key;
    } catch (IOException e) {
      throw new StoreFailure("cannot write " + describe() + ": " + e, e);
    }
  }

  /**
   * A new key file at {@code path}; never replaces one, also when another thread or process
   * creates it at the same time (then exactly one of them succeeds).
   */
  static void createKeyFile(Path path) throws IOException {
    if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new java.nio.file.FileAlreadyExistsException(path.toString());
    }
    try {
      createFolder(path);
      if (AtomicFiles.standard().createNew(path,
          StoreKey.generate().serialize().getBytes(StandardCharsets.UTF_8)).isEmpty()) {
        throw new java.nio.file.FileAlreadyExistsException(path.toString());
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot generate a key", e);
    }
  }
}
