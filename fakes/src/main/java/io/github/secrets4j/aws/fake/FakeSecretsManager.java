package io.github.secrets4j.aws.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * An in-JVM fake of AWS Secrets Manager's {@code GetSecretValue} on 127.0.0.1, speaking the
 * documented JSON 1.1 protocol: {@code POST /} with {@code X-Amz-Target:
 * secretsmanager.GetSecretValue} and {@code Content-Type: application/x-amz-json-1.1}, a SigV4
 * {@code Authorization} header, responses shaped as the documented response (ARN, Name, VersionId,
 * SecretString or SecretBinary in base64, VersionStages, CreatedDate in epoch seconds) and errors as
 * {@code {"__type": CODE, "Message": ...}} with the service's codes and statuses.
 *
 * <p>Stateful: secrets live per account (found from the access key id of the signature) and region
 * (the signature's credential scope), with versions and staging labels; {@link #putSecretString}
 * behaves as PutSecretValue (the new version becomes AWSCURRENT, the old one AWSPREVIOUS) and
 * {@link #rotate} as a finished rotation. It verifies every signature against the registered secret
 * key ({@code UnrecognizedClientException} for an unknown key id, {@code InvalidSignatureException}
 * for a wrong signature) and checks that the scope's service is {@code secretsmanager}. Temporary
 * credentials ({@link #addTemporaryCredentials}) must come with their session token in the
 * {@code X-Amz-Security-Token} header, as AWS requires; a request without it, or with another
 * token, is refused with {@code UnrecognizedClientException} ("The security token included in the
 * request is invalid.").
 *
 * <p>The write side and the listing, after the API reference (see {@link WriteOperations} for the
 * page each follows): CreateSecret (name rules, Description, Tags, ClientRequestToken idempotency,
 * ResourceExistsException), PutSecretValue (AWSCURRENT moves, AWSPREVIOUS follows; a version
 * left without a label is deprecated, kept and readable by id), UpdateSecretVersionStage,
 * ListSecretVersionIds (IncludeDeprecated, MaxResults, NextToken), UpdateSecret,
 * TagResource, UntagResource, DescribeSecret (Description, Tags, VersionIdsToStages, CreatedDate,
 * LastChangedDate, DeletedDate), DeleteSecret (RecoveryWindowInDays 7 to 30, default 30, or
 * ForceDeleteWithoutRecovery, not both), RestoreSecret and ListSecrets (Filters, MaxResults,
 * NextToken, IncludePlannedDeletion). A secret scheduled for deletion refuses reads and writes
 * with InvalidRequestException until restored.
 *
 * <p>Faults are scripted for the next requests: {@link #failNext}, {@link #delayNext},
 * {@link #respondNext}. Every request is recorded ({@link #requests()}).
 *
 * <p>Used by the AWS provider's tests and by the benchmarks. A contract fake built from the API
 * reference, not the real service.
 */
public final class FakeSecretsManager implements AutoCloseable {
  static {
    // The JDK's HttpServer writes a response's headers and body in separate small packets; with
    // Nagle's algorithm on, the body waits for the client's delayed ACK (about 40 ms on Linux)
    // on every request. Real services answer at once: turn Nagle off, as they do. Read once, when
    // the JDK's server classes initialise, so it is set before any server is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** The account that the default access key id belongs to. */
  public static final String DEFAULT_ACCOUNT = "111111111111";
  /** The default access key id (a fake one). */
  public static final String DEFAULT_ACCESS_KEY_ID = "AKIAFAKEDEFAULT00001";
  /** The secret key of {@link #DEFAULT_ACCESS_KEY_ID} (a fake one). */
  public static final String DEFAULT_SECRET_ACCESS_KEY = "fake-default-secret-access-key";
  /** The region secrets are put in unless another is named. */
  public static final String DEFAULT_REGION = "us-east-1";

  private static final String JSON = "application/x-amz-json-1.1";
  private static final String TARGET = "secretsmanager.GetSecretValue";
  /** Also answered, for clients (such as aws-secretsmanager-caching-java) that describe first. */
  private static final String DESCRIBE = "secretsmanager.DescribeSecret";
  /** The other operations answered, see {@link WriteOperations}. */
  private static final Set<String> OPERATIONS = Set.of("CreateSecret", "PutSecretValue",
      "UpdateSecret", "TagResource", "UntagResource", "DeleteSecret", "RestoreSecret",
      "ListSecrets", "DescribeSecret", "ListSecretVersionIds", "UpdateSecretVersionStage");

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, Account> accountsByKeyId = new ConcurrentHashMap<>();
  private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger requestIds = new AtomicInteger();
  private final WriteOperations operations = new WriteOperations(this);

  private FakeSecretsManager(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a fake on an ephemeral port of 127.0.0.1 with the default account registered. */
  public static FakeSecretsManager start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      AtomicInteger threads = new AtomicInteger();
      ExecutorService executor = Executors.newFixedThreadPool(24, runnable -> {
        Thread thread = new Thread(runnable, "fake-secretsmanager-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
      server.setExecutor(executor);
      FakeSecretsManager fake = new FakeSecretsManager(server, executor);
      server.createContext("/", fake::handle);
      fake.addAccount(DEFAULT_ACCOUNT, DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY);
      server.start();
      return fake;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake Secrets Manager", e);
    }
  }

  /** Returns the endpoint to give the SDK ({@code endpointOverride}), {@code http://127.0.0.1:PORT}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Registers an account and the access key that signs for it. */
  public FakeSecretsManager addAccount(String accountId, String accessKeyId,
      String secretAccessKey) {
    accountsByKeyId.put(accessKeyId, new Account(accountId, secretAccessKey, null));
    return this;
  }

  /**
   * Registers temporary credentials of an account (as AWS STS issues them): requests signed with
   * {@code accessKeyId} must carry {@code sessionToken} in {@code X-Amz-Security-Token}.
   *
   * @param accountId the account the credentials belong to
   * @param accessKeyId the temporary access key id (AWS's start with {@code ASIA})
   * @param secretAccessKey its secret key
   * @param sessionToken the session token that must come with every request
   * @return this fake
   */
  public FakeSecretsManager addTemporaryCredentials(String accountId, String accessKeyId,
      String secretAccessKey, String sessionToken) {
    accountsByKeyId.put(accessKeyId, new Account(accountId, secretAccessKey,
        java.util.Objects.requireNonNull(sessionToken, "sessionToken")));
    return this;
  }

  // ---------------------------------------------------------------- state

  /** Puts a string version of {@code name} in the default account and region; returns its VersionId. */
  public String putSecretString(String name, String value) {
    return putSecretString(DEFAULT_ACCOUNT, DEFAULT_REGION, name, value);
  }

  /**
   * As PutSecretValue: creates the secret if needed and adds a version labelled AWSCURRENT; the
   * version that was AWSCURRENT becomes AWSPREVIOUS.
   *
   * @return the new VersionId
   */
  public String putSecretString(String accountId, String region, String name, String value) {
    return put(accountId, region, name, value, null, "AWSCURRENT");
  }

  /** Puts a binary version (returned base64-encoded as SecretBinary); returns its VersionId. */
  public String putSecretBinary(String name, byte[] value) {
    return put(DEFAULT_ACCOUNT, DEFAULT_REGION, name, null, value.clone(), "AWSCURRENT");
  }

  /** Adds a version labelled AWSPENDING, as the first step of a rotation; returns its VersionId. */
  public String putPendingSecretString(String name, String value) {
    return put(DEFAULT_ACCOUNT, DEFAULT_REGION, name, value, null, "AWSPENDING");
  }

  /**
   * Rotates {@code name} in the default account and region to {@code newValue}: a new version is
   * staged AWSPENDING, then AWSCURRENT moves to it and AWSPREVIOUS to the old current version.
   *
   * @return the new current VersionId
   */
  public String rotate(String name, String newValue) {
    putPendingSecretString(name, newValue);
    return finishRotation(name);
  }

  /** Moves AWSCURRENT to the AWSPENDING version (and AWSPREVIOUS to the old current one). */
  public String finishRotation(String name) {
    Secret secret = secret(DEFAULT_ACCOUNT, DEFAULT_REGION, name);
    synchronized (secret) {
      Version pending = secret.withStage("AWSPENDING")
          .orElseThrow(() -> new IllegalStateException("no AWSPENDING version of " + name));
      Version current = secret.withStage("AWSCURRENT").orElseThrow();
      secret.versions.forEach(v -> v.stages.remove("AWSPREVIOUS"));
      current.stages.remove("AWSCURRENT");
      current.stages.add("AWSPREVIOUS");
      pending.stages.remove("AWSPENDING");
      pending.stages.add("AWSCURRENT");
      secret.touch();
      return pending.id;
    }
  }

  /**
   * Deletes the deprecated versions (those without a staging label) of {@code name} in the
   * default account and region, as Secrets Manager may do at any time ("Versions without staging
   * labels are considered deprecated and are subject to deletion by Secrets Manager").
   *
   * @param name the secret's name
   * @return how many versions were deleted
   */
  public int deleteDeprecatedVersions(String name) {
    Secret secret = secret(DEFAULT_ACCOUNT, DEFAULT_REGION, name);
    synchronized (secret) {
      int before = secret.versions.size();
      secret.versions.removeIf(v -> v.stages.isEmpty());
      return before - secret.versions.size();
    }
  }

  /** Marks {@code name} as scheduled for deletion: reads then fail with InvalidRequestException. */
  public void scheduleDeletion(String name) {
    scheduleDeletion(DEFAULT_ACCOUNT, DEFAULT_REGION, name);
  }

  /** Marks {@code name} of that account and region as scheduled for deletion. */
  public void scheduleDeletion(String accountId, String region, String name) {
    Secret secret = secret(accountId, region, name);
    synchronized (secret) {
      secret.deletedDate = Instant.now();
      secret.deletionDate = secret.deletedDate.plus(Duration.ofDays(30));
    }
  }

  /** Returns the ARN of {@code name} in the default account and region. */
  public String arn(String name) {
    return secret(DEFAULT_ACCOUNT, DEFAULT_REGION, name).arn;
  }

  /**
   * Returns whether {@code name} exists in the default account and region (scheduled for
   * deletion or not; a secret deleted without recovery is gone).
   *
   * @param name the secret's name
   * @return whether it exists
   */
  public boolean exists(String name) {
    return secrets.containsKey(key(DEFAULT_ACCOUNT, DEFAULT_REGION, name));
  }

  /** Removes every secret. */
  public void clearSecrets() {
    secrets.clear();
  }

  private String put(String accountId, String region, String name, String string, byte[] binary,
      String stage) {
    Secret secret = secrets.computeIfAbsent(key(accountId, region, name),
        k -> new Secret(name, newArn(accountId, region, name)));
    synchronized (secret) {
      return secret.addVersion(uuid(), string, binary, List.of(stage)).id;
    }
  }

  Map<String, Secret> secrets() {
    return secrets;
  }

  String newArn(String accountId, String region, String name) {
    return "arn:aws:secretsmanager:" + region + ":" + accountId + ":secret:" + name + "-" + suffix();
  }

  static String uuid() {
    return UUID.randomUUID().toString();
  }

  private Secret secret(String accountId, String region, String name) {
    Secret secret = secrets.get(key(accountId, region, name));
    if (secret == null) {
      throw new IllegalArgumentException("no secret " + name + " in " + accountId + "/" + region);
    }
    return secret;
  }

  static String key(String accountId, String region, String name) {
    return accountId + "/" + region + "/" + name;
  }

  private static String suffix() {
    String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      out.append(letters.charAt(ThreadLocalRandom.current().nextInt(letters.length())));
    }
    return out.toString();
  }

  // ---------------------------------------------------------------- faults

  /** The next {@code times} requests fail with this error (status, {@code __type} and Message). */
  public FakeSecretsManager failNext(int times, int status, String code, String message) {
    return script(times, new Fault(status, JSON, errorBody(code, message), Duration.ZERO));
  }

  /** The next {@code times} requests are answered normally, but only after {@code delay}. */
  public FakeSecretsManager delayNext(int times, Duration delay) {
    return script(times, new Fault(0, null, null, delay));
  }

  /** The next {@code times} requests get this raw response (for malformed bodies). */
  public FakeSecretsManager respondNext(int times, int status, String contentType, String body) {
    return script(times, new Fault(status, contentType, body, Duration.ZERO));
  }

  private synchronized FakeSecretsManager script(int times, Fault fault) {
    for (int i = 0; i < times; i++) {
      faults.addLast(fault);
    }
    return this;
  }

  private synchronized Fault nextFault() {
    return faults.pollFirst();
  }

  // ---------------------------------------------------------------- requests

  /**
   * One request as it arrived.
   *
   * @param method the HTTP method
   * @param path the raw path
   * @param target the {@code X-Amz-Target} header
   * @param contentType the {@code Content-Type} header
   * @param accessKeyId the access key id of the signature
   * @param region the region of the signature's scope
   * @param service the service of the signature's scope
   * @param signatureValid whether the signature verified
   * @param sessionTokenSent whether an {@code X-Amz-Security-Token} header came (never its value)
   * @param secretId the {@code SecretId} of the body
   * @param versionId the {@code VersionId} of the body
   * @param versionStage the {@code VersionStage} of the body
   */
  public record RecordedRequest(String method, String path, String target, String contentType,
      String accessKeyId, String region, String service, boolean signatureValid,
      boolean sessionTokenSent, String secretId, String versionId, String versionStage) {}

  /** Returns the requests received so far, in order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Returns how many requests arrived. */
  public int requestCount() {
    return requests.size();
  }

  /** Forgets the recorded requests and any scripted fault not used yet. */
  public synchronized void reset() {
    requests.clear();
    faults.clear();
  }

  // ---------------------------------------------------------------- protocol

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Map<String, List<String>> headers = lowerCase(exchange);
      String target = first(headers, "x-amz-target");
      String contentType = first(headers, "content-type");
      Optional<SigV4.Authorization> auth = SigV4.parse(first(headers, "authorization"));
      Account account = auth.map(a -> accountsByKeyId.get(a.accessKeyId())).orElse(null);
      boolean signatureValid = auth.isPresent() && account != null
          && SigV4.verify(auth.get(), account.secretAccessKey, exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(), headers, body);
      JsonNode input = parse(body);
      requests.add(new RecordedRequest(exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(), target, contentType,
          auth.map(SigV4.Authorization::accessKeyId).orElse(null),
          auth.map(SigV4.Authorization::region).orElse(null),
          auth.map(SigV4.Authorization::service).orElse(null), signatureValid,
          first(headers, "x-amz-security-token") != null,
          text(input, "SecretId"), text(input, "VersionId"), text(input, "VersionStage")));

      Fault fault = nextFault();
      if (fault != null && !fault.delay.isZero()) {
        try {
          Thread.sleep(fault.delay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (fault != null && fault.body != null) {
        send(exchange, fault.status, fault.contentType, fault.body);
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getRawPath())) {
        error(exchange, 404, "UnknownOperationException", null);
      } else if (auth.isEmpty()) {
        error(exchange, 400, "MissingAuthenticationTokenException",
            "Missing Authentication Token");
      } else if (!"secretsmanager".equals(auth.get().service())) {
        error(exchange, 400, "InvalidSignatureException",
            "Credential should be scoped to correct service: 'secretsmanager'. ");
      } else if (account == null || !account.acceptsToken(first(headers, "x-amz-security-token"))) {
        error(exchange, 400, "UnrecognizedClientException",
            "The security token included in the request is invalid.");
      } else if (!signatureValid) {
        error(exchange, 400, "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. "
                + "Check your AWS Secret Access Key and signing method. "
                + "Consult the service documentation for details.");
      } else if (!TARGET.equals(target) && (target == null
          || !target.startsWith("secretsmanager.")
          || !OPERATIONS.contains(target.substring("secretsmanager.".length())))) {
        error(exchange, 400, "UnknownOperationException", null);
      } else if (contentType == null || !contentType.startsWith(JSON)) {
        error(exchange, 400, "SerializationException", "Unsupported content type");
      } else if (input == null || !input.isObject()) {
        error(exchange, 400, "SerializationException", "Start of structure or map found where not expected.");
      } else if (!TARGET.equals(target)) {
        Reply reply = operate(target.substring("secretsmanager.".length()), account.accountId,
            auth.get().region(), input);
        send(exchange, reply.status(), JSON, reply.body());
      } else {
        getSecretValue(exchange, account.accountId, auth.get().region(), input);
      }
    }
  }

  private void getSecretValue(HttpExchange exchange, String accountId, String region,
      JsonNode input) throws IOException {
    String secretId = text(input, "SecretId");
    String versionId = text(input, "VersionId");
    String versionStage = text(input, "VersionStage");
    if (secretId == null || secretId.isEmpty()) {
      error(exchange, 400, "InvalidParameterException",
          "Invalid name. Must be a valid name containing alphanumeric characters, or any of the "
              + "following: -/_+=.@!");
      return;
    }
    Secret secret = find(accountId, region, secretId);
    if (secret == null) {
      error(exchange, 400, "ResourceNotFoundException",
          "Secrets Manager can't find the specified secret.");
      return;
    }
    if (secret.deletedDate != null) {
      error(exchange, 400, "InvalidRequestException",
          "You can't perform this operation on the secret because it was marked for deletion.");
      return;
    }
    Version version;
    synchronized (secret) {
      if (versionId != null) {
        version = secret.versions.stream().filter(v -> v.id.equals(versionId)).findFirst()
            .orElse(null);
        if (version == null) {
          error(exchange, 400, "ResourceNotFoundException",
              "Secrets Manager can't find the specified secret value for VersionId: " + versionId);
          return;
        }
        if (versionStage != null && !version.stages.contains(versionStage)) {
          error(exchange, 400, "InvalidParameterException",
              "You provided a VersionStage that is not associated to the provided VersionId.");
          return;
        }
      } else {
        String stage = versionStage == null ? "AWSCURRENT" : versionStage;
        version = secret.withStage(stage).orElse(null);
        if (version == null) {
          error(exchange, 400, "ResourceNotFoundException",
              "Secrets Manager can't find the specified secret value for staging label: " + stage);
          return;
        }
      }
      version = version.copy();
    }
    StringBuilder out = new StringBuilder("{");
    out.append("\"ARN\":").append(quote(secret.arn));
    out.append(",\"CreatedDate\":").append(version.created.toEpochMilli() / 1000.0);
    out.append(",\"Name\":").append(quote(secret.name));
    if (version.string != null) {
      out.append(",\"SecretString\":").append(quote(version.string));
    } else {
      out.append(",\"SecretBinary\":")
          .append(quote(Base64.getEncoder().encodeToString(version.binary)));
    }
    out.append(",\"VersionId\":").append(quote(version.id));
    out.append(",\"VersionStages\":[");
    int i = 0;
    for (String stage : version.stages) {
      out.append(i++ == 0 ? "" : ",").append(quote(stage));
    }
    out.append("]}");
    send(exchange, 200, JSON, out.toString());
  }

  private Reply operate(String operation, String account, String region, JsonNode input) {
    switch (operation) {
      case "CreateSecret":
        return operations.createSecret(account, region, input);
      case "PutSecretValue":
        return operations.putSecretValue(account, region, input);
      case "UpdateSecret":
        return operations.updateSecret(account, region, input);
      case "TagResource":
        return operations.tagResource(account, region, input);
      case "UntagResource":
        return operations.untagResource(account, region, input);
      case "DeleteSecret":
        return operations.deleteSecret(account, region, input);
      case "RestoreSecret":
        return operations.restoreSecret(account, region, input);
      case "ListSecrets":
        return operations.listSecrets(account, region, input);
      case "ListSecretVersionIds":
        return operations.listSecretVersionIds(account, region, input);
      case "UpdateSecretVersionStage":
        return operations.updateSecretVersionStage(account, region, input);
      default:
        // DescribeSecret: the secret's metadata, never a value.
        return operations.describeSecret(account, region, input);
    }
  }

  /** A status and a JSON body. */
  record Reply(int status, String body) {}

  Secret find(String accountId, String region, String secretId) {
    Secret byName = secrets.get(key(accountId, region, secretId));
    if (byName != null) {
      return byName;
    }
    String prefix = accountId + "/" + region + "/";
    for (Map.Entry<String, Secret> entry : secrets.entrySet()) {
      if (entry.getKey().startsWith(prefix) && entry.getValue().arn.equals(secretId)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    send(exchange, status, JSON, errorBody(code, message));
  }

  static String errorBody(String code, String message) {
    return "{\"__type\":" + quote(code) + (message == null ? "" : ",\"Message\":" + quote(message))
        + "}";
  }

  private void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    exchange.getResponseHeaders().set("x-amzn-RequestId",
        new UUID(0, requestIds.incrementAndGet()).toString());
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static Map<String, List<String>> lowerCase(HttpExchange exchange) {
    Map<String, List<String>> headers = new ConcurrentHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) ->
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
            .addAll(values));
    return headers;
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static JsonNode parse(byte[] body) {
    try {
      return JsonNode.parser().parse(body);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String text(JsonNode input, String field) {
    if (input == null || !input.isObject()) {
      return null;
    }
    return input.field(field).filter(JsonNode::isString).map(JsonNode::asString).orElse(null);
  }

  /** Returns {@code value} as a JSON string literal. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Stops the server at once (pending delayed answers are dropped). */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "FakeSecretsManager{endpoint=" + endpoint() + ", secrets=" + secrets.size() + "}";
  }

  private static final class Account {
    final String accountId;
    final String secretAccessKey;
    final String sessionToken;

    Account(String accountId, String secretAccessKey, String sessionToken) {
      this.accountId = accountId;
      this.secretAccessKey = secretAccessKey;
      this.sessionToken = sessionToken;
    }

    /** Long-term keys take no token; temporary ones need theirs. */
    boolean acceptsToken(String token) {
      return sessionToken == null ? token == null
          : token != null && java.security.MessageDigest.isEqual(
              sessionToken.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** One secret; guarded by its own monitor. */
  static final class Secret {
    /** The versions kept before deprecated ones are deleted. */
    static final int MAX_VERSIONS = 100;
    final String name;
    final String arn;
    final List<Version> versions = new ArrayList<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    final Instant createdDate = Instant.now();
    String description;
    Instant lastChangedDate = createdDate;
    /** When DeleteSecret was called, {@code null} unless scheduled for deletion. */
    volatile Instant deletedDate;
    /** The end of the recovery window. */
    Instant deletionDate;

    Secret(String name, String arn) {
      this.name = name;
      this.arn = arn;
    }

    Optional<Version> withStage(String stage) {
      return versions.stream().filter(v -> v.stages.contains(stage)).findFirst();
    }

    Optional<Version> version(String id) {
      return versions.stream().filter(v -> v.id.equals(id)).findFirst();
    }

    void touch() {
      lastChangedDate = Instant.now();
    }

    /**
     * As PutSecretValue: each stage moves to the new version; when AWSCURRENT moves, the old
     * current version becomes AWSPREVIOUS. Versions left without a stage are deprecated: kept
     * (listed by ListSecretVersionIds with IncludeDeprecated, readable by VersionId) until there
     * are more than {@value #MAX_VERSIONS} versions, then the oldest deprecated ones are deleted
     * (AWS: "Secrets Manager keeps 100 of the most recent versions, but it keeps all secret
     * versions created in the last 24 hours"; the fake deletes sooner, never later).
     */
    Version addVersion(String id, String string, byte[] binary, List<String> stages) {
      Version version = new Version(id, string, binary);
      for (String stage : stages) {
        if (stage.equals("AWSCURRENT")) {
          Optional<Version> old = withStage("AWSCURRENT");
          if (old.isPresent()) {
            versions.forEach(v -> v.stages.remove("AWSPREVIOUS"));
            old.get().stages.remove("AWSCURRENT");
            old.get().stages.add("AWSPREVIOUS");
          }
        } else {
          versions.forEach(v -> v.stages.remove(stage));
        }
        version.stages.add(stage);
      }
      versions.add(version);
      deleteOldDeprecated();
      touch();
      return version;
    }

    /** Deletes the oldest deprecated versions beyond {@value #MAX_VERSIONS} versions. */
    void deleteOldDeprecated() {
      for (int i = 0; versions.size() > MAX_VERSIONS && i < versions.size(); ) {
        if (versions.get(i).stages.isEmpty()) {
          versions.remove(i);
        } else {
          i++;
        }
      }
    }
  }

  static final class Version {
    final String id;
    final String string;
    final byte[] binary;
    final Instant created;
    final Set<String> stages = new LinkedHashSet<>();

    Version(String id, String string, byte[] binary) {
      this(id, string, binary, Instant.now());
    }

    private Version(String id, String string, byte[] binary, Instant created) {
      this.id = id;
      this.string = string;
      this.binary = binary;
      this.created = created;
    }

    boolean sameValue(String otherString, byte[] otherBinary) {
      return java.util.Objects.equals(string, otherString)
          && java.util.Arrays.equals(binary, otherBinary);
    }

    Version copy() {
      Version copy = new Version(id, string, binary, created);
      copy.stages.addAll(stages);
      return copy;
    }
  }

  private record Fault(int status, String contentType, String body, Duration delay) {}
}
