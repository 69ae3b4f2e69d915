package io.github.secrets4j.vault.fake;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonArray;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * One KV secrets engine mount of {@link FakeVault}: its secrets and the HTTP operations on them.
 *
 * <p>Built from Vault's documentation, not from secrets4j's code:
 *
 * <ul>
 *   <li>KV v2 API, https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v2: "Create/Update
 *       secret" ({@code POST /:mount/data/:path}, {@code options.cas}: "If set to 0 a write will
 *       only be allowed if the key doesn't exist as unset keys do not have any version
 *       information"), "Read secret metadata", "Create/Update metadata" ({@code max_versions},
 *       {@code cas_required}, {@code custom_metadata}: "can contain a maximum of 64 keys", "key
 *       can contain 128 characters", "value can contain 512 characters"), "Delete metadata and
 *       all versions", "List secrets" (folders end in {@code /}); "Configure the KV engine"
 *       ({@code max_versions}: "When 0 is used or the value is unset, Vault will keep 10
 *       versions").
 *   <li>The exact error strings, which the API page does not list, from the engine's source
 *       (github.com/hashicorp/vault-plugin-secrets-kv, {@code path_data.go}:
 *       {@code validateCheckAndSetOption}, {@code pathDataWrite}, {@code AddVersion};
 *       {@code path_metadata.go}: {@code validateCustomMetadata}, {@code pathMetadataWrite}),
 *       and the CAS mismatch text also from the KV v2 "patch data" cookbook page ("Code: 400.
 *       Errors: * check-and-set parameter did not match the current version").
 *   <li>KV v1 API, https://developer.hashicorp.com/vault/api-docs/secret/kv/kv-v1: "Create/Update
 *       secret" (204, the body is the data), "Delete secret" (204), "List secrets".
 *   <li>LIST ({@code LIST} method or {@code GET ?list=true}) and its 404 when nothing is there:
 *       https://developer.hashicorp.com/vault/api-docs (the "API operations" section).
 * </ul>
 */
final class KvMount {
  /** Vault's default number of versions kept ("Configure the KV engine"). */
  static final int DEFAULT_MAX_VERSIONS = 10;
  static final int MAX_CUSTOM_METADATA_KEYS = 64;
  static final int MAX_CUSTOM_METADATA_KEY_LENGTH = 128;
  static final int MAX_CUSTOM_METADATA_VALUE_LENGTH = 512;
  private static final String CUSTOM_METADATA_ERROR = "custom_metadata validation failed";

  final int kvVersion;
  volatile boolean casRequired;
  volatile int maxVersions;
  /** Every key with metadata (KV v2) or data (KV v1), by path. Guarded by {@code this}. */
  final Map<String, Secret> secrets = new TreeMap<>();
  private final Supplier<Clock> clock;

  KvMount(int kvVersion, Supplier<Clock> clock) {
    if (kvVersion != 1 && kvVersion != 2) {
      throw new IllegalArgumentException("KV version must be 1 or 2");
    }
    this.kvVersion = kvVersion;
    this.clock = clock;
  }

  // ---------------------------------------------------------------- state, for the fake's API

  /** Writes a new version without any check, as the test set-up does; returns its number. */
  synchronized int put(String path, JsonValue data) {
    Secret secret = secrets.computeIfAbsent(path, p -> new Secret(now()));
    if (kvVersion == 1) {
      secret.versions.clear();
      secret.current = 0;
    }
    return addVersion(secret, data).number;
  }

  synchronized void deleteVersion(String path, int version) {
    secrets.get(path).versions.get(version).deletionTime = now();
  }

  // ---------------------------------------------------------------- HTTP

  /** Answers one request on {@code rest}, the API path after the mount. */
  FakeVault.Answer handle(String method, String rest, String query, String body) {
    boolean list = method.equals("LIST")
        || method.equals("GET") && "true".equals(FakeVault.queryParameter(query, "list"));
    if (kvVersion == 1) {
      if (list) {
        return list(rest);
      }
      switch (method) {
        case "GET":
          return readV1(rest);
        case "POST":
        case "PUT":
          return writeV1(rest, body);
        case "DELETE":
          synchronized (this) {
            secrets.remove(rest);
          }
          return new FakeVault.Answer(204, "");
        default:
          return FakeVault.errors(405, "unsupported operation");
      }
    }
    if (rest.equals("metadata") || rest.startsWith("metadata/")) {
      String path = rest.length() > "metadata/".length() ? rest.substring("metadata/".length()) : "";
      if (list) {
        return list(path);
      }
      switch (method) {
        case "GET":
          return readMetadata(path);
        case "POST":
        case "PUT":
          return writeMetadata(path, body);
        case "DELETE":
          synchronized (this) {
            secrets.remove(path);
          }
          return new FakeVault.Answer(204, "");
        default:
          return FakeVault.errors(405, "unsupported operation");
      }
    }
    if (!rest.startsWith("data/")) {
      return notFound();
    }
    String path = rest.substring("data/".length());
    switch (method) {
      case "GET":
        return readV2(path, query);
      case "POST":
      case "PUT":
        return writeV2(path, body);
      case "DELETE":
        return deleteLatest(path);
      default:
        return FakeVault.errors(405, "unsupported operation");
    }
  }

  private synchronized FakeVault.Answer readV1(String path) {
    Secret secret = secrets.get(path);
    if (secret == null || secret.versions.isEmpty()) {
      return notFound();
    }
    return new FakeVault.Answer(200,
        FakeVault.envelope(secret.versions.get(secret.current).data, 2764800).toString());
  }

  /** KV v1 "Create/Update secret": the whole body is the secret; 204 No Content. */
  private synchronized FakeVault.Answer writeV1(String path, String body) {
    if (path.isEmpty()) {
      return FakeVault.errors(405, "unsupported operation");
    }
    JsonObject data;
    try {
      data = Json.parse(body).asObject();
    } catch (RuntimeException e) {
      return FakeVault.errors(400, "failed to parse JSON input");
    }
    put(path, data);
    return new FakeVault.Answer(204, "");
  }

  private synchronized FakeVault.Answer readV2(String path, String query) {
    Secret secret = secrets.get(path);
    if (secret == null || secret.current == 0) {
      return notFound();
    }
    int wanted = secret.current;
    String versionParameter = FakeVault.queryParameter(query, "version");
    if (versionParameter != null && !versionParameter.equals("0")) {
      try {
        wanted = Integer.parseInt(versionParameter);
      } catch (NumberFormatException e) {
        return FakeVault.errors(400, "invalid version");
      }
    }
    Version version = secret.versions.get(wanted);
    if (version == null) {
      return notFound();
    }
    JsonObject data = Json.object()
        .add("data", version.deletionTime.isEmpty() ? version.data : Json.NULL)
        .add("metadata", versionMetadata(secret, version));
    // A deleted version is a 404 that still carries its metadata, as Vault does.
    return new FakeVault.Answer(version.deletionTime.isEmpty() ? 200 : 404,
        FakeVault.envelope(data, 0).toString());
  }

  /**
   * KV v2 "Create/Update secret": {@code {"data": {...}, "options": {"cas": N}}}. With
   * {@code cas} the write succeeds only if N is the current version (0: the key has no
   * version); without it, a mount or key with {@code cas_required} refuses the write. Answers
   * the new version's metadata; prunes versions beyond {@code max_versions}.
   */
  private synchronized FakeVault.Answer writeV2(String path, String body) {
    if (path.isEmpty()) {
      return FakeVault.errors(400, "missing path");
    }
    JsonObject request;
    try {
      request = Json.parse(body).asObject();
    } catch (RuntimeException e) {
      return FakeVault.errors(400, "failed to parse JSON input");
    }
    JsonValue data = request.get("data");
    if (data == null || data.isNull()) {
      return FakeVault.errors(400, "no data provided");
    }
    if (!data.isObject()) {
      return FakeVault.errors(400, "error converting input for field \"data\"");
    }
    Secret existing = secrets.get(path);
    long current = existing == null ? 0 : existing.current;
    JsonValue options = request.get("options");
    JsonValue cas = options != null && options.isObject() ? options.asObject().get("cas") : null;
    if (cas != null && !cas.isNull()) {
      long expected;
      try {
        expected = cas.isString() ? Long.parseLong(cas.asString()) : cas.asLong();
      } catch (RuntimeException e) {
        return FakeVault.errors(400, "error parsing check-and-set parameter");
      }
      if (expected != current) {
        return FakeVault.errors(400, "check-and-set parameter did not match the current version");
      }
    } else if (casRequired || existing != null && existing.casRequired) {
      return FakeVault.errors(400, "check-and-set parameter required for this call");
    }
    Secret secret = existing != null ? existing : new Secret(null);
    secrets.put(path, secret);
    Version version = addVersion(secret, data);
    return new FakeVault.Answer(200,
        FakeVault.envelope(versionMetadata(secret, version), 0).toString());
  }

  /** KV v2 "Delete latest version of secret": a soft delete, 204. */
  private synchronized FakeVault.Answer deleteLatest(String path) {
    Secret secret = secrets.get(path);
    if (secret != null && secret.current > 0) {
      Version latest = secret.versions.get(secret.current);
      if (latest != null && latest.deletionTime.isEmpty()) {
        latest.deletionTime = now();
      }
    }
    return new FakeVault.Answer(204, "");
  }

  /** KV v2 "Read secret metadata": 404 when the key has no metadata. */
  private synchronized FakeVault.Answer readMetadata(String path) {
    Secret secret = secrets.get(path);
    if (secret == null) {
      return notFound();
    }
    JsonObject versions = Json.object();
    secret.versions.forEach((number, version) -> versions.add(String.valueOf(number), Json.object()
        .add("created_time", version.createdTime)
        .add("deletion_time", version.deletionTime)
        .add("destroyed", false)));
    JsonObject data = Json.object()
        .add("cas_required", secret.casRequired)
        .add("created_time", secret.createdTime)
        .add("current_version", secret.current)
        .add("custom_metadata", customMetadata(secret))
        .add("delete_version_after", "0s")
        .add("max_versions", secret.maxVersions)
        .add("oldest_version", secret.oldest)
        .add("updated_time", secret.updatedTime)
        .add("versions", versions);
    return new FakeVault.Answer(200, FakeVault.envelope(data, 0).toString());
  }

  /**
   * KV v2 "Create/Update metadata": sets {@code max_versions}, {@code cas_required} and (replacing
   * the whole map) {@code custom_metadata}; creates the key's metadata if there is none. A body
   * with none of them changes nothing. 204 No Content.
   */
  private synchronized FakeVault.Answer writeMetadata(String path, String body) {
    if (path.isEmpty()) {
      return FakeVault.errors(400, "missing path");
    }
    JsonObject request;
    try {
      request = body.isBlank() ? Json.object() : Json.parse(body).asObject();
    } catch (RuntimeException e) {
      return FakeVault.errors(400, "failed to parse JSON input");
    }
    JsonValue max = request.get("max_versions");
    JsonValue cas = request.get("cas_required");
    JsonValue custom = request.get("custom_metadata");
    if (max == null && cas == null && custom == null) {
      return new FakeVault.Answer(204, "");
    }
    Map<String, String> customMap = null;
    if (custom != null) {
      if (!custom.isObject()) {
        return FakeVault.errors(400, CUSTOM_METADATA_ERROR + ": expected a map");
      }
      customMap = new LinkedHashMap<>();
      for (JsonObject.Member member : custom.asObject()) {
        JsonValue value = member.getValue();
        if (value.isObject() || value.isArray()) {
          return FakeVault.errors(400, CUSTOM_METADATA_ERROR + ": value for key "
              + goQuote(member.getName()) + " is not a string");
        }
        // Vault decodes "weakly": numbers and booleans become strings, null the empty string.
        customMap.put(member.getName(), value.isNull() ? "" : value.isString() ? value.asString()
            : value.isBoolean() ? (value.asBoolean() ? "1" : "0") : value.toString());
      }
      List<String> problems = validateCustomMetadata(customMap);
      if (!problems.isEmpty()) {
        return FakeVault.errors(400, multiError(problems));
      }
    }
    Secret secret = secrets.computeIfAbsent(path, p -> new Secret(now()));
    if (max != null) {
      secret.maxVersions = max.asInt();
    }
    if (cas != null) {
      secret.casRequired = cas.asBoolean();
    }
    if (customMap != null) {
      secret.customMetadata = customMap;
    }
    return new FakeVault.Answer(204, "");
  }

  /**
   * Vault's checks, in its order: more than 64 keys stops at once; otherwise every key and value
   * is checked and every problem reported (lengths in bytes of UTF-8, as Go's {@code len}).
   */
  private static List<String> validateCustomMetadata(Map<String, String> custom) {
    List<String> problems = new ArrayList<>();
    if (custom.size() > MAX_CUSTOM_METADATA_KEYS) {
      problems.add(CUSTOM_METADATA_ERROR + ": payload must contain at most "
          + MAX_CUSTOM_METADATA_KEYS + " keys, provided " + custom.size());
      return problems;
    }
    custom.forEach((key, value) -> {
      int keyLength = key.getBytes(StandardCharsets.UTF_8).length;
      if (keyLength == 0 || keyLength > MAX_CUSTOM_METADATA_KEY_LENGTH) {
        problems.add(CUSTOM_METADATA_ERROR + ": length of key " + goQuote(key) + " is "
            + keyLength + " but must be 0 < len(key) <= " + MAX_CUSTOM_METADATA_KEY_LENGTH);
      }
      int valueLength = value.getBytes(StandardCharsets.UTF_8).length;
      if (valueLength == 0 || valueLength > MAX_CUSTOM_METADATA_VALUE_LENGTH) {
        problems.add(CUSTOM_METADATA_ERROR + ": length of value for key " + goQuote(key) + " is "
            + valueLength + " but must be 0 < len(value) <= " + MAX_CUSTOM_METADATA_VALUE_LENGTH);
      }
      if (!printable(key)) {
        problems.add(CUSTOM_METADATA_ERROR + ": key " + goQuote(key) + " (" + key
            + ") contains unprintable characters");
      }
      if (!printable(value)) {
        problems.add(CUSTOM_METADATA_ERROR + ": value for key " + goQuote(key)
            + " contains unprintable characters");
      }
    });
    return problems;
  }

  /** KV "List secrets": the direct children of {@code prefix}, folders ending in {@code /}. */
  private synchronized FakeVault.Answer list(String prefix) {
    String folder = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    TreeSet<String> keys = new TreeSet<>();
    for (Map.Entry<String, Secret> entry : secrets.entrySet()) {
      String path = entry.getKey();
      if (!path.startsWith(folder) || path.length() == folder.length()) {
        continue;
      }
      if (kvVersion == 1 && entry.getValue().versions.isEmpty()) {
        continue;
      }
      String child = path.substring(folder.length());
      int slash = child.indexOf('/');
      keys.add(slash < 0 ? child : child.substring(0, slash + 1));
    }
    if (keys.isEmpty()) {
      return notFound();
    }
    JsonArray array = new JsonArray();
    keys.forEach(array::add);
    return new FakeVault.Answer(200,
        FakeVault.envelope(Json.object().add("keys", array), 0).toString());
  }

  // ---------------------------------------------------------------- helpers

  /** As the engine's {@code AddVersion}: the new version, then the sliding window of versions. */
  private Version addVersion(Secret secret, JsonValue data) {
    String now = now();
    Version version = new Version(secret.current + 1, data, now);
    secret.current = version.number;
    secret.versions.put(version.number, version);
    secret.updatedTime = now;
    if (secret.createdTime == null) {
      secret.createdTime = now;
    }
    if (kvVersion == 2) {
      int kept = Math.max(secret.maxVersions, maxVersions);
      if (kept <= 0) {
        kept = DEFAULT_MAX_VERSIONS;
      }
      if (secret.current - secret.oldest >= kept) {
        int toDelete = secret.current - kept;
        for (int i = secret.oldest; i <= toDelete; i++) {
          secret.versions.remove(i);
        }
        secret.oldest = toDelete + 1;
      }
    }
    return version;
  }

  private static JsonObject versionMetadata(Secret secret, Version version) {
    return Json.object()
        .add("created_time", version.createdTime)
        .add("custom_metadata", customMetadata(secret))
        .add("deletion_time", version.deletionTime)
        .add("destroyed", false)
        .add("version", version.number);
  }

  private static JsonValue customMetadata(Secret secret) {
    if (secret.customMetadata == null) {
      return Json.NULL;
    }
    JsonObject object = Json.object();
    secret.customMetadata.forEach(object::add);
    return object;
  }

  private String now() {
    return clock.get().instant().toString();
  }

  private static FakeVault.Answer notFound() {
    return new FakeVault.Answer(404, "{\"errors\":[]}");
  }

  /** As hashicorp/go-multierror formats several errors. */
  static String multiError(List<String> errors) {
    StringBuilder out = new StringBuilder();
    out.append(errors.size()).append(errors.size() == 1 ? " error occurred:\n\t" : " errors occurred:\n\t");
    for (int i = 0; i < errors.size(); i++) {
      out.append(i == 0 ? "" : "\n\t").append("* ").append(errors.get(i));
    }
    return out.append("\n\n").toString();
  }

  /** Approximately Go's {@code %q}: quotes, escapes quotes, backslashes and control characters. */
  private static String goQuote(String text) {
    StringBuilder out = new StringBuilder("\"");
    text.codePoints().forEach(c -> {
      if (c == '"' || c == '\\') {
        out.append('\\').appendCodePoint(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c == '\t') {
        out.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\x%02x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.append('"').toString();
  }

  /** Roughly Go's {@code strutil.Printable}: no control characters. */
  private static boolean printable(String text) {
    return text.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL
        || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.UNASSIGNED);
  }

  static final class Secret {
    final TreeMap<Integer, Version> versions = new TreeMap<>();
    int current;
    int oldest;
    int maxVersions;
    boolean casRequired;
    String createdTime;
    String updatedTime;
    Map<String, String> customMetadata;

    /** {@code created} is {@code null} until the first version when made by a data write. */
    Secret(String created) {
      this.createdTime = created;
      this.updatedTime = created;
    }
  }

  static final class Version {
    final int number;
    final JsonValue data;
    final String createdTime;
    volatile String deletionTime = "";

    Version(int number, JsonValue data, String createdTime) {
      this.number = number;
      this.data = data;
      this.createdTime = createdTime;
    }
  }
}
