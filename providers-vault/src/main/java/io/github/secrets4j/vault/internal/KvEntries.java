package io.github.secrets4j.vault.internal;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretMetadata;
import io.github.secrets4j.StoredSecret;
import io.github.secrets4j.spi.ProviderContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store on a KV v2 mount.
 *
 * <p>A put reads the key's metadata ({@code current_version}, {@code custom_metadata}), checks the
 * owner, then writes {@code {"data": {"value": ...}, "options": {"cas": current_version}}}: Vault
 * applies it only if nobody wrote the key in between (0: only if the key does not exist). On
 * Vault's "check-and-set parameter did not match the current version" the put starts again from
 * the read, up to {@value #CAS_ATTEMPTS} times with a short random pause, then fails with a
 * conflict error having written nothing. The owner check is thereby atomic with the write. Then
 * the record (kind, description, labels, owner, grants) is written to {@code custom_metadata}.
 *
 * <p>Retries: the data write is retried against transient failures because {@code cas} makes a
 * repeat safe: if the first attempt landed and only its answer was lost, the repeat is refused
 * as a mismatch, the put reads again and writes once more, so at worst one extra version with the
 * same value. Metadata writes replace the whole map and deletes are idempotent, so both retry.
 *
 * <p>Vault has no check-and-set on metadata: a grant or revoke reads {@code custom_metadata} and
 * writes it back, so a grant, revoke or put on the same key at the same moment can undo it.
 */
final class KvEntries implements VaultStoreWriter.Entries {
  static final int CAS_ATTEMPTS = 50;
  private static final String CAS_MISMATCH = "check-and-set parameter did not match";

  private final VaultClient client;
  private final ProviderContext context;
  private final VaultStoreWriter.Pause pause;
  private final String mount;
  private final int attempts;

  KvEntries(VaultClient client, VaultStoreWriter.Pause pause) {
    this.client = client;
    this.context = client.context();
    this.pause = pause;
    this.mount = client.settings().defaultMountPoint();
    this.attempts = client.settings().retries() + 1;
  }

  /** What Vault's "Read secret metadata" says about a key. */
  private static final class Meta {
    final long current;
    final Instant created;
    final Instant updated;
    final StoreMetadata record;

    Meta(long current, Instant created, Instant updated, StoreMetadata record) {
      this.current = current;
      this.created = created;
      this.updated = updated;
      this.record = record;
    }

    /** Metadata without a version (written by metadata alone) is no entry. */
    boolean exists() {
      return current > 0;
    }
  }

  @Override
  public StoredSecret put(String key, String path, String value, SecretMetadata metadata,
      String owner) throws VaultFailure {
    String where = where(path);
    for (int attempt = 1; attempt <= CAS_ATTEMPTS; attempt++) {
      Optional<Meta> meta = meta(path, where).filter(Meta::exists);
      if (owner != null && meta.isPresent() && !owner.equals(meta.get().record.owner)) {
        throw new SecretAccessDeniedError(key, VaultStoreWriter.SLUG,
            "Access denied: the stored key is not owned by the principal putting it");
      }
      StoreMetadata record = meta.map(m -> m.record.withMetadata(metadata))
          .orElseGet(() -> new StoreMetadata(metadata, owner, java.util.Set.of()));
      Map<String, String> custom = record.encode(context);
      long cas = meta.map(m -> m.current).orElse(0L);
      JsonObject body = Json.object()
          .add("data", Json.object().add(VaultStoreWriter.VALUE_FIELD, value))
          .add("options", Json.object().add("cas", cas));
      VaultHttp.Response response = client.call("POST", dataPath(path), Map.of(),
          VaultStoreWriter.json(body), attempts, where);
      if (response.status == 400 && VaultJson.errorText(response.body).contains(CAS_MISMATCH)) {
        pause.before(attempt);
        continue;
      }
      if (response.status != 200) {
        throw client.unexpected(response);
      }
      JsonObject written = VaultJson.object(response.body).flatMap(o -> VaultJson.member(o, "data"))
          .orElseThrow(() -> VaultFailure.provider("HashiCorp Vault at " + response.url
              + " returned no version metadata for the write to " + where));
      long version = VaultJson.number(written, "version", 0);
      Instant updated = VaultStoreWriter.time(written, "created_time").orElseThrow(() ->
          VaultFailure.provider("HashiCorp Vault at " + response.url
              + " returned no created_time for the write to " + where));
      writeCustom(path, custom, where);
      if (version < 1) {
        throw VaultFailure.provider("HashiCorp Vault at " + response.url
            + " returned no version for the write to " + where);
      }
      return record.stored(key, version, meta.map(m -> m.created).orElse(updated), updated);
    }
    throw VaultFailure.provider("Conflict: " + where + " in HashiCorp Vault changed under "
        + CAS_ATTEMPTS + " check-and-set writes in a row; nothing was written");
  }

  @Override
  public Optional<StoredSecret> describe(String key, String path) throws VaultFailure {
    return meta(path, where(path)).filter(Meta::exists)
        .map(m -> m.record.stored(key, m.current, m.created, m.updated));
  }

  @Override
  public List<String> names(String folder) throws VaultFailure {
    return list(client, VaultHttp.encodePath(mount) + "/metadata/"
        + VaultHttp.encodePath(VaultSettings.trimSlashes(folder)), "folder '"
        + context.escape(folder) + "' (mount_point '" + context.escape(mount) + "')");
  }

  @Override
  public boolean remove(String key, String path, String owner) throws VaultFailure {
    String where = where(path);
    Optional<Meta> meta = meta(path, where);
    if (meta.isEmpty()) {
      return false;
    }
    if (meta.get().exists()) {
      VaultStoreWriter.checkOwner(key, meta.get().record.owner, owner);
    } else if (owner != null) {
      return false; // only deleted versions left: nothing a principal can see
    }
    VaultHttp.Response response =
        client.call("DELETE", metadataPath(path), Map.of(), null, attempts, where);
    if (response.status != 204 && response.status != 200 && response.status != 404) {
      throw client.unexpected(response);
    }
    return meta.get().exists();
  }

  @Override
  public Optional<StoredSecret> grants(String key, String path, String principal, boolean add,
      String owner) throws VaultFailure {
    String where = where(path);
    Optional<Meta> meta = meta(path, where).filter(Meta::exists);
    if (meta.isEmpty()) {
      return Optional.empty();
    }
    VaultStoreWriter.checkOwner(key, meta.get().record.owner, owner);
    StoreMetadata record = meta.get().record.withGrant(principal, add);
    writeCustom(path, record.encode(context), where);
    return Optional.of(record.stored(key, meta.get().current, meta.get().created,
        meta.get().updated));
  }

  /** "Create/Update metadata" with only {@code custom_metadata}, which it replaces whole. */
  private void writeCustom(String path, Map<String, String> custom, String where)
      throws VaultFailure {
    JsonObject pairs = Json.object();
    custom.forEach(pairs::add);
    VaultHttp.Response response = client.call("POST", metadataPath(path), Map.of(),
        VaultStoreWriter.json(Json.object().add("custom_metadata", pairs)), attempts, where);
    if (response.status != 204 && response.status != 200) {
      throw client.unexpected(response);
    }
  }

  /**
   * Reads the key's metadata. {@code updated} is the creation time of the current version (when
   * it was put), not the metadata's {@code updated_time}, which a grant may move.
   */
  private Optional<Meta> meta(String path, String where) throws VaultFailure {
    VaultHttp.Response response =
        client.call("GET", metadataPath(path), Map.of(), null, attempts, where);
    if (response.status == 404) {
      return Optional.empty();
    }
    if (response.status != 200) {
      throw client.unexpected(response);
    }
    JsonObject data = VaultJson.object(response.body).flatMap(o -> VaultJson.member(o, "data"))
        .orElseThrow(() -> VaultFailure.provider("HashiCorp Vault at " + response.url
            + " returned no metadata object for " + where));
    long current = VaultJson.number(data, "current_version", 0);
    Instant created = VaultStoreWriter.time(data, "created_time").orElse(Instant.EPOCH);
    Instant updated = VaultJson.member(data, "versions")
        .flatMap(versions -> VaultJson.member(versions, Long.toString(current)))
        .flatMap(version -> VaultStoreWriter.time(version, "created_time"))
        .or(() -> VaultStoreWriter.time(data, "updated_time"))
        .orElse(created);
    JsonValue custom = data.get("custom_metadata");
    return Optional.of(new Meta(current, created, updated, StoreMetadata.decode(custom)));
  }

  /** LIST (as {@code GET ?list=true}) of a folder: its children, folders ending in '/'. */
  static List<String> list(VaultClient client, String apiPath, String where) throws VaultFailure {
    VaultHttp.Response response = client.call("GET", apiPath, Map.of("list", "true"), null,
        client.settings().retries() + 1, where);
    if (response.status == 404) {
      return List.of();
    }
    if (response.status != 200) {
      throw client.unexpected(response);
    }
    List<String> names = new ArrayList<>();
    VaultJson.object(response.body).flatMap(o -> VaultJson.member(o, "data"))
        .map(data -> data.get("keys"))
        .filter(JsonValue::isArray)
        .ifPresent(keys -> keys.asArray().forEach(name -> {
          if (name.isString()) {
            names.add(name.asString());
          }
        }));
    return names;
  }

  private String dataPath(String path) {
    return VaultHttp.encodePath(mount) + "/data/" + VaultHttp.encodePath(path);
  }

  private String metadataPath(String path) {
    return VaultHttp.encodePath(mount) + "/metadata/" + VaultHttp.encodePath(path);
  }

  private String where(String path) {
    return "path '" + context.escape(path) + "' (mount_point '" + context.escape(mount)
        + "', kv_version v2)";
  }
}
