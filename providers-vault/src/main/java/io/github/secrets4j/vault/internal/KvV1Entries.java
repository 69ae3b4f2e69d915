package io.github.secrets4j.vault.internal;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretMetadata;
import io.github.secrets4j.StoredSecret;
import io.github.secrets4j.spi.ProviderContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The store on a KV v1 mount, which keeps one version and has no metadata or check-and-set: the
 * secret holds the value in {@code value} and the store's record in {@code secrets4j} (an object:
 * {@code version}, {@code created}, {@code updated} and the {@code custom_metadata}-shaped pairs).
 * {@code version} counts the puts the store made (older values are gone); {@code created} and
 * {@code updated} come from the runtime's time source. A put reads the secret and writes it back,
 * so two puts, or a put and a grant, to one key at the same moment can both get the same version
 * or undo each other: use KV v2 for concurrent writers. A secret at the prefix written by another
 * tool (no {@code secrets4j} record) is described as version 1 with times of the epoch.
 */
final class KvV1Entries implements VaultStoreWriter.Entries {
  private static final String RECORD = "secrets4j";

  private final VaultClient client;
  private final ProviderContext context;
  private final String mount;
  private final int attempts;

  KvV1Entries(VaultClient client) {
    this.client = client;
    this.context = client.context();
    this.mount = client.settings().defaultMountPoint();
    this.attempts = client.settings().retries() + 1;
  }

  /** The record of a secret: its data without the value, and the store's counters. */
  private static final class Entry {
    final long version;
    final Instant created;
    final Instant updated;
    final StoreMetadata record;
    /** The whole data object, value included: only ever written back, never printed. */
    final JsonObject data;

    Entry(long version, Instant created, Instant updated, StoreMetadata record, JsonObject data) {
      this.version = version;
      this.created = created;
      this.updated = updated;
      this.record = record;
      this.data = data;
    }
  }

  @Override
  public StoredSecret put(String key, String path, String value, SecretMetadata metadata,
      String owner) throws VaultFailure {
    String where = where(path);
    Optional<Entry> entry = read(path, where);
    if (owner != null && entry.isPresent() && !owner.equals(entry.get().record.owner)) {
      throw new SecretAccessDeniedError(key, VaultStoreWriter.SLUG,
          "Access denied: the stored key is not owned by the principal putting it");
    }
    StoreMetadata record = entry.map(e -> e.record.withMetadata(metadata))
        .orElseGet(() -> new StoreMetadata(metadata, owner, Set.of()));
    Instant now = context.timeSource().instant();
    Instant created = entry.map(e -> e.created).orElse(now);
    long version = entry.map(e -> e.version).orElse(0L) + 1;
    write(path, value, record, version, created, now, where);
    return record.stored(key, version, created, now);
  }

  @Override
  public Optional<StoredSecret> describe(String key, String path) throws VaultFailure {
    return read(path, where(path)).map(e -> e.record.stored(key, e.version, e.created, e.updated));
  }

  @Override
  public List<String> names(String folder) throws VaultFailure {
    return KvEntries.list(client, VaultHttp.encodePath(mount) + "/"
        + VaultHttp.encodePath(VaultSettings.trimSlashes(folder)), "folder '"
        + context.escape(folder) + "' (mount_point '" + context.escape(mount) + "')");
  }

  @Override
  public boolean remove(String key, String path, String owner) throws VaultFailure {
    String where = where(path);
    Optional<Entry> entry = read(path, where);
    if (entry.isEmpty()) {
      return false;
    }
    VaultStoreWriter.checkOwner(key, entry.get().record.owner, owner);
    VaultHttp.Response response =
        client.call("DELETE", apiPath(path), Map.of(), null, attempts, where);
    if (response.status != 204 && response.status != 200 && response.status != 404) {
      throw client.unexpected(response);
    }
    return true;
  }

  @Override
  public Optional<StoredSecret> grants(String key, String path, String principal, boolean add,
      String owner) throws VaultFailure {
    String where = where(path);
    Optional<Entry> entry = read(path, where);
    if (entry.isEmpty()) {
      return Optional.empty();
    }
    VaultStoreWriter.checkOwner(key, entry.get().record.owner, owner);
    Entry e = entry.get();
    StoreMetadata record = e.record.withGrant(principal, add);
    JsonObject data = Json.parse(e.data.toString()).asObject();
    data.set(RECORD, recordObject(record, e.version, e.created, e.updated));
    send(path, data, where);
    return Optional.of(record.stored(key, e.version, e.created, e.updated));
  }

  private void write(String path, String value, StoreMetadata record, long version,
      Instant created, Instant updated, String where) throws VaultFailure {
    JsonObject data = Json.object().add(VaultStoreWriter.VALUE_FIELD, value)
        .add(RECORD, recordObject(record, version, created, updated));
    send(path, data, where);
  }

  /** KV v1 "Create/Update secret" replaces the whole secret: idempotent, so it is retried. */
  private void send(String path, JsonObject data, String where) throws VaultFailure {
    VaultHttp.Response response = client.call("POST", apiPath(path), Map.of(),
        VaultStoreWriter.json(data), attempts, where);
    if (response.status != 204 && response.status != 200) {
      throw client.unexpected(response);
    }
  }

  private JsonObject recordObject(StoreMetadata record, long version, Instant created,
      Instant updated) {
    JsonObject pairs = Json.object();
    record.encode(context).forEach(pairs::add);
    return Json.object().add("version", version).add("created", created.toString())
        .add("updated", updated.toString()).add("custom_metadata", pairs);
  }

  private Optional<Entry> read(String path, String where) throws VaultFailure {
    VaultHttp.Response response = client.call("GET", apiPath(path), Map.of(), null, attempts, where);
    if (response.status == 404) {
      return Optional.empty();
    }
    if (response.status != 200) {
      throw client.unexpected(response);
    }
    JsonObject data = VaultJson.object(response.body).flatMap(o -> VaultJson.member(o, "data"))
        .orElseThrow(() -> VaultFailure.provider("HashiCorp Vault at " + response.url
            + " returned no data object for " + where));
    Optional<JsonObject> record = VaultJson.member(data, RECORD);
    long version = Math.max(1, record.map(r -> VaultJson.number(r, "version", 1)).orElse(1L));
    Instant created = record.flatMap(r -> VaultStoreWriter.time(r, "created")).orElse(Instant.EPOCH);
    Instant updated = record.flatMap(r -> VaultStoreWriter.time(r, "updated")).orElse(created);
    JsonValue custom = record.map(r -> r.get("custom_metadata")).orElse(null);
    return Optional.of(new Entry(version, created, updated, StoreMetadata.decode(custom), data));
  }

  private String apiPath(String path) {
    return VaultHttp.encodePath(mount) + "/" + VaultHttp.encodePath(path);
  }

  private String where(String path) {
    return "path '" + context.escape(path) + "' (mount_point '" + context.escape(mount)
        + "', kv_version v1)";
  }
}
