package io.github.secrets4j.encryptedfile;

import io.github.secrets4j.SecretMetadata;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.StoredSecret;
import io.github.secrets4j.encryptedfile.internal.EncryptedFileEngine;
import io.github.secrets4j.encryptedfile.internal.EntryInfo;
import io.github.secrets4j.encryptedfile.internal.EntryMetadata;
import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretWriter;
import io.github.secrets4j.spi.SecretsProvider;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The embedded default store, slug {@code encrypted-file}: one local JSON file whose values are
 * encrypted with Google Tink (the design is in the package documentation).
 *
 * <p>Parameters for reading: {@code key} (required), the key the value is stored under, and
 * {@code version} (optional), one of the last {@value #MAX_VERSIONS} versions kept (setting
 * {@code secrets4j.encrypted-file.max-versions}, default {@value #DEFAULT_MAX_VERSIONS}).
 *
 * <p>Settings, read when a runtime creates the provider:
 * <ul>
 *   <li>{@value #PATH}: the store file; default {@code ${user.home}/.secrets4j/store.json}.
 *   <li>{@value #KEY_FILE}: the Tink keyset file; default {@code store.key} next to the store,
 *       created (mode 0600) with the store on the first put.
 *   <li>{@value #KEY}: an inline keyset instead of a key file, typically the environment variable
 *       {@code SECRETS4J_ENCRYPTED_FILE_KEY}; never printed. Setting it together with
 *       {@value #KEY_FILE} is refused.
 *   <li>{@value #MAX_VERSIONS}: how many versions of each key are kept, 1 to
 *       {@value #MAX_VERSIONS_LIMIT}; default {@value #DEFAULT_MAX_VERSIONS}.
 * </ul>
 *
 * <p>It can write ({@link #writer()}): a key maps to the parameters {@code key=<key>}; the times
 * of puts come from the runtime's time source. Caches nothing by default: a read costs a
 * {@code stat} of the store file and one decryption.
 */
public final class EncryptedFileProvider implements SecretsProvider {
  /** The slug, {@code encrypted-file}. */
  public static final String SLUG = EncryptedFileEngine.SLUG;
  /** Setting: the store file. */
  public static final String PATH = "secrets4j.encrypted-file.path";
  /** Setting: the key file. */
  public static final String KEY_FILE = "secrets4j.encrypted-file.key-file";
  /** Setting: an inline key (the content of a key file). */
  public static final String KEY = "secrets4j.encrypted-file.key";
  /** Setting: how many versions of each key are kept. */
  public static final String MAX_VERSIONS = "secrets4j.encrypted-file.max-versions";
  /** The versions kept of each key unless {@value #MAX_VERSIONS} says otherwise. */
  public static final int DEFAULT_MAX_VERSIONS = 5;
  /** The most versions {@value #MAX_VERSIONS} may ask for. */
  public static final int MAX_VERSIONS_LIMIT = 1000;

  private static final List<ParameterSpec> PARAMETERS = List.of(
      ParameterSpec.required("key", "The key the value is stored under"),
      ParameterSpec.optional("version", "A kept version of the value (1 for the first put); the latest when absent"));

  private final ProviderContext context;
  private final EncryptedFileEngine engine;
  private final Path store;
  private final boolean inlineKey;
  private final Writer writer = new Writer();

  private EncryptedFileProvider(ProviderContext context, EncryptedFileEngine engine, Path store,
      boolean inlineKey) {
    this.context = context;
    this.engine = engine;
    this.store = store;
    this.inlineKey = inlineKey;
  }

  /**
   * Creates the provider for a runtime from its settings ({@value #PATH}, {@value #KEY_FILE},
   * {@value #KEY}, {@value #MAX_VERSIONS}). Reads and writes no file: the store and its key are
   * read on the first request and created on the first put.
   *
   * @param context the runtime's settings, environment and time source
   * @return the provider
   * @throws SecretProviderError if a setting is malformed; the message names the setting
   */
  public static EncryptedFileProvider create(ProviderContext context) {
    Objects.requireNonNull(context, "context");
    Path store = path(context, PATH).orElseGet(EncryptedFileProvider::defaultStore);
    int maxVersions;
    try {
      long n = context.longSetting(MAX_VERSIONS).orElse((long) DEFAULT_MAX_VERSIONS);
      if (n < 1 || n > MAX_VERSIONS_LIMIT) {
        throw settingError("Setting " + MAX_VERSIONS + " must be between 1 and " + MAX_VERSIONS_LIMIT
            + ", not " + n);
      }
      maxVersions = (int) n;
    } catch (IllegalArgumentException e) {
      throw settingError(e.getMessage());
    }
    Optional<String> key = context.setting(KEY);
    Optional<Path> keyFile = path(context, KEY_FILE);
    if (key.isPresent()) {
      if (keyFile.isPresent()) {
        throw settingError("Settings " + KEY + " and " + KEY_FILE + " are both set: set only one");
      }
      return new EncryptedFileProvider(context,
          EncryptedFileEngine.withInlineKey(store, key.get(), maxVersions, context.timeSource()), store, true);
    }
    Path keys = keyFile.orElseGet(() -> store.resolveSibling("store.key"));
    return new EncryptedFileProvider(context,
        EncryptedFileEngine.withKeyFile(store, keys, maxVersions, context.timeSource()), store, false);
  }

  private static Path defaultStore() {
    return Path.of(System.getProperty("user.home"), ".secrets4j", "store.json").toAbsolutePath().normalize();
  }

  private static Optional<Path> path(ProviderContext context, String setting) {
    Optional<String> value = context.setting(setting);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(value.get()).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      throw settingError("Setting " + setting + " holds an invalid path \"" + context.escape(value.get()) + "\"");
    }
  }

  private static SecretProviderError settingError(String reason) {
    return new SecretProviderError("", SLUG, reason);
  }

  /** The engine, for {@link EncryptedFileStores}. */
  EncryptedFileEngine engine() {
    return engine;
  }

  /** Whether the key is inline (a setting) rather than a key file. */
  boolean inlineKey() {
    return inlineKey;
  }

  /**
   * Returns the store file this provider reads and writes.
   *
   * @return the absolute path of the store file
   */
  public Path storeFile() {
    return store;
  }

  @Override
  public String slug() {
    return SLUG;
  }

  @Override
  public String name() {
    return "Encrypted File";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  @Override
  public String getValue(SecretRequest request) {
    String key = request.parameter("key");
    OptionalLong version = version(request);
    Optional<String> value;
    try {
      value = engine.value(key, version);
    } catch (IllegalArgumentException e) {
      throw request.parametersError("The \"key\" parameter is not a valid store key: " + e.getMessage());
    } catch (SecretProviderError e) {
      throw request.providerError(e.reason(), e.getCause());
    }
    return value.orElseThrow(() -> request.notFound("No value stored under key \"" + context.escape(key) + "\""
        + (version.isPresent() ? " with version " + version.getAsLong() + " (the last versions kept: setting "
            + MAX_VERSIONS + ")" : "")));
  }

  private OptionalLong version(SecretRequest request) {
    Optional<String> v = request.optionalParameter("version");
    if (v.isEmpty()) {
      return OptionalLong.empty();
    }
    long n = v.get().matches("[0-9]{1,18}") ? Long.parseLong(v.get()) : 0;
    if (n < 1) {
      throw request.parametersError("The \"version\" parameter must be a positive whole number, not \""
          + context.escape(v.get()) + "\"");
    }
    return OptionalLong.of(n);
  }

  /**
   * Returns the write side: puts, lists, removes and grants in the store file.
   *
   * @return the writer, always present
   */
  @Override
  public Optional<SecretWriter> writer() {
    return Optional.of(writer);
  }

  /** Names the store file only. */
  @Override
  public String toString() {
    return "EncryptedFileProvider[" + store + "]";
  }

  private static StoredSecret stored(EntryInfo info) {
    SecretMetadata.Builder metadata = SecretMetadata.builder().kind(info.kind()).labels(info.labels());
    info.description().ifPresent(metadata::description);
    return StoredSecret.builder(info.key()).version(info.version()).created(info.created())
        .updated(info.updated()).metadata(metadata.build()).owner(info.owner().orElse(null))
        .grants(info.grants()).build();
  }

  /** The SPI's writes, each one locked step of the engine. */
  private final class Writer implements SecretWriter {
    @Override
    public StoredSecret put(String key, String value, SecretMetadata metadata, String owner) {
      Objects.requireNonNull(metadata, "metadata");
      EntryMetadata entry = new EntryMetadata(metadata.kind(), metadata.description(), metadata.labels());
      return stored(engine.put(key, value, entry, Optional.ofNullable(owner)));
    }

    @Override
    public Optional<StoredSecret> describe(String key) {
      return engine.describe(key).map(EncryptedFileProvider::stored);
    }

    @Override
    public List<StoredSecret> list() {
      return engine.list().stream().map(EncryptedFileProvider::stored).toList();
    }

    @Override
    public boolean remove(String key, String owner) {
      return engine.remove(key, Optional.ofNullable(owner));
    }

    @Override
    public Optional<StoredSecret> grant(String key, String principal, String owner) {
      return engine.changeGrant(key, principal, true, Optional.ofNullable(owner))
          .map(EncryptedFileProvider::stored);
    }

    @Override
    public Optional<StoredSecret> revoke(String key, String principal, String owner) {
      return engine.changeGrant(key, principal, false, Optional.ofNullable(owner))
          .map(EncryptedFileProvider::stored);
    }

    @Override
    public Map<String, String> parameters(String key) {
      return Map.of("key", key);
    }

    @Override
    public Optional<String> key(Map<String, String> parameters) {
      return Optional.ofNullable(parameters.get("key"));
    }

    @Override
    public String toString() {
      return "EncryptedFileProvider.Writer[" + store + "]";
    }
  }
}
