package io.github.secrets4j.encryptedfile.internal;

import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretProviderError;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The storage engine of the encrypted-file store: one JSON file, values encrypted with Tink AEAD,
 * the whole file sealed with a Tink MAC, writes atomic and serialised across processes by a lock
 * file. Thread-safe. See the package documentation of {@code io.github.secrets4j.encryptedfile}
 * for the format and what is detected.
 *
 * <p>Every failure is a {@link SecretProviderError} naming the secret (the key, or the store
 * file's name for whole-store operations), the file and the setting at fault; never a value or
 * key material. API misuse (a bad key name, a null) is an {@link IllegalArgumentException} or a
 * {@link NullPointerException}.
 */
public final class EncryptedFileEngine {
  /** The provider slug errors name. */
  public static final String SLUG = "encrypted-file";
  static final String PATH_SETTING = "secrets4j.encrypted-file.path";
  static final int MAX_KEY_LENGTH = 512;
  /** One lock per lock file in this JVM: FileLock is held by the process, not the thread. */
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Path store;
  private final Path lockFile;
  private final KeySource keys;
  private final int maxVersions;
  private final InstantSource clock;
  private final AtomicFiles files;
  private final ReentrantLock jvmLock;
  /** The last file read: its stamp and its verified content. Replaced as a whole. */
  private volatile Snapshot snapshot;
  /** The highest generation this engine has verified: a lower one later is a rollback. */
  private long highestGeneration;

  private static final class Snapshot {
    final FileStamp stamp;
    final StoreState state;
    final StoreKey key;

    Snapshot(FileStamp stamp, StoreState state, StoreKey key) {
      this.stamp = stamp;
      this.state = state;
      this.key = key;
    }
  }

  EncryptedFileEngine(Path store, KeySource keys, int maxVersions, InstantSource clock, AtomicFiles files) {
    this.store = store.toAbsolutePath().normalize();
    this.lockFile = this.store.resolveSibling(this.store.getFileName() + ".lock");
    this.keys = keys;
    this.maxVersions = maxVersions;
    this.clock = clock;
    this.files = files;
    this.jvmLock = JVM_LOCKS.computeIfAbsent(lockFile, p -> new ReentrantLock());
  }

  /**
   * An engine whose key is a key file, created with the store on the first put.
   *
   * @param store the store file
   * @param keyFile the key file
   * @param maxVersions how many versions of each key are kept, at least 1
   * @return the engine; nothing is read or written yet
   */
  public static EncryptedFileEngine withKeyFile(Path store, Path keyFile, int maxVersions) {
    return withKeyFile(store, keyFile, maxVersions, InstantSource.system());
  }

  /**
   * An engine whose key is a key file, its puts timed by {@code clock}.
   *
   * @param store the store file
   * @param keyFile the key file
   * @param maxVersions how many versions of each key are kept, at least 1
   * @param clock what the time of a put is read from
   * @return the engine; nothing is read or written yet
   */
  public static EncryptedFileEngine withKeyFile(Path store, Path keyFile, int maxVersions, InstantSource clock) {
    return new EncryptedFileEngine(store, KeySource.file(keyFile.toAbsolutePath().normalize(),
        AtomicFiles.standard()), checkVersions(maxVersions), Objects.requireNonNull(clock, "clock"),
        AtomicFiles.standard());
  }

  /**
   * An engine whose key is given inline (the content of a key file, or its base64).
   *
   * @param store the store file
   * @param key the key; never printed
   * @param maxVersions how many versions of each key are kept, at least 1
   * @return the engine
   * @throws SecretProviderError when the key is not a secrets4j key
   */
  public static EncryptedFileEngine withInlineKey(Path store, String key, int maxVersions) {
    return withInlineKey(store, key, maxVersions, InstantSource.system());
  }

  /**
   * An engine whose key is given inline, its puts timed by {@code clock}.
   *
   * @param store the store file
   * @param key the key; never printed
   * @param maxVersions how many versions of each key are kept, at least 1
   * @param clock what the time of a put is read from
   * @return the engine
   * @throws SecretProviderError when the key is not a secrets4j key
   */
  public static EncryptedFileEngine withInlineKey(Path store, String key, int maxVersions, InstantSource clock) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(clock, "clock");
    return boundary(store.getFileName().toString(), () -> new EncryptedFileEngine(store,
        KeySource.inline(key), checkVersions(maxVersions), clock, AtomicFiles.standard()));
  }

  /**
   * Creates a new key file, mode 0600 (its folder 0700 when created).
   *
   * @param keyFile where to write it; must not exist
   * @throws IOException when it exists or cannot be written
   */
  public static void createKeyFile(Path keyFile) throws IOException {
    KeySource.createKeyFile(keyFile);
  }

  private static int checkVersions(int maxVersions) {
    if (maxVersions < 1) {
      throw new IllegalArgumentException("max-versions must be at least 1, not " + maxVersions);
    }
    return maxVersions;
  }

  /** Refuses a principal's change of an entry it does not own (called under the lock). */
  private static void checkOwner(Entry entry, Optional<String> owner) {
    if (owner.isPresent() && !entry.owner.equals(owner)) {
      throw new SecretAccessDeniedError(entry.key, SLUG,
          "Access denied: the stored key is not owned by the principal changing it");
    }
  }

  /**
   * Creates or replaces {@code key}: a new version, the oldest beyond max-versions dropped.
   *
   * @param key the key
   * @param value the value; never printed, stored only encrypted
   * @param metadata the metadata, replacing the previous version's
   * @param owner the principal putting it: recorded as the owner of a new key; over an existing
   *     key it must be that key's owner. Empty (the host application) keeps the current owner
   *     (none for a new key)
   * @return the entry as written
   * @throws SecretAccessDeniedError when {@code owner} is present and the key exists with another
   *     owner or none; checked under the store's lock, nothing is written
   */
  public EntryInfo put(String key, String value, EntryMetadata metadata, Optional<String> owner) {
    checkKey(key);
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(owner, "owner");
    return boundary(key, () -> write((state, storeKey) -> {
      Entry old = state.entries.get(key);
      if (old != null && owner.isPresent() && !old.owner.equals(owner)) {
        throw new SecretAccessDeniedError(key, SLUG,
            "Access denied: the stored key is not owned by the principal putting it");
      }
      long number = old == null ? 1 : old.latest().number + 1;
      Instant now = clock.instant();
      if (old != null && now.isBefore(old.created)) {
        now = old.created; // a clock stepped back must not make updated precede created
      }
      byte[] plain = value.getBytes(StandardCharsets.UTF_8);
      byte[] ciphertext;
      try {
        ciphertext = storeKey.aead().encrypt(plain, StoreFormat.associatedData(state.storeId, key, number));
      } catch (GeneralSecurityException e) {
        throw new StoreFailure("cannot encrypt the value with " + keys.describe());
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
      List<Version> versions = new ArrayList<>(old == null ? List.of() : old.versions);
      versions.add(new Version(number, now, ciphertext));
      while (versions.size() > maxVersions) {
        versions.remove(0);
      }
      Entry entry = new Entry(key, old == null ? now : old.created, now, metadata.kind(),
          metadata.description(), metadata.labels(), owner.isPresent() ? owner : old == null ? Optional.empty() : old.owner,
          old == null ? Set.of() : old.grants, versions);
      TreeMap<String, Entry> entries = state.entriesCopy();
      entries.put(key, entry);
      return new Change<>(entries, entry.info());
    }));
  }

  /**
   * Decrypts one version of a key's value: a stat of the store file and one decryption, the file
   * re-read only when it changed.
   *
   * @param key the key
   * @param version the version; empty for the latest
   * @return the value, or empty when there is no such key or version kept
   */
  public Optional<String> value(String key, OptionalLong version) {
    checkKey(key);
    Objects.requireNonNull(version, "version");
    return boundary(key, () -> {
      Snapshot s = current();
      Entry entry = s.state.entries.get(key);
      if (entry == null) {
        return Optional.empty();
      }
      Optional<Version> v = version.isPresent() ? entry.version(version.getAsLong()) : Optional.of(entry.latest());
      if (v.isEmpty()) {
        return Optional.empty();
      }
      try {
        byte[] plain = s.key.aead().decrypt(v.get().ciphertext(),
            StoreFormat.associatedData(s.state.storeId, key, v.get().number));
        String text = new String(plain, StandardCharsets.UTF_8);
        Arrays.fill(plain, (byte) 0);
        return Optional.of(text);
      } catch (GeneralSecurityException e) {
        throw new StoreFailure("version " + v.get().number + " of this key in " + describeStore()
            + " cannot be decrypted with " + keys.describe() + " (the value was swapped or the key is wrong)");
      }
    });
  }

  /**
   * The metadata of one key.
   *
   * @param key the key
   * @return the entry, or empty
   */
  public Optional<EntryInfo> describe(String key) {
    checkKey(key);
    return boundary(key, () -> Optional.ofNullable(current().state.entries.get(key)).map(Entry::info));
  }

  /**
   * The metadata of every key, sorted by key.
   *
   * @return the entries
   */
  public List<EntryInfo> list() {
    return boundary(store.getFileName().toString(),
        () -> current().state.entries.values().stream().map(Entry::info).toList());
  }

  /**
   * Removes a key and all its versions.
   *
   * @param key the key
   * @return whether it was there
   */
  public boolean remove(String key) {
    return remove(key, Optional.empty());
  }

  /**
   * Removes a key and all its versions, if {@code owner} may.
   *
   * @param key the key
   * @param owner the principal removing it; empty for the host application (not checked)
   * @return whether it was there
   * @throws SecretAccessDeniedError when {@code owner} is present and the key exists with another
   *     owner or none; checked under the store's lock, nothing is written
   */
  public boolean remove(String key, Optional<String> owner) {
    checkKey(key);
    Objects.requireNonNull(owner, "owner");
    return boundary(key, () -> write((state, storeKey) -> {
      Entry old = state.entries.get(key);
      if (old == null) {
        return Change.none(false);
      }
      checkOwner(old, owner);
      TreeMap<String, Entry> entries = state.entriesCopy();
      entries.remove(key);
      return new Change<>(entries, true);
    }));
  }

  /**
   * Replaces the principals granted read access to a key.
   *
   * @param key the key
   * @param grants the principals
   * @return the entry as written, or empty when there is no such key
   */
  public Optional<EntryInfo> setGrants(String key, Set<String> grants) {
    checkKey(key);
    Set<String> copy = Set.copyOf(grants);
    return boundary(key, () -> write((state, storeKey) -> {
      Entry old = state.entries.get(key);
      if (old == null) {
        return Change.none(Optional.<EntryInfo>empty());
      }
      Entry entry = old.withGrants(copy);
      TreeMap<String, Entry> entries = state.entriesCopy();
      entries.put(key, entry);
      return new Change<>(entries, Optional.of(entry.info()));
    }));
  }

  /**
   * Adds or removes one principal in the grants of a key, in one locked step (no grant of a
   * concurrent writer is lost); the version does not change.
   *
   * @param key the key
   * @param principal the principal
   * @param granted true to add it, false to remove it
   * @return the entry as written, or empty when there is no such key
   */
  public Optional<EntryInfo> changeGrant(String key, String principal, boolean granted) {
    return changeGrant(key, principal, granted, Optional.empty());
  }

  /**
   * Adds or removes one principal in the grants of a key, if {@code owner} may, in one locked step
   * (no grant of a concurrent writer is lost); the version does not change.
   *
   * @param key the key
   * @param principal the principal
   * @param granted true to add it, false to remove it
   * @param owner the principal making the change; empty for the host application (not checked)
   * @return the entry as written, or empty when there is no such key
   * @throws SecretAccessDeniedError when {@code owner} is present and the key exists with another
   *     owner or none; checked under the store's lock, nothing is written
   */
  public Optional<EntryInfo> changeGrant(String key, String principal, boolean granted,
      Optional<String> owner) {
    checkKey(key);
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(owner, "owner");
    return boundary(key, () -> write((state, storeKey) -> {
      Entry old = state.entries.get(key);
      if (old == null) {
        return Change.none(Optional.<EntryInfo>empty());
      }
      checkOwner(old, owner);
      Set<String> grants = new TreeSet<>(old.grants);
      boolean changed = granted ? grants.add(principal) : grants.remove(principal);
      if (!changed) {
        return Change.none(Optional.of(old.info()));
      }
      Entry entry = old.withGrants(Set.copyOf(grants));
      TreeMap<String, Entry> entries = state.entriesCopy();
      entries.put(key, entry);
      return new Change<>(entries, Optional.of(entry.info()));
    }));
  }

  /**
   * Rotates the key: adds a new primary key to the key file, re-encrypts every kept version and
   * re-seals the store with it, and only then drops the old keys from the key file. A crash at any
   * point leaves a key file that opens the store file.
   *
   * @throws IllegalStateException when the key is inline (the engine cannot rewrite a setting)
   */
  public void rotateKey() {
    if (!keys.isFile()) {
      throw new IllegalStateException("the key in setting " + KeySource.KEY_SETTING
          + " is inline: rotate it where it is kept, then re-encrypt with a key file");
    }
    boundary(store.getFileName().toString(), () -> locked(() -> {
      Snapshot s = reload(true);
      StoreKey rotated;
      try {
        rotated = s.key.withNewPrimary();
      } catch (GeneralSecurityException e) {
        throw new StoreFailure("cannot add a key to " + keys.describe());
      }
      keys.replace(rotated);
      TreeMap<String, Entry> entries = new TreeMap<>();
      for (Entry e : s.state.entries.values()) {
        List<Version> versions = new ArrayList<>();
        for (Version v : e.versions) {
          byte[] ad = StoreFormat.associatedData(s.state.storeId, e.key, v.number);
          try {
            byte[] plain = s.key.aead().decrypt(v.ciphertext(), ad);
            versions.add(new Version(v.number, v.created, rotated.aead().encrypt(plain, ad)));
            Arrays.fill(plain, (byte) 0);
          } catch (GeneralSecurityException ex) {
            throw new StoreFailure("cannot re-encrypt a version in " + describeStore());
          }
        }
        entries.put(e.key, e.withVersions(versions));
      }
      seal(s.state.next(entries), rotated);
      try {
        keys.replace(rotated.primaryOnly());
      } catch (GeneralSecurityException e) {
        throw new StoreFailure("cannot drop the old keys from " + keys.describe());
      }
      return null;
    }));
  }

  /** A change a write makes: the new entries (null: nothing to write) and what to return. */
  private static final class Change<T> {
    final TreeMap<String, Entry> entries;
    final T result;

    Change(TreeMap<String, Entry> entries, T result) {
      this.entries = entries;
      this.result = result;
    }

    static <T> Change<T> none(T result) {
      return new Change<>(null, result);
    }
  }

  private interface Mutation<T> {
    Change<T> apply(StoreState state, StoreKey key);
  }

  private <T> T write(Mutation<T> mutation) {
    return locked(() -> {
      Snapshot s = reload(true);
      Change<T> change = mutation.apply(s.state, s.key);
      if (change.entries != null) {
        seal(s.state.next(change.entries), s.key);
      }
      return change.result;
    });
  }

  /** Seals {@code next} with the key's MAC and replaces the store file with it. */
  private void seal(StoreState next, StoreKey key) {
    byte[] mac;
    try {
      mac = key.mac().computeMac(StoreFormat.canonical(next));
    } catch (GeneralSecurityException e) {
      throw new StoreFailure("cannot seal the store with " + keys.describe());
    }
    try {
      AtomicFiles.removeLeftovers(store);
      files.replace(store, StoreFormat.write(next, mac));
    } catch (IOException e) {
      throw new StoreFailure("cannot write " + describeStore() + "; the previous file is intact: " + e, e);
    }
    synchronized (this) {
      highestGeneration = Math.max(highestGeneration, next.generation);
      snapshot = null;
    }
  }

  /** Runs {@code action} holding this JVM's lock and the lock file's (other processes'). */
  private <T> T locked(Supplier<T> action) {
    jvmLock.lock();
    try {
      Path folder = store.getParent();
      try {
        if (!Files.isDirectory(folder)) {
          Files.createDirectories(folder, AtomicFiles.ownerOnlyFolder());
        }
      } catch (IOException e) {
        throw new StoreFailure("cannot create the folder of " + describeStore() + ": " + e, e);
      }
      try (FileChannel channel = FileChannel.open(lockFile,
              EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), AtomicFiles.ownerOnly());
          FileLock lock = channel.lock()) {
        return action.get();
      } catch (AccessDeniedException e) {
        throw new StoreFailure("cannot write in the folder of " + describeStore() + " (permission denied on "
            + e.getFile() + ")", e);
      } catch (IOException e) {
        throw new StoreFailure("cannot lock " + describeStore() + " through " + lockFile
            + " (is the folder writable?): " + e, e);
      }
    } finally {
      jvmLock.unlock();
    }
  }

  /** The verified content, re-read only when the file's stamp changed. */
  private Snapshot current() {
    Snapshot s = snapshot;
    if (s != null) {
      try {
        if (FileStamp.of(store).map(s.stamp::equals).orElse(false)) {
          return s;
        }
      } catch (IOException e) {
        throw new StoreFailure("cannot stat " + describeStore() + ": " + e, e);
      }
    }
    return reload(false);
  }

  /**
   * Reads and verifies the store file. With {@code forWrite} (the lock is held), a missing key
   * file for a missing store is created.
   */
  private synchronized Snapshot reload(boolean forWrite) {
    try {
      for (int attempt = 0; ; attempt++) {
        Optional<FileStamp> before = FileStamp.of(store);
        if (before.isEmpty()) {
          if (highestGeneration > 0) {
            throw new StoreFailure(describeStore() + " was removed after generation " + highestGeneration
                + " was read from it (a rollback to an empty store is refused)");
          }
          Optional<StoreKey> key = keys.load();
          if (key.isEmpty() && forWrite) {
            key = Optional.of(keys.create());
          }
          // Reading a store that does not exist yet: no key needed, nothing in it.
          return new Snapshot(null, StoreState.empty(key.map(StoreKey::storeId).orElse("")), key.orElse(null));
        }
        byte[] bytes = Files.readAllBytes(store);
        Optional<FileStamp> after = FileStamp.of(store);
        if (!before.equals(after) && attempt < 10) {
          continue; // replaced while read: read the new one
        }
        Snapshot s = verify(bytes, before.get());
        if (!forWrite) {
          snapshot = s;
        }
        return s;
      }
    } catch (IOException e) {
      throw new StoreFailure("cannot read " + describeStore() + ": " + e, e);
    }
  }

  private Snapshot verify(byte[] bytes, FileStamp stamp) {
    StoreFormat.Sealed sealed;
    try {
      sealed = StoreFormat.read(bytes);
    } catch (StoreFormat.FormatException e) {
      throw new StoreFailure(describeStore() + " " + e.getMessage());
    }
    StoreKey key = keys.load().orElseThrow(() -> new StoreFailure(keys.describe()
        + " does not exist, but " + describeStore() + " does: its values open only with the key it was"
        + " created with. Restore that key file (mode 0600), or set " + KeySource.KEY_SETTING
        + " to that key. (A new store creates its key file on the first put;"
        + " EncryptedFileStores.createKeyFile(path) creates one ahead.)"));
    StoreState state = sealed.state;
    if (!state.storeId.equals(key.storeId())) {
      throw new StoreFailure(describeStore() + " belongs to store " + state.storeId + ", but "
          + keys.describe() + " to store " + key.storeId() + ": wrong key, or the file was replaced");
    }
    try {
      key.mac().verifyMac(sealed.mac, StoreFormat.canonical(state));
    } catch (GeneralSecurityException e) {
      if (sealed.mac.length < 5 || sealed.mac[0] != 1 || !key.macKeyIds().contains(keyId(sealed.mac))) {
        throw new StoreFailure(describeStore() + " was sealed with a key that " + keys.describe()
            + " does not hold: wrong key (or the mac field was edited)");
      }
      throw new StoreFailure(describeStore() + " failed its integrity check: an entry, a version, its"
          + " metadata, owner or grants, or the generation was edited, added, removed or reordered");
    }
    if (state.generation < highestGeneration) {
      throw new StoreFailure(describeStore() + " is at generation " + state.generation + " but generation "
          + highestGeneration + " was read from it before: an older copy was put back (rollback)");
    }
    highestGeneration = state.generation;
    return new Snapshot(stamp, state, key);
  }

  private static int keyId(byte[] tag) {
    return ((tag[1] & 0xff) << 24) | ((tag[2] & 0xff) << 16) | ((tag[3] & 0xff) << 8) | (tag[4] & 0xff);
  }

  private String describeStore() {
    return "the store file \"" + store + "\" (setting " + PATH_SETTING + ")";
  }

  /** Checks a key as the store API requires: non-blank, at most 512 chars, no control characters. */
  static void checkKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isBlank()) {
      throw new IllegalArgumentException("a key must not be blank");
    }
    if (key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException("a key must be at most " + MAX_KEY_LENGTH + " characters, not " + key.length());
    }
    if (key.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("a key must not contain control characters");
    }
  }

  /** Turns an internal failure into the error the caller sees, naming {@code name}. */
  private static <T> T boundary(String name, Supplier<T> action) {
    try {
      return action.get();
    } catch (StoreFailure e) {
      throw new SecretProviderError(name, SLUG, e.getMessage(), e.getCause());
    }
  }

  @Override
  public String toString() {
    return "EncryptedFileEngine[" + store + "]";
  }
}
