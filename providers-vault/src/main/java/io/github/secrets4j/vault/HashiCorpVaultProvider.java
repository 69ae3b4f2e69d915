package io.github.secrets4j.vault;

import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.spi.CachePolicy;
import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretWriter;
import io.github.secrets4j.spi.SecretsProvider;
import io.github.secrets4j.vault.internal.Scheduler;
import io.github.secrets4j.vault.internal.VaultClient;
import io.github.secrets4j.vault.internal.VaultFailure;
import io.github.secrets4j.vault.internal.VaultPaths;
import io.github.secrets4j.vault.internal.VaultSettings;
import io.github.secrets4j.vault.internal.VaultStoreWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads secrets from HashiCorp Vault's KV secrets engine, version 1 or 2 (slug
 * {@code hashicorp-vault}, name "HashiCorp Vault"), following the parameters and messages of
 * Nautobot's secrets-providers plugin.
 *
 * <p>Parameters: {@code path} and {@code key} (required), {@code vault} (which configured Vault;
 * {@code default}), {@code mount_point}, {@code kv_version} ({@code v1}/{@code v2}) and
 * {@code version} (KV v2 only). Settings are read from the runtime under
 * {@code secrets4j.hashicorp-vault.*}; see the module README for the full table.
 *
 * <p>Each configured Vault gets one HTTP client and one token, created on its first read and
 * reused by every read until {@link #close()}: a renewable token is renewed in the background
 * when two thirds of its lease have passed, also while no read happens; a login method logs in
 * again when the token can no longer be renewed or Vault rejects it. Values are never cached here
 * (see {@link #cachePolicy()}).
 *
 * <p>Thread-safe. Never puts a token, secret-id, JWT or secret value in a message, a log line or
 * {@link #toString()}.
 */
public final class HashiCorpVaultProvider implements SecretsProvider {
  /** The slug secrets use to name this provider. */
  public static final String SLUG = "hashicorp-vault";

  private static final List<ParameterSpec> PARAMETERS = List.of(
      ParameterSpec.required("path", "Path of the secret under the mount point, e.g. app/db"),
      ParameterSpec.required("key", "Key of the value inside the secret, e.g. password"),
      ParameterSpec.optional("vault", "Which configured Vault to read (default: \"default\", the "
          + "flat secrets4j.hashicorp-vault.* settings)"),
      ParameterSpec.optional("mount_point", "Mount point of the KV engine; may contain slashes "
          + "(default: the default-mount-point setting, else \"secret\")"),
      ParameterSpec.optional("kv_version", "KV engine version, v1 or v2 (default: the kv-version "
          + "setting, else v2)"),
      ParameterSpec.optional("version", "KV v2 only: the version number to read (default: latest)"));

  private final ProviderContext context;
  private final Clock clock;
  private final Supplier<Scheduler> schedulerFactory;
  private final Map<String, VaultClient> clients = new ConcurrentHashMap<>();
  private final Object clientsLock = new Object();
  /** Created with the first client, so a provider never used starts no thread; guarded by clientsLock. */
  private Scheduler scheduler;
  private volatile boolean closed;
  private volatile VaultStoreWriter writer;

  private HashiCorpVaultProvider(ProviderContext context, Clock clock,
      Supplier<Scheduler> schedulerFactory) {
    this.context = context;
    this.clock = clock;
    this.schedulerFactory = schedulerFactory;
  }

  /**
   * Creates the provider. Does no I/O: each Vault's settings are read and checked, and its client
   * built, on the first read that names it, so a misconfigured Vault that is never used breaks
   * nothing.
   *
   * <p>Token renewals run on one daemon thread ({@code secrets4j-vault-token-renewal}), started
   * with the first Vault used and stopped by {@link #close()}.
   *
   * @param context the runtime's settings and environment
   * @return the provider; close it (or its runtime) to release its clients and tokens
   */
  public static HashiCorpVaultProvider create(ProviderContext context) {
    return create(context, Clock.systemUTC());
  }

  /** For tests: leases measured with {@code clock}, background renewals run by {@code scheduler}. */
  static HashiCorpVaultProvider create(ProviderContext context, Clock clock, Scheduler scheduler) {
    Objects.requireNonNull(scheduler, "scheduler");
    return new HashiCorpVaultProvider(
        Objects.requireNonNull(context, "context"), Objects.requireNonNull(clock, "clock"),
        () -> scheduler);
  }

  /** For tests: leases measured with {@code clock}, renewals on the provider's own daemon thread. */
  static HashiCorpVaultProvider create(ProviderContext context, Clock clock) {
    return new HashiCorpVaultProvider(
        Objects.requireNonNull(context, "context"), Objects.requireNonNull(clock, "clock"),
        Scheduler::daemonThread);
  }

  @Override
  public String slug() {
    return SLUG;
  }

  @Override
  public String name() {
    return "HashiCorp Vault";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /** Returns a five-minute TTL: values are remote, and reading them costs a round trip. */
  @Override
  public CachePolicy cachePolicy() {
    return CachePolicy.ttl(Duration.ofMinutes(5));
  }

  /**
   * Reads {@code data[key]} (KV v1) or {@code data.data[key]} (KV v2) of the secret at
   * {@code path}. A string is returned as is; any other JSON value as its JSON text.
   *
   * @throws io.github.secrets4j.SecretParametersError for a bad {@code kv_version} or
   *     {@code version}; an empty {@code path} or {@code mount_point}; a {@code path} or
   *     {@code mount_point} with {@code .}, {@code ..} or empty segments or a backslash, also
   *     percent-encoded; a {@code mount_point} under Vault's {@code sys}, {@code auth},
   *     {@code audit} or {@code identity} APIs. Nothing is sent to Vault then.
   * @throws io.github.secrets4j.SecretValueNotFoundError when the secret (HTTP 404), the version
   *     or the key is absent: {@code The secret value could not be retrieved using key 'KEY'}
   * @throws SecretProviderError for misconfiguration (naming the setting), access denied (HTTP
   *     403, naming the path and the auth method), login failures
   *     ({@code HashiCorp Vault Login failed (auth_method: M). Error: ...}), and an unreachable,
   *     sealed or failing Vault after bounded retries (naming the URL)
   */
  @Override
  public String getValue(SecretRequest request) {
    String path = target(request, "path", request.parameter("path"));
    String key = request.parameter("key");
    Optional<String> mountParameter = request.optionalParameter("mount_point")
        .map(value -> target(request, "mount_point", value));
    if (mountParameter.isPresent() && VaultPaths.namesSystemApi(mountParameter.get())) {
      throw request.parametersError("The \"mount_point\" parameter names Vault's own sys, auth, "
          + "audit or identity API, where no KV engine can be mounted: \""
          + context.escape(mountParameter.get()) + "\"");
    }
    String vaultName = request.optionalParameter("vault").map(String::strip)
        .orElse(VaultSettings.DEFAULT_VAULT);
    VaultClient client = client(request, vaultName);
    VaultSettings settings = client.settings();
    String mount = mountParameter.orElse(settings.defaultMountPoint());
    int kvVersion = request.optionalParameter("kv_version")
        .map(value -> VaultSettings.parseKvVersion(value).orElseThrow(() -> request.parametersError(
            "The \"kv_version\" parameter must be v1 or v2, not \"" + context.escape(value.strip())
                + "\"")))
        .orElse(settings.kvVersion());
    OptionalInt version = version(request, kvVersion);

    JsonObject data;
    try {
      data = client.read(mount, path, kvVersion, version);
    } catch (VaultFailure failure) {
      throw failure.kind() == VaultFailure.Kind.NOT_FOUND
          ? request.notFound(failure.getMessage())
          : request.providerError(failure.getMessage(), failure.getCause());
    }
    JsonValue value = data.get(key);
    if (value == null || value.isNull()) {
      throw request.notFound(
          "The secret value could not be retrieved using key '" + context.escape(key) + "'");
    }
    return value.isString() ? value.asString() : value.toString();
  }

  /**
   * Returns a {@code path} or {@code mount_point} without surrounding slashes, refusing what is
   * empty or could change which API the request reaches (see {@link VaultPaths}).
   */
  private String target(SecretRequest request, String name, String value) {
    String trimmed = VaultSettings.trimSlashes(value);
    if (trimmed.isEmpty()) {
      throw request.parametersError("The \"" + name + "\" parameter must name "
          + (name.equals("path") ? "a secret" : "a mount") + ", not only slashes");
    }
    if (VaultPaths.changesTarget(trimmed)) {
      throw request.parametersError("The \"" + name + "\" parameter must not contain '.' or '..' "
          + "segments, empty segments or backslashes, also percent-encoded: \""
          + context.escape(trimmed) + "\"");
    }
    return trimmed;
  }

  private OptionalInt version(SecretRequest request, int kvVersion) {
    var parameter = request.optionalParameter("version");
    if (parameter.isEmpty()) {
      return OptionalInt.empty();
    }
    String text = parameter.get().strip();
    if (kvVersion != 2) {
      throw request.parametersError("The \"version\" parameter is only supported with kv_version v2");
    }
    try {
      int version = Integer.parseInt(text);
      if (version > 0) {
        return OptionalInt.of(version);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw request.parametersError(
        "The \"version\" parameter must be a positive whole number, not \""
            + context.escape(text) + "\"");
  }

  private VaultClient client(SecretRequest request, String vaultName) {
    try {
      return client(vaultName);
    } catch (VaultFailure failure) {
      throw request.providerError(failure.getMessage(), failure.getCause());
    }
  }

  /** Returns the client of a Vault, created on its first use. */
  private VaultClient client(String vaultName) throws VaultFailure {
    if (closed) {
      throw VaultFailure.closed();
    }
    VaultClient client = clients.get(vaultName);
    if (client != null) {
      return client;
    }
    synchronized (clientsLock) {
      if (closed) {
        throw VaultFailure.closed();
      }
      client = clients.get(vaultName);
      if (client == null) {
        VaultSettings settings = VaultSettings.load(context, vaultName);
        if (scheduler == null) {
          scheduler = schedulerFactory.get();
        }
        client = VaultClient.create(settings, context, clock, scheduler);
        clients.put(vaultName, client);
      }
      return client;
    }
  }

  /**
   * Returns the write side: a store of simple keys under the prefix
   * {@code secrets4j.hashicorp-vault.store-prefix} (default {@code secrets4j/}) of the default
   * Vault's default mount, each key one secret with its value in the field {@code value}. On KV
   * v2 puts use check-and-set and the entry's kind, description, labels, owner and grants live in
   * the secret's {@code custom_metadata}; on KV v1 the store keeps them next to the value. See the
   * module README, "Writes".
   *
   * @return the writer, always present (an unsafe store-prefix setting fails each operation
   *     with a {@link SecretProviderError} naming the setting)
   */
  @Override
  public Optional<SecretWriter> writer() {
    VaultStoreWriter current = writer;
    if (current == null) {
      synchronized (clientsLock) {
        if (writer == null) {
          writer = VaultStoreWriter.create(context, this::client);
        }
        current = writer;
      }
    }
    return Optional.of(current);
  }

  /** Returns the client of a Vault once it has been used (for tests). */
  VaultClient existingClient(String vaultName) {
    return clients.get(vaultName);
  }

  /**
   * Stops background token renewal, revokes the tokens this provider obtained by logging in
   * (best effort, one attempt each) and drops every client. Later reads fail with a
   * {@link SecretProviderError}.
   */
  @Override
  public void close() {
    closed = true;
    synchronized (clientsLock) {
      if (scheduler != null) {
        scheduler.shutdown();
      }
      clients.values().forEach(VaultClient::close);
      clients.clear();
    }
  }

  /** Shows which Vaults are in use; never a setting that holds a credential. */
  @Override
  public String toString() {
    return "HashiCorpVaultProvider{vaults in use=" + clients.keySet() + (closed ? ", closed" : "") + "}";
  }
}
