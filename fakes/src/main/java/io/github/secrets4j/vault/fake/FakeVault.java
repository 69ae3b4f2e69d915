package io.github.secrets4j.vault.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonArray;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A stateful, in-JVM fake of the parts of HashiCorp Vault's HTTP API that secrets4j uses, on
 * 127.0.0.1, built from Vault's documented request and response shapes:
 *
 * <ul>
 *   <li>KV v1 reads ({@code GET /v1/<mount>/<path>}: {@code data} holds the pairs) and KV v2 reads
 *       ({@code GET /v1/<mount>/data/<path>[?version=N]}: {@code data.data} and
 *       {@code data.metadata} with {@code created_time}, {@code custom_metadata},
 *       {@code deletion_time}, {@code destroyed}, {@code version}); mounts may contain slashes
 *       and live in namespaces ({@code X-Vault-Namespace});
 *   <li>KV writes (see {@link KvMount} for the documentation each follows): KV v2
 *       {@code POST/PUT <mount>/data/<path>} with check-and-set ({@code options.cas}, the
 *       {@code cas_required} of the mount, {@link #configureKv}, or of the key) and
 *       {@code max_versions} pruning, {@code DELETE <mount>/data/<path>} (soft delete of the
 *       latest version), {@code GET/POST/PUT/DELETE <mount>/metadata/<path>} with
 *       {@code custom_metadata} and Vault's limits on it (64 keys, keys of 128 bytes, values of
 *       512 bytes, answered 400 with Vault's error text); KV v1 {@code POST/PUT/DELETE}; {@code LIST}
 *       (or {@code GET ?list=true}) on both, folders ending in {@code /}, 404 when empty;
 *   <li>{@code auth/token/lookup-self} (a token without a lease, such as the root token, answers
 *       {@code ttl: 0} and {@code expire_time: null}; a leased one its {@code expire_time} and
 *       the whole seconds left as {@code ttl}, which is {@code 0} in its last second),
 *       {@code renew-self} (an optional {@code increment}; the new lease is capped at the
 *       token's max TTL, with Vault's warning, and a token that is not renewable answers 400
 *       {@code lease is not renewable}) and {@code revoke-self};
 *   <li>tokens whose lease has run out are gone: Vault revokes them, so they are answered like
 *       any unknown token (403 {@code permission denied});
 *   <li>AppRole and Kubernetes logins ({@code POST /v1/auth/<mount>/login}) answering full
 *       {@code auth} blocks, with the role's token TTL and max TTL;
 *   <li>errors as Vault sends them: {@code {"errors":[...]}}, 404 with an empty list, 403
 *       {@code permission denied} (with {@code invalid token} for a dead token, as Vault 1.16+
 *       does, or without it as older Vaults do), 503 {@code Vault is sealed}.
 * </ul>
 *
 * <p>Simplifications: tokens and auth mounts are global (not per namespace); policies are two
 * global lists of path prefixes, one denied to non-root tokens ({@link #denyReads}) and one
 * they may read but not write ({@link #denyWrites}). Faults can be injected (status codes, malformed bodies,
 * delays, a sealed Vault, revoked tokens) and every request is recorded, headers included, so
 * tests can assert what arrived on the wire. Leases follow a {@link Clock} that tests may replace
 * ({@link #clock(Clock)}) to move time by hand. Test code only: it holds tokens in plain memory.
 */
public final class FakeVault implements AutoCloseable {
  static {
    // The JDK's HttpServer writes a response's headers and body in separate small packets; with
    // Nagle's algorithm on, the body waits for the client's delayed ACK (about 40 ms on Linux)
    // on every request. Real services answer at once: turn Nagle off, as they do. Read once, when
    // the JDK's server classes initialise, so it is set before any server is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK: ~40 ms per response. Read once, when the JDK server's configuration loads.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final String url;
  private final String rootToken = "hvs.root-" + UUID.randomUUID();

  private final Map<String, Map<String, KvMount>> mounts = new ConcurrentHashMap<>();
  private final Map<String, TokenInfo> tokens = new ConcurrentHashMap<>();
  private final Map<String, Login> logins = new ConcurrentHashMap<>();
  private final List<String> deniedPrefixes = new CopyOnWriteArrayList<>();
  private final List<String> deniedWritePrefixes = new CopyOnWriteArrayList<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger loginCount = new AtomicInteger();
  private volatile Clock clock = Clock.systemUTC();
  private volatile boolean sealed;
  private volatile boolean legacyInvalidTokenErrors;
  private volatile Duration delay = Duration.ZERO;

  private FakeVault(HttpServer server, String scheme) {
    this.server = server;
    this.executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "fake-vault");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    this.url = scheme + "://127.0.0.1:" + server.getAddress().getPort();
    tokens.put(rootToken, new TokenInfo(rootToken, clock.instant(), null, null, false,
        List.of("root"), "auth/token/root"));
  }

  /** Starts a plain-HTTP fake on a free port of 127.0.0.1. */
  public static FakeVault start() {
    try {
      return new FakeVault(HttpServer.create(loopback(), 0), "http");
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake Vault", e);
    }
  }

  /** Starts an HTTPS fake presenting the key and certificate of {@code serverContext}. */
  public static FakeVault startTls(SSLContext serverContext) {
    try {
      HttpsServer server = HttpsServer.create(loopback(), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
      return new FakeVault(server, "https");
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake Vault", e);
    }
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  /** Returns the base URL, for example {@code http://127.0.0.1:41234}. */
  public String url() {
    return url;
  }

  /**
   * Makes leases follow {@code clock} from now on: tokens created, looked up, renewed or expired
   * after this call read it. Set it before creating tokens.
   *
   * @param clock the clock, usually one the test moves by hand
   * @return this fake
   */
  public FakeVault clock(Clock clock) {
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Returns the root token: never expires, not renewable, passes every policy. */
  public String rootToken() {
    return rootToken;
  }

  // ---------------------------------------------------------------- secrets

  /** Enables a KV engine of {@code version} (1 or 2) at {@code mount} in the root namespace. */
  public FakeVault mountKv(String mount, int version) {
    return mountKv("", mount, version);
  }

  /**
   * Enables a KV engine at {@code mount} in {@code namespace} ({@code ""} for the root one).
   *
   * @param namespace the namespace, {@code ""} for the root one
   * @param mount the mount path, e.g. {@code secret}
   * @param version the KV version, 1 or 2
   * @return this fake
   */
  public FakeVault mountKv(String namespace, String mount, int version) {
    mounts.computeIfAbsent(trim(namespace), ns -> new ConcurrentHashMap<>())
        .put(trim(mount), new KvMount(version, () -> clock));
    return this;
  }

  /**
   * Configures a KV v2 mount of the root namespace as {@code POST /:mount/config} does: with
   * {@code casRequired} every write must carry {@code options.cas}; {@code maxVersions} is the
   * number of versions kept per key (0: Vault's default of 10).
   *
   * @param mount the mount path
   * @param casRequired whether check-and-set is required on every write
   * @param maxVersions the versions kept per key, 0 for the default of 10
   * @return this fake
   */
  public FakeVault configureKv(String mount, boolean casRequired, int maxVersions) {
    KvMount m = mountOrFail("", mount);
    m.casRequired = casRequired;
    m.maxVersions = maxVersions;
    return this;
  }

  /**
   * Writes a secret in the root namespace, without any check; returns its new version (always 1
   * on KV v1).
   *
   * @param mount the mount path
   * @param path the secret's path in the mount
   * @param data the key-value pairs
   * @return the new version
   */
  public int put(String mount, String path, Map<String, ?> data) {
    return put("", mount, path, data);
  }

  /**
   * Writes a secret in {@code namespace}, without any check; returns its new version (always 1
   * on KV v1).
   *
   * @param namespace the namespace, {@code ""} for the root one
   * @param mount the mount path
   * @param path the secret's path in the mount
   * @param data the key-value pairs
   * @return the new version
   */
  public int put(String namespace, String mount, String path, Map<String, ?> data) {
    return mountOrFail(namespace, mount).put(trim(path), toJson(data));
  }

  /**
   * Soft-deletes one version of a KV v2 secret, as {@code kv delete -versions=N} does.
   *
   * @param mount the mount path
   * @param path the secret's path in the mount
   * @param version the version to delete
   */
  public void deleteVersion(String mount, String path, int version) {
    mountOrFail("", mount).deleteVersion(trim(path), version);
  }

  private KvMount mountOrFail(String namespace, String mount) {
    KvMount m = mounts.getOrDefault(trim(namespace), Map.of()).get(trim(mount));
    if (m == null) {
      throw new IllegalArgumentException("no KV mount " + mount + " in namespace '" + namespace + "'");
    }
    return m;
  }

  // ---------------------------------------------------------------- tokens and auth

  /** Creates a service token with a lease of {@code ttl} (zero: never expires). */
  public String createToken(Duration ttl, boolean renewable) {
    return createToken(ttl, null, renewable);
  }

  /**
   * Creates a service token with a lease of {@code ttl} (zero: never expires) that renewals
   * cannot extend past {@code maxTtl} after its creation ({@code null}: Vault's default max
   * TTL of 32 days).
   *
   * @param ttl the lease, and the increment of each renewal
   * @param maxTtl the explicit max TTL, or {@code null}
   * @param renewable whether {@code renew-self} may extend the lease
   * @return the new token
   */
  public String createToken(Duration ttl, Duration maxTtl, boolean renewable) {
    String token = "hvs." + UUID.randomUUID();
    tokens.put(token, new TokenInfo(token, clock.instant(), ttl.isZero() ? null : ttl, maxTtl,
        renewable, List.of("default"), "auth/token/create"));
    return token;
  }

  /** Revokes every token but the root token, as if their leases had run out. */
  public void revokeAllTokens() {
    tokens.keySet().removeIf(token -> !token.equals(rootToken));
  }

  /** Answers a dead token's 403 with only "permission denied", as Vault before 1.16 does. */
  public FakeVault legacyInvalidTokenErrors(boolean legacy) {
    this.legacyInvalidTokenErrors = legacy;
    return this;
  }

  /** Denies (403 permission denied) every non-root token reading an API path with this prefix. */
  public FakeVault denyReads(String apiPathPrefix) {
    deniedPrefixes.add(trim(apiPathPrefix));
    return this;
  }

  /**
   * Lets every non-root token read but not write (create, update, delete) API paths with this
   * prefix: such a write answers 403 {@code permission denied}, as a policy granting only
   * {@code read} and {@code list} does.
   *
   * @param apiPathPrefix the API path prefix after {@code /v1/}, e.g. {@code secret/data/app}
   * @return this fake
   */
  public FakeVault denyWrites(String apiPathPrefix) {
    deniedWritePrefixes.add(trim(apiPathPrefix));
    return this;
  }

  /** Enables AppRole at {@code auth/<mount>} with one role; logins get tokens with {@code ttl}. */
  public FakeVault enableAppRole(String mount, String roleId, String secretId, Duration ttl,
      boolean renewable) {
    return enableAppRole(mount, roleId, secretId, ttl, null, renewable);
  }

  /**
   * Enables AppRole as above; issued tokens cannot be renewed past {@code maxTtl} after the login
   * (the role's {@code token_max_ttl}; {@code null}: Vault's default of 32 days).
   *
   * @param mount where the method is enabled, e.g. {@code approle}
   * @param roleId the one role's id
   * @param secretId the one secret-id accepted
   * @param ttl the lease of issued tokens ({@code token_ttl}), and the increment of a renewal
   * @param maxTtl the max TTL of issued tokens, or {@code null}
   * @param renewable whether issued tokens may be renewed
   * @return this fake
   */
  public FakeVault enableAppRole(String mount, String roleId, String secretId, Duration ttl,
      Duration maxTtl, boolean renewable) {
    logins.put(trim(mount), new Login("approle", roleId, secretId, ttl, maxTtl, renewable));
    return this;
  }

  /** Enables Kubernetes auth at {@code auth/<mount>} with one role accepting one JWT. */
  public FakeVault enableKubernetes(String mount, String role, String jwt, Duration ttl,
      boolean renewable) {
    logins.put(trim(mount), new Login("kubernetes", role, jwt, ttl, null, renewable));
    return this;
  }

  /** Returns how many logins succeeded. */
  public int logins() {
    return loginCount.get();
  }

  // ---------------------------------------------------------------- faults

  /** Answers the next {@code times} requests whose path starts with {@code pathPrefix} with this. */
  public FakeVault failNext(String pathPrefix, int times, int status, String body) {
    faults.add(new Fault(pathPrefix, times, status, body));
    return this;
  }

  /** Answers the next {@code times} matching requests with 200 and a body that is not JSON. */
  public FakeVault malformedNext(String pathPrefix, int times) {
    faults.add(new Fault(pathPrefix, times, 200, "{\"data\": {\"data\": <html>oops"));
    return this;
  }

  /** Seals or unseals: a sealed Vault answers everything with 503 {@code Vault is sealed}. */
  public FakeVault sealed(boolean sealed) {
    this.sealed = sealed;
    return this;
  }

  /** Waits this long before answering each request. */
  public FakeVault delay(Duration delay) {
    this.delay = delay;
    return this;
  }

  // ---------------------------------------------------------------- recorded requests

  /**
   * One request as it arrived. Header names are lower case; {@code remotePort} is the client's
   * port, the same for requests sent over one reused connection.
   */
  public record Request(String method, String path, String query, Map<String, String> headers,
      String body, int remotePort) {
    /** Returns a header's value, or {@code null}. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Returns every request so far, in order of arrival. */
  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  /** Returns how many requests had this method and a path starting with {@code pathPrefix}. */
  public long count(String method, String pathPrefix) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).count();
  }

  /** Forgets the recorded requests. */
  public void clearRequests() {
    requests.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getQuery();
      Map<String, String> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((name, values) ->
          headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Request request = new Request(method, path, query, Collections.unmodifiableMap(headers), body,
          exchange.getRemoteAddress().getPort());
      requests.add(request);
      if (!delay.isZero()) {
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      Answer answer = answer(request);
      byte[] bytes = answer.body.getBytes(StandardCharsets.UTF_8);
      if (answer.status != 204) {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
      }
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(answer.status, answer.status == 204 ? -1 : bytes.length);
      if (answer.status != 204) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  private Answer answer(Request request) {
    if (sealed) {
      return errors(503, "Vault is sealed");
    }
    for (Fault fault : faults) {
      if (request.path().startsWith(fault.pathPrefix) && fault.remaining.getAndDecrement() > 0) {
        return new Answer(fault.status, fault.body);
      }
    }
    if (!request.path().startsWith("/v1/")) {
      return errors(404, "no handler for route");
    }
    String apiPath = request.path().substring("/v1/".length());
    if (apiPath.startsWith("auth/token/")) {
      return tokenEndpoint(request, apiPath.substring("auth/token/".length()));
    }
    if (apiPath.startsWith("auth/") && apiPath.endsWith("/login") && request.method().equals("POST")) {
      return login(request, apiPath.substring("auth/".length(), apiPath.length() - "/login".length()));
    }
    TokenInfo token = validToken(request);
    if (token == null) {
      return invalidToken();
    }
    if (!token.isRoot() && deniedPrefixes.stream().anyMatch(apiPath::startsWith)) {
      return errors(403, "1 error occurred:\n\t* permission denied\n\n");
    }
    boolean write = Set.of("POST", "PUT", "DELETE", "PATCH").contains(request.method());
    if (write && !token.isRoot() && deniedWritePrefixes.stream().anyMatch(apiPath::startsWith)) {
      return errors(403, "1 error occurred:\n\t* permission denied\n\n");
    }
    return kv(request, apiPath);
  }

  /** Routes a secrets-engine request to the KV mount with the longest matching path. */
  private Answer kv(Request request, String apiPath) {
    String namespace = trim(Optional.ofNullable(request.header("X-Vault-Namespace")).orElse(""));
    Map<String, KvMount> inNamespace = mounts.getOrDefault(namespace, Map.of());
    String mountPath = null;
    for (String candidate : inNamespace.keySet()) {
      if ((apiPath.equals(candidate) || apiPath.startsWith(candidate + "/"))
          && (mountPath == null || candidate.length() > mountPath.length())) {
        mountPath = candidate;
      }
    }
    if (mountPath == null) {
      return errors(404, "no handler for route \"" + apiPath + "\". route entry not found.");
    }
    String rest = apiPath.substring(Math.min(apiPath.length(), mountPath.length() + 1));
    return inNamespace.get(mountPath).handle(request.method(), rest, request.query(),
        request.body());
  }

  private Answer tokenEndpoint(Request request, String operation) {
    TokenInfo token = validToken(request);
    if (token == null) {
      return invalidToken();
    }
    switch (operation) {
      case "lookup-self":
        if (!request.method().equals("GET")) {
          break;
        }
        Instant now = clock.instant();
        JsonObject data = Json.object()
            .add("accessor", token.accessor)
            .add("creation_time", token.created.getEpochSecond())
            .add("creation_ttl", token.ttl == null ? 0 : token.ttl.getSeconds())
            .add("display_name", token.isRoot() ? "root" : "token")
            .add("entity_id", "")
            .add("expire_time", token.expires == null ? Json.NULL : Json.value(token.expires.toString()))
            .add("explicit_max_ttl", token.maxTtl == null ? 0 : token.maxTtl.getSeconds())
            .add("id", token.token)
            .add("issue_time", token.created.toString())
            .add("meta", Json.NULL)
            .add("num_uses", 0)
            .add("orphan", true)
            .add("path", token.path)
            .add("policies", strings(token.policies))
            .add("renewable", token.renewable && token.ttl != null)
            .add("ttl", token.remainingSeconds(now))
            .add("type", "service");
        return new Answer(200, envelope(data, 0).toString());
      case "renew-self":
        if (!request.method().equals("POST")) {
          break;
        }
        if (!token.renewable || token.ttl == null) {
          return errors(400, "lease is not renewable");
        }
        return renew(token, request.body());
      case "revoke-self":
        if (!request.method().equals("POST")) {
          break;
        }
        tokens.remove(token.token);
        return new Answer(204, "");
      default:
        break;
    }
    return errors(405, "unsupported operation");
  }

  /** Extends a lease by the requested increment (default: the token's TTL), up to its max TTL. */
  private Answer renew(TokenInfo token, String body) {
    Duration increment = token.ttl;
    if (!body.isBlank()) {
      try {
        JsonValue requested = Json.parse(body).asObject().get("increment");
        if (requested != null && requested.isNumber()) {
          increment = Duration.ofSeconds(requested.asLong());
        } else if (requested != null && requested.isString()) {
          increment = parseDuration(requested.asString());
        }
      } catch (RuntimeException e) {
        return errors(400, "failed to parse JSON input");
      }
    }
    Instant now = clock.instant();
    Instant limit = token.maxExpiry();
    Instant wanted = now.plus(increment);
    JsonValue warnings = Json.NULL;
    if (wanted.isAfter(limit)) {
      wanted = limit;
      warnings = strings(List.of("TTL of \"" + increment.getSeconds() + "s\" exceeded the effective "
          + "max_ttl of \"" + Duration.between(now, limit).getSeconds() + "s\"; TTL value is capped "
          + "accordingly"));
    }
    token.expires = wanted;
    JsonObject answer = authEnvelope(token, Duration.between(now, wanted).getSeconds(), Json.object());
    answer.set("warnings", warnings);
    return new Answer(200, answer.toString());
  }

  private static Duration parseDuration(String text) {
    String t = text.strip();
    if (t.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(t));
    }
    long amount = Long.parseLong(t.substring(0, t.length() - 1));
    switch (t.charAt(t.length() - 1)) {
      case 's':
        return Duration.ofSeconds(amount);
      case 'm':
        return Duration.ofMinutes(amount);
      case 'h':
        return Duration.ofHours(amount);
      default:
        throw new IllegalArgumentException("unsupported duration " + text);
    }
  }

  private Answer login(Request request, String mount) {
    Login login = logins.get(mount);
    if (login == null) {
      return errors(400, "no handler for route \"auth/" + mount + "/login\". route entry not found.");
    }
    JsonObject body;
    try {
      body = Json.parse(request.body()).asObject();
    } catch (RuntimeException e) {
      return errors(400, "failed to parse JSON input");
    }
    JsonObject metadata;
    if (login.type.equals("approle")) {
      String roleId = body.getString("role_id", "");
      if (roleId.isEmpty()) {
        return errors(400, "missing role_id");
      }
      if (!roleId.equals(login.name) || !login.credential.equals(body.getString("secret_id", ""))) {
        return errors(400, "invalid role or secret ID");
      }
      metadata = Json.object().add("role_name", "secrets4j");
    } else {
      String role = body.getString("role", "");
      if (!role.equals(login.name)) {
        return errors(400, "invalid role name \"" + role + "\"");
      }
      if (!login.credential.equals(body.getString("jwt", ""))) {
        return errors(403, "permission denied");
      }
      metadata = Json.object()
          .add("role", role)
          .add("service_account_name", "secrets4j")
          .add("service_account_namespace", "default")
          .add("service_account_secret_name", "")
          .add("service_account_uid", UUID.randomUUID().toString());
    }
    String token = "hvs." + UUID.randomUUID();
    TokenInfo info = new TokenInfo(token, clock.instant(), login.ttl, login.maxTtl, login.renewable,
        List.of("default", "secrets4j"), "auth/" + mount + "/login");
    tokens.put(token, info);
    loginCount.incrementAndGet();
    long lease = Duration.between(info.created, info.expires).getSeconds();
    return new Answer(200, authEnvelope(info, lease, metadata).toString());
  }

  private TokenInfo validToken(Request request) {
    String token = request.header("X-Vault-Token");
    if (token == null) {
      return null;
    }
    TokenInfo info = tokens.get(token);
    if (info == null) {
      return null;
    }
    if (info.expires != null && !clock.instant().isBefore(info.expires)) {
      // Vault revokes a token when its lease runs out: it is then unknown like any other.
      tokens.remove(token);
      return null;
    }
    return info;
  }

  private Answer invalidToken() {
    return legacyInvalidTokenErrors ? errors(403, "permission denied")
        : errors(403, "2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n");
  }

  static JsonObject envelope(JsonValue data, long leaseDuration) {
    return Json.object()
        .add("request_id", UUID.randomUUID().toString())
        .add("lease_id", "")
        .add("renewable", false)
        .add("lease_duration", leaseDuration)
        .add("data", data)
        .add("wrap_info", Json.NULL)
        .add("warnings", Json.NULL)
        .add("auth", Json.NULL)
        .add("mount_type", "");
  }

  private JsonObject authEnvelope(TokenInfo token, long leaseDuration, JsonObject metadata) {
    JsonObject auth = Json.object()
        .add("client_token", token.token)
        .add("accessor", token.accessor)
        .add("policies", strings(token.policies))
        .add("token_policies", strings(token.policies))
        .add("metadata", metadata)
        .add("lease_duration", leaseDuration)
        .add("renewable", token.renewable)
        .add("entity_id", UUID.randomUUID().toString())
        .add("token_type", "service")
        .add("orphan", true)
        .add("mfa_requirement", Json.NULL)
        .add("num_uses", 0);
    return Json.object()
        .add("request_id", UUID.randomUUID().toString())
        .add("lease_id", "")
        .add("renewable", false)
        .add("lease_duration", 0)
        .add("data", Json.NULL)
        .add("wrap_info", Json.NULL)
        .add("warnings", Json.NULL)
        .add("auth", auth)
        .add("mount_type", "");
  }

  static Answer errors(int status, String... errors) {
    return new Answer(status, Json.object().add("errors", strings(List.of(errors))).toString());
  }

  private static JsonArray strings(List<String> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }

  private static JsonValue toJson(Object value) {
    if (value == null) {
      return Json.NULL;
    }
    if (value instanceof String) {
      return Json.value((String) value);
    }
    if (value instanceof Boolean) {
      return Json.value((Boolean) value);
    }
    if (value instanceof Integer || value instanceof Long) {
      return Json.value(((Number) value).longValue());
    }
    if (value instanceof Number) {
      return Json.value(((Number) value).doubleValue());
    }
    if (value instanceof Map) {
      JsonObject object = Json.object();
      ((Map<?, ?>) value).forEach((k, v) -> object.add(String.valueOf(k), toJson(v)));
      return object;
    }
    if (value instanceof List) {
      JsonArray array = new JsonArray();
      ((List<?>) value).forEach(v -> array.add(toJson(v)));
      return array;
    }
    throw new IllegalArgumentException("unsupported JSON value type " + value.getClass());
  }

  static String queryParameter(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return pair.substring(eq + 1);
      }
    }
    return null;
  }

  private static String trim(String value) {
    String s = value.strip();
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static final class TokenInfo {
    /** Vault's default {@code max_lease_ttl}: 32 days. */
    static final Duration SYSTEM_MAX_TTL = Duration.ofDays(32);

    final String token;
    final String accessor = UUID.randomUUID().toString();
    final Instant created;
    final Duration ttl;
    final Duration maxTtl;
    final boolean renewable;
    final List<String> policies;
    final String path;
    volatile Instant expires;

    TokenInfo(String token, Instant created, Duration ttl, Duration maxTtl, boolean renewable,
        List<String> policies, String path) {
      this.token = token;
      this.created = created;
      this.ttl = ttl;
      this.maxTtl = maxTtl;
      this.renewable = renewable;
      this.policies = policies;
      this.path = path;
      this.expires = ttl == null ? null : min(created.plus(ttl), maxExpiry());
    }

    boolean isRoot() {
      return policies.contains("root");
    }

    Instant maxExpiry() {
      return created.plus(maxTtl == null ? SYSTEM_MAX_TTL : maxTtl);
    }

    /** Whole seconds left, as Vault's lookup reports them: 0 in the last second, and without a lease. */
    long remainingSeconds(Instant now) {
      return expires == null ? 0 : Math.max(0, Duration.between(now, expires).getSeconds());
    }

    private static Instant min(Instant a, Instant b) {
      return a.isBefore(b) ? a : b;
    }
  }

  private static final class Login {
    final String type;
    final String name;
    final String credential;
    final Duration ttl;
    final Duration maxTtl;
    final boolean renewable;

    Login(String type, String name, String credential, Duration ttl, Duration maxTtl,
        boolean renewable) {
      this.type = type;
      this.name = name;
      this.credential = credential;
      this.ttl = ttl;
      this.maxTtl = maxTtl;
      this.renewable = renewable;
    }
  }

  private static final class Fault {
    final String pathPrefix;
    final AtomicInteger remaining;
    final int status;
    final String body;

    Fault(String pathPrefix, int times, int status, String body) {
      this.pathPrefix = pathPrefix;
      this.remaining = new AtomicInteger(times);
      this.status = status;
      this.body = body;
    }
  }

  /** A status and a body, as the fake answers. */
  static final class Answer {
    final int status;
    final String body;

    Answer(int status, String body) {
      this.status = status;
      this.body = body;
    }
  }

}
