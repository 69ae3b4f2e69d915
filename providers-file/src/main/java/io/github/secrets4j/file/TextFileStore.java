package io.github.secrets4j.file;

import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretMetadata;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.StoredSecret;
import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.Restriction;
import io.github.secrets4j.spi.SecretWriter;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The write side of {@link TextFileProvider}: one file per key at {@code <root>/<key>} (mode
 * 0600) and its metadata in {@code <root>/.meta/<key>.json} (0600), like a Kubernetes secret
 * volume.
 *
 * <p>Every operation runs under a lock of this JVM (one per store root) and a {@link FileLock} on
 * {@code <root>/.lock}, so puts from threads and processes are serialised. Each file is replaced
 * atomically: a temporary file in the same folder, fsync, atomic rename, fsync of the folder.
 *
 * <p>Order of a put, and what a crash leaves:
 * <ol>
 *   <li>the value is written to a temporary file {@code <root>/.tmp-*} and fsynced; its identity
 *       (device and inode, which a rename keeps) is noted. A crash here leaves a temporary file
 *       (deleted when the store is next opened) and the old value and sidecar.
 *   <li>the sidecar is replaced by one holding the new version (with that identity) and the
 *       version before it (with the identity of the value file in place). A crash here leaves the
 *       old value with a sidecar whose new version names a file that is not in place: the entry
 *       reads as the old version, which is what is on disk.
 *   <li>the temporary file is renamed over {@code <root>/<key>}: from here the new version is in
 *       place and reads as such.
 * </ol>
 * The sidecar is written first so that a value is never in place without metadata; an entry
 * exists only while both files do. A value file whose identity matches neither version (copied,
 * restored from a backup, edited by hand) reads as the last version put. Removal deletes the
 * value first, then the sidecar: a crash in between leaves a sidecar alone, which is no entry and
 * is dropped by the next put or remove of the key.
 */
final class TextFileStore implements SecretWriter {
  /** Moves a finished temporary file into place; a seam for tests of a failed rename. */
  interface Mover {
    void move(Path from, Path to) throws IOException;
  }

  static final String META = ".meta";
  static final String LOCK = ".lock";
  static final String TEMP_PREFIX = ".tmp-";
  static final String SIDECAR_SUFFIX = ".json";
  /** A key's bytes, so that {@code <key>.json} fits the usual 255-byte file-name limit. */
  static final int MAX_KEY_BYTES = 250;

  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
  private static final Mover ATOMIC_MOVE = (from, to) -> Files.move(from, to,
      StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

  private final ProviderContext context;
  private final Path root;
  private final Path meta;
  private final Path lockFile;
  private final boolean posix;
  private final Mover mover;

  TextFileStore(ProviderContext context, Path realRoot, Mover mover) {
    this.context = context;
    this.root = realRoot;
    this.meta = realRoot.resolve(META);
    this.lockFile = realRoot.resolve(LOCK);
    this.posix = realRoot.getFileSystem().supportedFileAttributeViews().contains("posix");
    this.mover = mover;
  }

  /**
   * Opens the store under {@code root} (an absolute directory, created 0700 when missing) and
   * deletes the temporary files a crashed put may have left.
   *
   * @throws IOException if the folders cannot be made or read
   */
  static TextFileStore open(ProviderContext context, Path root) throws IOException {
    boolean posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (!Files.isDirectory(root)) {
      if (posix) {
        Files.createDirectories(root, ownerOnly("rwx------"));
      } else {
        Files.createDirectories(root);
      }
    }
    Path real = root.toRealPath();
    TextFileStore store = new TextFileStore(context, real, ATOMIC_MOVE);
    store.locked("", () -> {
      store.io("", "cannot prepare the store root", () -> {
        if (!Files.isDirectory(store.meta, LinkOption.NOFOLLOW_LINKS)) {
          if (store.posix) {
            Files.createDirectory(store.meta, ownerOnly("rwx------"));
          } else {
            Files.createDirectory(store.meta);
          }
        }
        deleteTemporaryFiles(real);
        deleteTemporaryFiles(store.meta);
        return null;
      });
      return null;
    });
    return store;
  }

  Path root() {
    return root;
  }

  // ---------------------------------------------------------------- keys

  /**
   * Returns {@code key} if it can name a file directly under the store root, else throws an
   * {@link IllegalArgumentException} naming the rule it breaks.
   */
  String requireFileKey(String key) {
    String shown = "Key \"" + context.escape(key) + "\" ";
    if (key.indexOf('/') >= 0 || (!"/".equals(File.separator) && key.contains(File.separator))) {
      throw new IllegalArgumentException(shown + "must not contain \"/\": the text-file store "
          + "keeps each key as one file directly under its store root");
    }
    if (key.startsWith(".")) {
      throw new IllegalArgumentException(shown + "must not start with \".\": \".\", \"..\" and "
          + "hidden files are not keys of the text-file store (it keeps its own files there)");
    }
    if (key.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(shown + "must not contain NUL");
    }
    int bytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_KEY_BYTES) {
      throw new IllegalArgumentException(shown + "is " + bytes + " bytes in UTF-8; the text-file "
          + "store allows at most " + MAX_KEY_BYTES + " (a file name and its sidecar's name)");
    }
    try {
      Path file = root.resolve(key);
      if (!root.equals(file.getParent()) || !key.equals(file.getFileName().toString())) {
        throw new IllegalArgumentException(shown + "is not a plain file name");
      }
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(shown + "is not a valid file name on this system");
    }
    return key;
  }

