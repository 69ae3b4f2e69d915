package io.github.secrets4j.vault.internal;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretMetadata;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.StoredSecret;
import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The write side of the {@code hashicorp-vault} provider: a store of simple keys under a path
 * prefix ({@code secrets4j.hashicorp-vault.store-prefix}, default {@code secrets4j/}) of the
 * default Vault's default mount, each key one secret whose field {@code value} holds the value.
 *
 * <p>KV v2 (see {@link KvEntries}): the value is written with check-and-set on the
 * {@code current_version} just read from the key's metadata; kind, description, labels, owner
 * and grants live in the key's {@code custom_metadata}. KV v1 (see {@link KvV1Entries}): no
 * versions in Vault, no check-and-set; the store keeps its own counter next to the value.
 *
 * <p>Every request goes through the Vault's {@link VaultClient} (its token, retries and
 * escaping). Never puts a value or a token in a message, a log line or {@link #toString()}.
 */
public final class VaultStoreWriter implements SecretWriter {
  /** The setting naming the path prefix under which the store keeps its keys. */
  public static final String STORE_PREFIX = VaultSettings.PREFIX + "store-prefix";
  /** The default of {@link #STORE_PREFIX}. */
  public static final String DEFAULT_STORE_PREFIX = "secrets4j/";
  /** The field of a stored secret that holds the value. */
  public static final String VALUE_FIELD = "value";
  static final String SLUG = "hashicorp-vault";

  /** Where the Vaults' clients come from: created on first use by the provider. */
  @FunctionalInterface
  public interface Clients {
    /**
     * Returns the client of a named Vault ({@link VaultSettings#DEFAULT_VAULT} is the store's).
     *
     * @param vaultName the Vault's name
     * @return the client
     * @throws VaultFailure if the Vault's settings are invalid or the provider is closed
     */
    VaultClient client(String vaultName) throws VaultFailure;

    /**
     * Returns the client of the store's Vault.
     *
     * @return the client
     * @throws VaultFailure if the Vault's settings are invalid or the provider is closed
     */
    default VaultClient client() throws VaultFailure {
      return client(VaultSettings.DEFAULT_VAULT);
    }
  }

  private final ProviderContext context;
  private final Clients clients;
  /** The path prefix, ending in '/' (or empty); {@code null} when the setting is unsafe. */
  private final String prefix;
  /** Why the prefix setting was refused, or {@code null}. */
  private final String prefixProblem;

  private VaultStoreWriter(ProviderContext context, Clients clients, String prefix,
      String prefixProblem) {
    this.context = context;
    this.clients = clients;
    this.prefix = prefix;
    this.prefixProblem = prefixProblem;
  }

  private String prefix(String name) {
    if (prefixProblem != null) {
      throw new SecretProviderError(name, SLUG, prefixProblem);
    }
    return prefix;
  }

  /**
   * Creates the writer. Reads the prefix setting; sends nothing. An unsafe prefix is reported by
   * every operation, so the provider stays usable for reads.
   *
   * @param context the runtime's context
   * @param clients where the default Vault's client comes from
   * @return the writer
   */
  public static VaultStoreWriter create(ProviderContext context, Clients clients) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(clients, "clients");
    String raw = context.setting(STORE_PREFIX).map(String::strip).filter(v -> !v.isEmpty())
        .orElse(DEFAULT_STORE_PREFIX);
    String trimmed = VaultSettings.trimSlashes(raw);
    if (!trimmed.isEmpty() && VaultPaths.changesTarget(trimmed)) {
      return new VaultStoreWriter(context, clients, null, "The setting " + STORE_PREFIX
          + " must not contain '.' or '..' segments, empty segments or backslashes, also "
          + "percent-encoded: \"" + context.escape(raw) + "\"");
    }
    return new VaultStoreWriter(context, clients, trimmed.isEmpty() ? "" : trimmed + "/", null);
  }

  /**
   * Creates or replaces {@code key}; KV v2 with check-and-set (see {@link KvEntries#put}).
   *
   * @throws IllegalArgumentException if the key has a {@code /}, is {@code .} or {@code ..}, or
   *     the metadata does not fit Vault's {@code custom_metadata} limits (nothing is sent then)
   * @throws SecretAccessDeniedError if the token may not write there, or {@code owner} is not
   *     the entry's owner
   * @throws SecretProviderError if Vault fails or the key kept changing under the put
   */
  @Override
  public StoredSecret put(String key, String value, SecretMetadata metadata, String owner) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(metadata, "metadata");
    check(key, value, metadata);
    String path = path(key);
    return call(key, client -> entries(client).put(key, path, value, metadata, owner));
  }

  /**
   * Refuses metadata that cannot be Vault's {@code custom_metadata} before anything is sent: more
   * than 64 pairs (kind, description and labels; an existing entry's owner and grants count too,
   * which only the put sees), a key over 128 bytes, a value empty or over 512 bytes, or not
   * printable.
   */
  @Override
  public void check(String key, String value, SecretMetadata metadata) {
    new StoreMetadata(metadata, null, Set.of()).encode(context);
  }

  /** As the check above, counting the owner and the grants, which custom_metadata holds too. */
  @Override
  public void check(String key, String value, SecretMetadata metadata, Optional<String> owner,
      Set<String> grants) {
    new StoreMetadata(metadata, owner.orElse(null), grants).encode(context);
  }

  @Override
  public Optional<StoredSecret> describe(String key) {
    String path = path(key);
    return call(key, client -> entries(client).describe(key, path));
  }

  /**
   * Lists the keys directly under the prefix (one LIST), then describes each: folders under the
   * prefix are not keys of this store and are skipped.
   */
  @Override
  public List<StoredSecret> list() {
    String prefix = prefix("(list)");
    return call(prefix, client -> {
      Entries entries = entries(client);
      List<StoredSecret> all = new ArrayList<>();
      for (String name : entries.names(prefix)) {
        if (!name.endsWith("/") && storable(name)) {
          entries.describe(name, prefix + name).ifPresent(all::add);
        }
      }
      return all;
    });
  }

  /**
   * Removes {@code key}: metadata and every version on KV v2. The owner is checked on the
   * metadata read just before the delete (Vault has no conditional delete).
   */
  @Override
  public boolean remove(String key, String owner) {
    String path = path(key);
    return call(key, client -> entries(client).remove(key, path, owner));
  }

  /**
   * Adds a grant in {@code custom_metadata}; the owner is checked on the metadata read just
   * before the write (custom_metadata has no check-and-set).
   */
  @Override
  public Optional<StoredSecret> grant(String key, String principal, String owner) {
    Objects.requireNonNull(principal, "principal");
    String path = path(key);
    return call(key, client -> entries(client).grants(key, path, principal, true, owner));
  }

  /** Withdraws a grant, like {@link #grant}. */
  @Override
  public Optional<StoredSecret> revoke(String key, String principal, String owner) {
    Objects.requireNonNull(principal, "principal");
    String path = path(key);
    return call(key, client -> entries(client).grants(key, path, principal, false, owner));
  }

  /** Refuses a principal's change of an entry it does not own. */
  static void checkOwner(String key, String entryOwner, String owner) {
    if (owner != null && !owner.equals(entryOwner)) {
      throw new SecretAccessDeniedError(key, SLUG,
          "Access denied: the stored key is not owned by the principal changing it");
    }
  }

  /**
   * Returns {@code path} (prefix + key), {@code key} ({@code value}), {@code mount_point} and
   * {@code kv_version} of the store's Vault, so the parameters still read the key if the
   * defaults change.
   */
  @Override
  public Map<String, String> parameters(String key) {
    String path = path(key);
    VaultSettings settings = settings();
    return Map.of("path", path, "key", VALUE_FIELD, "mount_point", settings.defaultMountPoint(),
        "kv_version", "v" + settings.kvVersion());
  }

  /**
   * Returns the key of any read that reaches a stored secret, whatever its {@code key},
   * {@code version}, {@code kv_version}, {@code mount_point} or {@code vault} parameter: every
   * field, version and API view of a stored secret belongs to its entry. The read's full API path
   * is rebuilt as the read builds it (namespace, mount, {@code data/} for KV v2, path), so a
   * stored secret named another way (the mount split differently, {@code kv_version=v1} with
   * {@code data/} or {@code metadata/} in the path, another named Vault on the same server) is
   * still recognised. Where the store's Vault cannot be told, a path under the prefix is taken
   * as the store's, so the read is checked rather than let through.
   */
  @Override
  public Optional<String> key(Map<String, String> parameters) {
    String rawPath = parameters.get("path");
    if (rawPath == null || prefix == null) {
      return Optional.empty();
    }
    String path = VaultSettings.trimSlashes(rawPath);
    VaultSettings store;
    try {
      store = clients.client(VaultSettings.DEFAULT_VAULT).settings();
    } catch (VaultFailure failure) {
      // The store's Vault is misconfigured or closed: check what looks like the store's.
      return single(path.startsWith(prefix) ? path.substring(prefix.length()) : "");
    }
    String vaultName = Optional.ofNullable(parameters.get("vault")).map(String::strip)
        .orElse(VaultSettings.DEFAULT_VAULT);
    VaultSettings reader;
    try {
      reader = clients.client(vaultName).settings();
    } catch (VaultFailure failure) {
      reader = store; // the read fails as well; assume the store's Vault
    }
    String mount = Optional.ofNullable(parameters.get("mount_point"))
        .map(VaultSettings::trimSlashes).orElse(reader.defaultMountPoint());
    int kvVersion = Optional.ofNullable(parameters.get("kv_version"))
        .flatMap(VaultSettings::parseKvVersion).orElse(reader.kvVersion());
    String full = namespaced(reader, mount + (kvVersion == 2 ? "/data/" : "/") + path);
    String storeMount = namespaced(store, store.defaultMountPoint()) + "/";
    if (!full.startsWith(storeMount)) {
      return Optional.empty();
    }
    String rest = full.substring(storeMount.length());
    if (store.kvVersion() == 2) {
      int slash = rest.indexOf('/');
      if (slash > 0 && KV2_VIEWS.contains(rest.substring(0, slash))) {
        rest = rest.substring(slash + 1);
      }
    }
    return single(rest.startsWith(prefix) ? rest.substring(prefix.length()) : "");
  }

  /** KV v2's API paths below a mount that name one secret. */
  private static final java.util.Set<String> KV2_VIEWS =
      java.util.Set.of("data", "metadata", "subkeys", "delete", "undelete", "destroy");

  /** The key, when {@code rest} is one path segment (a store key); else empty. */
  private static Optional<String> single(String rest) {
    return rest.isEmpty() || rest.indexOf('/') >= 0 ? Optional.empty() : Optional.of(rest);
  }

  /** The path as the Vault server sees it: under the settings' namespace, if any. */
  private static String namespaced(VaultSettings settings, String apiPath) {
    return settings.namespace().map(ns -> VaultSettings.trimSlashes(ns) + "/" + apiPath)
        .orElse(apiPath);
  }

  @Override
  public String toString() {
    return "HashiCorpVaultProvider.Writer{prefix=\""
        + (prefix == null ? "(invalid)" : context.escape(prefix)) + "\"}";
  }

  private VaultSettings settings() {
    try {
      return clients.client().settings();
    } catch (VaultFailure failure) {
      throw new SecretProviderError("(settings)", SLUG, failure.getMessage(), failure.getCause());
    }
  }

  private Entries entries(VaultClient client) {
    return client.settings().kvVersion() == 2
        ? new KvEntries(client, this::sleepBeforeRetry) : new KvV1Entries(client);
  }

  /** A key is one path segment: no {@code /}, nothing that could change the request's target. */
  private String path(String key) {
    Objects.requireNonNull(key, "key");
    if (!storable(key)) {
      throw new IllegalArgumentException("A HashiCorp Vault store key must be one path segment: "
          + "no '/' or '\\', not '.' or '..', also percent-encoded: \"" + context.escape(key)
          + "\"");
    }
    return prefix(key) + key;
  }

  private static boolean storable(String key) {
    // '%2f' would be a second segment to anything that decodes the path once more.
    return !key.isEmpty() && key.indexOf('/') < 0 && !VaultPaths.changesTarget(key)
        && !key.toLowerCase(Locale.ROOT).contains("%2f");
  }

  private void sleepBeforeRetry(int attempt) throws VaultFailure {
    long bound = Math.min(200, 5L * attempt);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw VaultFailure.provider("Interrupted while retrying a check-and-set write to "
          + "HashiCorp Vault");
    }
  }

  /** A step against the Vault, which may fail with a {@link VaultFailure}. */
  @FunctionalInterface
  private interface Step<T> {
    T run(VaultClient client) throws VaultFailure;
  }

  private <T> T call(String name, Step<T> step) {
    try {
      return step.run(clients.client());
    } catch (VaultFailure failure) {
      if (failure.kind() == VaultFailure.Kind.DENIED) {
        throw new SecretAccessDeniedError(name, SLUG, failure.getMessage());
      }
      throw new SecretProviderError(name, SLUG, failure.getMessage(), failure.getCause());
    }
  }

  /** The store's operations on one KV engine version. */
  interface Entries {
    StoredSecret put(String key, String path, String value, SecretMetadata metadata, String owner)
        throws VaultFailure;

    Optional<StoredSecret> describe(String key, String path) throws VaultFailure;

    List<String> names(String folder) throws VaultFailure;

    boolean remove(String key, String path, String owner) throws VaultFailure;

    Optional<StoredSecret> grants(String key, String path, String principal, boolean add,
        String owner) throws VaultFailure;
  }

  /** Sleeps before another check-and-set attempt. */
  @FunctionalInterface
  interface Pause {
    void before(int attempt) throws VaultFailure;
  }

  /** Parses one of Vault's RFC 3339 times ({@code 2018-03-22T02:24:06.945319214Z}). */
  static Optional<Instant> time(JsonObject object, String name) {
    JsonValue value = object.get(name);
    if (value == null || !value.isString() || value.asString().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(value.asString()).toInstant());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  static byte[] json(JsonValue value) {
    return value.toString().getBytes(StandardCharsets.UTF_8);
  }

  static JsonObject object() {
    return Json.object();
  }
}
