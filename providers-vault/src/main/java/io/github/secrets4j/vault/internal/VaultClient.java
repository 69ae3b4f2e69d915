package io.github.secrets4j.vault.internal;

import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.secrets4j.spi.ProviderContext;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the provider keeps for one configured Vault: its settings, its one
 * {@link HttpClient} (connections are pooled and reused), the driver's {@link VaultConfig} built
 * with {@link NoEnvironment}, and the {@link TokenManager} whose token every read shares.
 * Thread-safe. Paths, mounts and Vault's error texts are printed through the runtime's
 * {@link ProviderContext#escape}.
 */
public final class VaultClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VaultClient.class);

  private final VaultSettings settings;
  private final ProviderContext context;
  private final VaultConfig config;
  private final VaultHttp http;
  private final TokenManager tokens;

  private VaultClient(VaultSettings settings, ProviderContext context, VaultConfig config,
      Clock clock, Scheduler scheduler) {
    this.settings = settings;
    this.context = context;
    this.config = config;
    this.http = new VaultHttp(settings, config, context);
    this.tokens = new TokenManager(settings, http, context, clock, scheduler);
  }

  /**
   * Creates the client of one Vault. Reads the CA file if one is configured; sends nothing.
   *
   * @param settings the Vault's settings
   * @param context the runtime's context, whose {@link ProviderContext#escape} prints untrusted
   *     text in messages and log lines
   * @param clock the clock token leases are measured with
   * @param scheduler where background token renewals run; owned (and shut down) by the caller
   * @return the client, with no token yet
   * @throws VaultFailure if the TLS settings cannot be applied
   */
  public static VaultClient create(VaultSettings settings, ProviderContext context, Clock clock,
      Scheduler scheduler) throws VaultFailure {
    if (!settings.tlsVerify()) {
      LOG.warn("TLS certificate verification is OFF for HashiCorp Vault \"{}\" at {} ({}=false): "
          + "anyone on the network path can read the secrets and the token", settings.vaultName(),
          settings.url(), settings.key("tls-verify"));
    }
    HttpClient httpClient = HttpClient.newBuilder()
        // HTTP/1.1 as the driver does: Vault Agent fails to proxy h2c.
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.openTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .sslContext(Tls.context(settings))
        .build();
    return new VaultClient(settings, context, driverConfig(settings, httpClient), clock, scheduler);
  }

  /** Builds the driver's configuration: nothing comes from the environment, every timeout is bounded. */
  static VaultConfig driverConfig(VaultSettings settings, HttpClient httpClient) throws VaultFailure {
    try {
      VaultConfig config = new VaultConfig()
          .environmentLoader(NoEnvironment.INSTANCE)
          .address(settings.url().toString())
          .openTimeout(ceilSeconds(settings.openTimeout()))
          .readTimeout(ceilSeconds(settings.readTimeout()))
          .engineVersion(settings.kvVersion())
          .httpClient(httpClient);
      if (settings.namespace().isPresent()) {
        config.nameSpace(settings.namespace().get());
      }
      return config.build();
    } catch (VaultException e) {
      throw VaultFailure.provider("HashiCorp Vault \"" + settings.vaultName()
          + "\" could not be configured: " + e.getClass().getSimpleName());
    }
  }

  /** The driver counts timeouts in whole seconds: round up, at least one. */
  private static int ceilSeconds(Duration duration) {
    long millis = duration.toMillis();
    return (int) Math.max(1, (millis + 999) / 1000);
  }

  /** {@return this Vault's settings} */
  public VaultSettings settings() {
    return settings;
  }

  /**
   * {@return the driver configuration} For tests: it must hold no token and nothing from the
   * environment.
   */
  public VaultConfig driverConfig() {
    return config;
  }

  /**
   * Reads the key/value map of one secret.
   *
   * @param mount the mount point without surrounding slashes (may contain slashes)
   * @param path the secret's path under the mount, without surrounding slashes
   * @param kvVersion 1 or 2
   * @param version the KV v2 version to read, or empty for the latest
   * @return the secret's data object ({@code data} for KV v1, {@code data.data} for KV v2)
   * @throws VaultFailure {@link VaultFailure.Kind#NOT_FOUND} on 404; otherwise a provider failure
   *     (access denied, login failed, Vault unavailable, malformed answer)
   */
  public JsonObject read(String mount, String path, int kvVersion, OptionalInt version)
      throws VaultFailure {
    String apiPath = VaultHttp.encodePath(mount) + (kvVersion == 2 ? "/data/" : "/")
        + VaultHttp.encodePath(path);
    Map<String, String> query =
        version.isPresent() ? Map.of("version", Integer.toString(version.getAsInt())) : Map.of();
    String where = "path '" + context.escape(path) + "' (mount_point '" + context.escape(mount)
        + "', kv_version v" + kvVersion
        + (version.isPresent() ? ", version " + version.getAsInt() : "") + ")";
    VaultHttp.Response response = call("GET", apiPath, query, null, settings.retries() + 1, where);
    switch (response.status) {
      case 200:
        return data(response, kvVersion, where);
      case 404:
        throw VaultFailure.notFound("No secret at " + where + " in HashiCorp Vault \""
            + settings.vaultName() + "\"");
      default:
        throw unexpected(response);
    }
  }

  /**
   * Sends one request with the shared token and returns Vault's answer unless it is an access
   * refusal: a token Vault says is invalid is replaced (a new login, or a new look-up of the given
   * token) and the request sent once more.
   *
   * @param method {@code GET}, {@code POST} or {@code DELETE}
   * @param apiPath the path after {@code /v1/}, already encoded
   * @param query query parameters
   * @param body the JSON body of a POST, or {@code null}
   * @param attempts attempts against transient failures; 1 for a request that is not safe to repeat
   * @param where what is accessed, for messages: already escaped
   * @return the answer, any status but 401 and 403
   * @throws VaultFailure {@link VaultFailure.Kind#DENIED} on 401/403 (naming {@code where} and the
   *     auth method); a provider failure when Vault cannot be reached
   */
  VaultHttp.Response call(String method, String apiPath, Map<String, String> query, byte[] body,
      int attempts, String where) throws VaultFailure {
    for (int pass = 1; ; pass++) {
      Session session = tokens.session();
      VaultHttp.Response response =
          http.send(method, apiPath, session.token, query, body, attempts);
      if (response.status != 401 && response.status != 403) {
        return response;
      }
      boolean tokenDead = TokenManager.saysInvalidToken(response.body) || tokens.isRejected(session);
      if (tokenDead) {
        tokens.rejected(session);
        if (pass == 1) {
          // Expired or revoked: log in (or look the given token up) again, once.
          LOG.debug("HashiCorp Vault \"{}\" rejected the token; logging in again",
              settings.vaultName());
          continue;
        }
      }
      throw VaultFailure.denied("Access denied to " + where + " in HashiCorp Vault \""
          + settings.vaultName() + "\" at " + settings.url() + " (auth_method: "
          + settings.authMethod() + "): " + describe(response, tokenDead));
    }
  }

  /** A failure for an answer the caller did not expect, with Vault's errors escaped and bounded. */
  VaultFailure unexpected(VaultHttp.Response response) {
    String errors = VaultJson.errorText(response.body);
    return VaultFailure.provider("HashiCorp Vault at " + response.url + " answered HTTP "
        + response.status + (errors.isEmpty() ? "" : ": " + context.escape(errors, 300)));
  }

  /** {@return the runtime context: escaping and the time source} */
  ProviderContext context() {
    return context;
  }

  private String describe(VaultHttp.Response response, boolean tokenDead) {
    String errors = VaultJson.errorText(response.body);
    String text = errors.isEmpty() ? "HTTP " + response.status : context.escape(errors, 300);
    return tokenDead ? text + " (the token was rejected again right after a new login)" : text;
  }

  private JsonObject data(VaultHttp.Response response, int kvVersion, String where)
      throws VaultFailure {
    JsonObject json = VaultJson.object(response.body).orElseThrow(() -> VaultFailure.provider(
        "HashiCorp Vault at " + response.url + " returned a malformed response (not a JSON object)"));
    JsonObject data = VaultJson.member(json, "data").orElseThrow(() -> VaultFailure.provider(
        "HashiCorp Vault at " + response.url + " returned no data object for " + where));
    if (kvVersion == 1) {
      return data;
    }
    return VaultJson.member(data, "data").orElseThrow(() -> VaultFailure.notFound(
        "No data at " + where + " in HashiCorp Vault \"" + settings.vaultName()
            + "\" (deleted or destroyed version, or not a KV v2 mount)"));
  }

  /** Revokes a token obtained by login (best effort) and drops the client. */
  @Override
  public void close() {
    tokens.close();
  }

  @Override
  public String toString() {
    return "VaultClient{" + settings + "}";
  }
}