  private boolean isFileKey(String key) {
    try {
      requireFileKey(key);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Whether a path is one of the store's own files (the sidecars under {@code .meta}, the lock,
   * temporary files): anything under the store root whose first name starts with {@code .}. No
   * read returns them: a sidecar shows another principal's metadata, a temporary file a value
   * in flight.
   *
   * @param path an absolute, normalized path (real or as written)
   * @return whether it is the store's own
   */
  boolean isOwnFile(Path path) {
    if (!path.startsWith(root) || path.equals(root)) {
      return false;
    }
    return root.relativize(path).getName(0).toString().startsWith(".");
  }

  @Override
  public Map<String, String> parameters(String key) {
    return Map.of("path", root.resolve(requireFileKey(key)).toString());
  }

  /**
   * The key a path reads: a path directly under the store root, as written or with its links
   * resolved (so a link elsewhere to a stored file still counts as a read of that key).
   */
  @Override
  public Optional<String> key(Map<String, String> parameters) {
    String path = parameters.get("path");
    if (path == null || Restriction.malformedPath("path", path).isPresent()) {
      return Optional.empty();
    }
    Path normal = Path.of(path).normalize();
    Optional<String> direct = directKey(normal);
    if (direct.isPresent()) {
      return direct;
    }
    try {
      return directKey(normal.toRealPath());
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  private Optional<String> directKey(Path path) {
    if (!root.equals(path.getParent()) || path.getFileName() == null) {
      return Optional.empty();
    }
    String name = path.getFileName().toString();
    return isFileKey(name) ? Optional.of(name) : Optional.empty();
  }

  // ---------------------------------------------------------------- operations

  /**
   * Refuses a key that cannot name a file here and a value the provider would not read back as
   * put: one that starts or ends with whitespace ({@link Character#isWhitespace(int)}, a trailing
   * newline too), which a read strips, or one over {@link TextFileProvider#MAX_SIZE} bytes.
   */
  @Override
  public void check(String key, String value, SecretMetadata metadata) {
    requireFileKey(key);
    if (!value.isEmpty() && (Character.isWhitespace(value.codePointAt(0))
        || Character.isWhitespace(value.codePointBefore(value.length())))) {
      throw new IllegalArgumentException("The value of key \"" + context.escape(key) + "\" starts "
          + "or ends with whitespace (a trailing newline too), which the text-file provider strips "
          + "when it reads: a put must read back what was put, so strip the value first");
    }
    long bytes = utf8Length(value);
    if (bytes > TextFileProvider.MAX_SIZE) {
      throw new IllegalArgumentException("The value of key \"" + context.escape(key) + "\" is "
          + bytes + " bytes; the text-file provider reads at most " + TextFileProvider.MAX_SIZE);
    }
  }

  /** The length of {@code text} in UTF-8, without encoding it (a lone surrogate is one byte). */
  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  @Override
  public StoredSecret put(String key, String value, SecretMetadata metadata, String owner) {
    check(key, value, metadata);
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    try {
      return locked(key, () -> io(key, "cannot store the key", () -> {
        Current current = current(key);
        StoredSecret previous = current == null ? null : current.entry();
        if (owner != null && previous != null
            && !owner.equals(previous.owner().orElse(null))) {
          throw new SecretAccessDeniedError(key, TextFileProvider.SLUG, "Access denied: the "
              + "stored key is not owned by the principal putting it");
        }
        Instant now = context.timeSource().instant();
        StoredSecret next;
        if (previous == null) {
          next = StoredSecret.builder(key).created(now).updated(now).metadata(metadata)
              .owner(owner).build();
        } else {
          // A clock stepped back must not make updated precede created.
          Instant updated = now.isBefore(previous.created()) ? previous.created() : now;
          next = previous.toBuilder().version(previous.version() + 1).updated(updated)
              .metadata(metadata).build();
        }
        Path temp = writeTemporary(root, bytes);
        try {
          String file = identity(temp);
          writeSidecar(key, new Sidecar(next, file, previous,
              current == null ? null : current.file()));
          mover.move(temp, root.resolve(key));
          sync(root);
        } finally {
          Files.deleteIfExists(temp);
        }
        return next;
      }));
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  @Override
  public Optional<StoredSecret> describe(String key) {
    requireFileKey(key);
    return locked(key, () -> io(key, "cannot read the key's metadata", () -> {
      Current current = current(key);
      return current == null ? Optional.<StoredSecret>empty() : Optional.of(current.entry());
    }));
  }

  @Override
  public List<StoredSecret> list() {
    return locked("", () -> io("", "cannot list the store", () -> {
      List<StoredSecret> all = new ArrayList<>();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(meta)) {
        for (Path file : files) {
          String name = file.getFileName().toString();
          if (!name.endsWith(SIDECAR_SUFFIX)) {
            continue;
          }
          String key = name.substring(0, name.length() - SIDECAR_SUFFIX.length());
          if (!isFileKey(key)) {
            continue; // temporary files start with "." and are no key
          }
          Current current = current(key);
          if (current != null) {
            all.add(current.entry());
          }
        }
      }
      all.sort((a, b) -> a.key().compareTo(b.key()));
      return all;
    }));
  }

  @Override
  public boolean remove(String key, String owner) {
    requireFileKey(key);
    return locked(key, () -> io(key, "cannot remove the key", () -> {
      Current current = current(key);
      boolean stored = current != null;
      if (stored) {
        checkOwner(key, current.entry(), owner);
      }
      Path sidecar = sidecar(key);
      if (stored) {
        Files.deleteIfExists(root.resolve(key));
        sync(root);
      }
      if (Files.deleteIfExists(sidecar)) {
        sync(meta);
      }
      return stored;
    }));
  }

  @Override
  public Optional<StoredSecret> grant(String key, String principal, String owner) {
    return changeGrants(key, principal, true, owner);
  }

  @Override
  public Optional<StoredSecret> revoke(String key, String principal, String owner) {
    return changeGrants(key, principal, false, owner);
  }

  /** Refuses a principal's change of an entry it does not own (called under the lock). */
  private static void checkOwner(String key, StoredSecret entry, String owner) {
    if (owner != null && !owner.equals(entry.owner().orElse(null))) {
      throw new SecretAccessDeniedError(key, TextFileProvider.SLUG, "Access denied: the stored "
          + "key is not owned by the principal changing it");
    }
  }

  private Optional<StoredSecret> changeGrants(String key, String principal, boolean add,
      String owner) {
    requireFileKey(key);
    return locked(key, () -> io(key, "cannot change the key's grants", () -> {
      Current current = current(key);
      if (current == null) {
        return Optional.<StoredSecret>empty();
      }
      checkOwner(key, current.entry(), owner);
      Set<String> grants = new TreeSet<>(current.entry().grants());
      if (add) {
        grants.add(principal);
      } else {
        grants.remove(principal);
      }
      StoredSecret changed = current.entry().toBuilder().grants(grants).build();
      writeSidecar(key, new Sidecar(changed, current.file(), null, null));
      return Optional.of(changed);
    }));
  }

  // ---------------------------------------------------------------- files

  /** The version in place and the identity of its value file. */
  private record Current(StoredSecret entry, String file) {}

  /** Resolves what is on disk for {@code key}: an entry needs a value file and a sidecar. */
  private Current current(String key) throws IOException {
    BasicFileAttributes value;
    try {
      value = Files.readAttributes(root.resolve(key), BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
    if (!value.isRegularFile()) {
      return null;
    }
    byte[] json;
    try {
      json = Files.readAllBytes(sidecar(key));
    } catch (NoSuchFileException e) {
      return null;
    }
    Sidecar sidecar;
    try {
      sidecar = Sidecar.parse(key, json);
    } catch (IllegalArgumentException e) {
      throw new SecretProviderError(key, TextFileProvider.SLUG, "The sidecar of key \""
          + context.escape(key) + "\" in the text-file store is invalid: " + e.getMessage());
    }
    String file = value.fileKey() == null ? null : value.fileKey().toString();
    if (sidecar.previous() != null && file != null && file.equals(sidecar.previousFile())
        && !file.equals(sidecar.entryFile())) {
      // A put that wrote its sidecar but not its value: the previous version is in place.
      return new Current(sidecar.previous(), file);
    }
    return new Current(sidecar.entry(), file);
  }

  private Path sidecar(String key) {
    return meta.resolve(key + SIDECAR_SUFFIX);
  }

  private void writeSidecar(String key, Sidecar sidecar) throws IOException {
    Path temp = writeTemporary(meta, sidecar.toJson());
    try {
      ATOMIC_MOVE.move(temp, sidecar(key));
      sync(meta);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Writes {@code bytes} to a new 0600 temporary file in {@code dir}, fsynced. */
  private Path writeTemporary(Path dir, byte[] bytes) throws IOException {
    Path temp = posix ? Files.createTempFile(dir, TEMP_PREFIX, ".part", ownerOnly("rw-------"))
        : Files.createTempFile(dir, TEMP_PREFIX, ".part");
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return temp;
  }

  private static String identity(Path file) throws IOException {
    Object key = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        .fileKey();
    return key == null ? null : key.toString();
  }

  /** Makes a rename or a deletion in {@code dir} durable. */
  private static void sync(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (AccessDeniedException e) {
      // Some systems (Windows) cannot open a folder: the rename is as durable as they make it.
    }
  }

  private static void deleteTemporaryFiles(Path dir) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static FileAttribute<?> ownerOnly(String permissions) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
  }

  // ---------------------------------------------------------------- locks and errors

  private interface IoStep<T> {
    T run() throws IOException;
  }

  private <T> T io(String key, String what, IoStep<T> step) {
    try {
      return step.run();
    } catch (AccessDeniedException e) {
      throw new SecretProviderError(key, TextFileProvider.SLUG, "Text-file store \""
          + context.escape(root.toString()) + "\" " + what + ": permission denied");
    } catch (IOException e) {
      throw new SecretProviderError(key, TextFileProvider.SLUG, "Text-file store \""
          + context.escape(root.toString()) + "\" " + what + ": " + e.getClass().getSimpleName());
    }
  }

  /** Serialises with the other threads of this JVM, then with other processes. */
  private <T> T locked(String key, Supplier<T> body) {
    ReentrantLock lock = LOCKS.computeIfAbsent(root, r -> new ReentrantLock());
    lock.lock();
    try {
      OpenOption[] options = {StandardOpenOption.CREATE, StandardOpenOption.WRITE};
      try (FileChannel channel = posix
              ? FileChannel.open(lockFile, Set.of(options), ownerOnly("rw-------"))
              : FileChannel.open(lockFile, options);
          FileLock fileLock = channel.lock()) {
        return body.get();
      } catch (IOException e) {
        throw new SecretProviderError(key, TextFileProvider.SLUG, "Text-file store \""
            + context.escape(root.toString()) + "\" cannot take its lock file "
            + LOCK + ": " + e.getClass().getSimpleName());
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "TextFileStore{root=" + context.escape(root.toString()) + "}";
  }
}
