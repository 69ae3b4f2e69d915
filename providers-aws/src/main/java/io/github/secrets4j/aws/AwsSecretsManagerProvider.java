package io.github.secrets4j.aws;

import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.aws.internal.AwsErrors;
import io.github.secrets4j.aws.internal.AwsStoreWriter;
import io.github.secrets4j.aws.internal.CallDescription;
import io.github.secrets4j.aws.internal.ClientKey;
import io.github.secrets4j.aws.internal.ClientPool;
import io.github.secrets4j.aws.internal.ClientSettings;
import io.github.secrets4j.aws.internal.MissingFileException;
import io.github.secrets4j.aws.internal.SecretText;
import io.github.secrets4j.aws.internal.StoreSettings;
import io.github.secrets4j.spi.CachePolicy;
import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretWriter;
import io.github.secrets4j.spi.SecretsProvider;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * The {@code aws-secrets-manager} provider: reads secrets from AWS Secrets Manager with
 * {@code GetSecretValue}.
 *
 * <p>Parameters: {@code name} (required, secret name or ARN), {@code region}, {@code key} (a field
 * of a JSON-object secret; without it the whole value), {@code version_stage} (default
 * {@code AWSCURRENT}), {@code version_id}, {@code profile} (a named profile of the shared AWS
 * config, to use several accounts side by side).
 *
 * <p>One SDK client is kept per (region, profile, endpoint), created on first use and shared by all
 * threads, at most {@link Builder#maxClients} of them (the least recently used one is closed when a
 * new one would pass the bound, once no call runs on it); {@link #close()} closes them. A region is
 * checked against AWS's region syntax and a profile against the shared files before any client is
 * built. Values are not cached here: {@link #cachePolicy()} tells
 * the runtime how long it may keep them. Errors follow the wire error code: see {@code README.md}.
 * Never logs, prints or puts in an error a secret value or a credential.
 *
 * <p>It can also store secrets ({@link #writer()}): one secret per key, named
 * {@link Builder#storePrefix store prefix} + key, in the default region and profile; see
 * {@code README.md}, "Writes".
 *
 * <p>Discovered through {@link AwsSecretsManagerProviderFactory}, configured by the
 * {@code secrets4j.aws-secrets-manager.*} settings; or wired explicitly with {@link #builder()}.
 */
public final class AwsSecretsManagerProvider implements SecretsProvider {
  /** The slug secrets use to name this provider. */
  public static final String SLUG = "aws-secrets-manager";

  /** Default timeout for opening a connection. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  /** Default timeout for a whole GetSecretValue call, retries included. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
  /** Default number of attempts per call, the first one included. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  /** Default bound of the client pool: SDK clients kept open at most. */
  public static final int DEFAULT_MAX_CLIENTS = 16;
  /** Default prefix of the names of stored secrets (and value of their marker tag). */
  public static final String DEFAULT_STORE_PREFIX = "secrets4j/";
  /** Default recovery window of a removed stored secret, in days (AWS allows 7 to 30). */
  public static final int DEFAULT_RECOVERY_WINDOW_DAYS = 7;
  /** How long the runtime may keep a value by default. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);

  static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(1);
  static final Duration MAX_CALL_TIMEOUT = Duration.ofMinutes(5);
  static final int MAX_MAX_ATTEMPTS = 10;
  static final int MAX_MAX_CLIENTS = 1000;
  /** GetSecretValue's documented length limits (API reference, request parameters). */
  private static final int MAX_SECRET_ID = 2048;
  private static final int MAX_VERSION_ID = 64;
  private static final int MAX_VERSION_STAGE = 256;

  /**
   * The region ids of AWS's partitions, as the SDK's partition data gives them
   * ({@code regionRegex} of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f,
   * aws-eusc), with letters only in the middle part and at most two digits at the end.
   */
  private static final Pattern PARTITION_REGION = Pattern.compile("(?:(?:us|eu|ap|sa|ca|me|af|il|mx|cn)"
      + "|us-gov|us-iso[bf]?|eu-isoe|eusc-de)-[a-z]{1,20}-\\d{1,2}");
  /**
   * Any region id, for an endpoint override (a VPC endpoint, a proxy, a compatible service), where
   * the region is only the signing scope: lower-case letters and digits in parts joined by
   * {@code -}, at most 50 characters.
   */
  private static final Pattern ANY_REGION = Pattern.compile("(?=.{1,50}$)[a-z0-9]+(-[a-z0-9]+)*");
  private static final String DEFAULT_STAGE = "AWSCURRENT";

  private static final List<ParameterSpec> PARAMETERS = List.of(
      ParameterSpec.required("name", "Name or ARN of the secret"),
      ParameterSpec.optional("region",
          "AWS region of the secret; default: the region setting, then AWS_REGION, then the "
              + "SDK's region chain (the profile's region among others)"),
      ParameterSpec.optional("key",
          "Field of a JSON-object secret to return; without it the whole value is returned"),
      ParameterSpec.optional("version_stage", "Staging label of the version; default AWSCURRENT"),
      ParameterSpec.optional("version_id", "Unique id of the version to read"),
      ParameterSpec.optional("profile",
          "Named profile of the shared AWS config whose credentials are used (another account)"));

  /** The context of a provider built explicitly: no settings and no environment variables. */
  private static final ProviderContext NO_CONTEXT = new ProviderContext() {
    @Override
    public Optional<String> setting(String key) {
      return Optional.empty();
    }

    @Override
    public Optional<String> environmentVariable(String name) {
      return Optional.empty();
    }
  };

  private final String region;
  private final String endpoint;
  private final String profile;
  private final ProviderContext context;
  private final ClientSettings clientSettings;
  private final ClientPool clients;
  private final AwsStoreWriter writer;

  private AwsSecretsManagerProvider(Builder builder) {
    this.region = builder.region;
    this.endpoint = builder.endpoint == null ? "" : builder.endpoint.toString();
    this.profile = builder.profile;
    this.context = builder.context;
    this.clientSettings = new ClientSettings(builder.connectTimeout, builder.callTimeout,
        builder.maxAttempts, builder.maxClients, builder.configFile, builder.credentialsFile,
        context::environmentVariable);
    this.clients = new ClientPool(clientSettings, context);
    this.writer = new AwsStoreWriter(SLUG, new StoreSettings(builder.storePrefix,
        builder.recoveryWindowDays, builder.forceDelete), clients, clientSettings, context,
        this::storeTarget);
  }

  /**
   * Returns a builder with the defaults: no fixed region, endpoint or profile; bounded timeouts.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String slug() {
    return SLUG;
  }

  @Override
  public String name() {
    return "AWS Secrets Manager";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /** Returns a five-minute ttl: values change rarely and every call is billed and rate-limited. */
  @Override
  public CachePolicy cachePolicy() {
    return CachePolicy.ttl(DEFAULT_CACHE_TTL);
  }

  /**
   * Reads the secret the request's parameters name.
   *
   * @throws io.github.secrets4j.SecretValueNotFoundError if AWS has no such secret or version
   *     ({@code ResourceNotFoundException}), or the JSON object has no field {@code key}
   * @throws io.github.secrets4j.SecretParametersError if AWS rejects the parameters
   *     ({@code InvalidParameterException}), the region is malformed, or {@code key} is set and the
   *     value is not a JSON object
   * @throws io.github.secrets4j.SecretProviderError for every other failure: other service codes,
   *     network, timeouts, credentials, unreadable responses, binary values that are not UTF-8
   */
  @Override
  public String getValue(SecretRequest request) {
    String secretId = sent(request, "name", request.parameter("name"), MAX_SECRET_ID);
    Optional<String> versionId = request.optionalParameter("version_id")
        .map(id -> sent(request, "version_id", id, MAX_VERSION_ID));
    Optional<String> versionStage = request.optionalParameter("version_stage")
        .map(stage -> sent(request, "version_stage", stage, MAX_VERSION_STAGE));
    String profileName = profile(request);
    String regionId = region(request, profileName);

    GetSecretValueRequest.Builder call = GetSecretValueRequest.builder().secretId(secretId);
    String version;
    if (versionId.isPresent()) {
      call.versionId(versionId.get());
      // A stage is sent with an id only when asked for: AWS then checks they name one version.
      versionStage.ifPresent(call::versionStage);
      version = "version id '" + context.escape(versionId.get()) + "'" + versionStage
          .map(stage -> ", version stage '" + context.escape(stage) + "'").orElse("");
    } else {
      String stage = versionStage.orElse(DEFAULT_STAGE);
      call.versionStage(stage);
      version = "version stage '" + context.escape(stage) + "'";
    }
    // Only for messages: every part that came from a template or the environment is escaped.
    CallDescription description = new CallDescription("GetSecretValue", context.escape(secretId),
        context.escape(regionId), version, context.escape(endpoint.isEmpty()
            ? "the Secrets Manager endpoint of " + regionId : endpoint));

    ClientPool.Lease lease;
    try {
      lease = clients.lease(new ClientKey(regionId, profileName, endpoint));
    } catch (IllegalStateException e) {
      throw request.providerError("The AWS Secrets Manager provider is closed");
    } catch (MissingFileException e) {
      throw missingFile(request, e);
    } catch (SdkException e) {
      throw AwsErrors.map(context, AwsErrors.Errors.of(request), description, e, clientSettings);
    }
    GetSecretValueResponse response;
    try (lease) {
      response = lease.client().getSecretValue(call.build());
    } catch (SdkException e) {
      throw AwsErrors.map(context, AwsErrors.Errors.of(request), description, e, clientSettings);
    }
    String text = SecretText.of(request, description, response);
    Optional<String> key = request.optionalParameter("key");
    return key.isPresent() ? SecretText.field(context, request, description, text, key.get())
        : text;
  }

  /**
   * Returns the store: {@code put} is {@code CreateSecret} for a new name, else
   * {@code PutSecretValue}; metadata, owner and grants are the description and tags;
   * {@code list} is {@code ListSecrets} on the marker tag; {@code remove} is {@code DeleteSecret}
   * with the recovery window (or none with force-delete). Writes go to the default region and
   * profile (settings, then {@code AWS_REGION}/{@code AWS_PROFILE}, then the SDK's chain).
   *
   * @return the writer, always present
   */
  @Override
  public Optional<SecretWriter> writer() {
    return Optional.of(writer);
  }

  /** The region, profile and endpoint stored secrets live in; errors name {@code key}. */
  private ClientKey storeTarget(String key) {
    String profileName = profile != null ? profile : context.environmentVariable("AWS_PROFILE")
        .map(String::strip).filter(p -> !p.isEmpty()).orElse("");
    String regionId = region;
    if (regionId == null) {
      try {
        regionId = clients.defaultRegion(profileName).strip().toLowerCase(Locale.ROOT);
      } catch (MissingFileException e) {
        throw new SecretProviderError(key, SLUG, "The shared AWS " + e.kind() + " file "
            + context.escape(e.path()) + " (setting " + e.setting() + ") does not exist");
      } catch (SdkException e) {
        throw new SecretProviderError(key, SLUG, "No AWS region for the store: set the setting "
            + AwsSecretsManagerProviderFactory.REGION + " or AWS_REGION");
      }
      if (!isRegion(regionId, !endpoint.isEmpty())) {
        throw new SecretProviderError(key, SLUG, "The default region '" + context.escape(regionId)
            + "' is not " + REGION_EXPECTED);
      }
    }
    return new ClientKey(regionId, profileName, endpoint);
  }

  /**
   * Checks a parameter that is sent to AWS against GetSecretValue's documented length limit and
   * refuses control, format (bidi, invisible) and line-separator characters, which no secret name,
   * version id or staging label holds: such text would come back in the service's error message,
   * which the SDK logs raw at DEBUG.
   */
  private String sent(SecretRequest request, String parameter, String value, int maxLength) {
    if (value.length() > maxLength) {
      throw request.parametersError("The \"" + parameter + "\" parameter is " + value.length()
          + " characters long; AWS accepts at most " + maxLength + ": '" + context.escape(value)
          + "'");
    }
    if (value.codePoints().anyMatch(c -> Character.isISOControl(c)
        || Character.getType(c) == Character.FORMAT || c == 0x2028 || c == 0x2029)) {
      throw request.parametersError("The \"" + parameter + "\" parameter '"
          + context.escape(value) + "' holds control or invisible characters");
    }
    return value;
  }

  /**
   * The profile in use: the {@code profile} parameter, else the setting, else {@code AWS_PROFILE};
   * {@code ""} for none. A named profile must exist in the shared files before anything is built
   * for it, so a profile from {@code obj} cannot make the pool create clients for it.
   */
  private String profile(SecretRequest request) {
    Optional<String> fromParameter = request.optionalParameter("profile").map(String::strip);
    String name;
    String source;
    if (fromParameter.isPresent()) {
      name = fromParameter.get();
      source = "The \"profile\" parameter";
    } else if (profile != null) {
      name = profile;
      source = "The setting " + AwsSecretsManagerProviderFactory.PROFILE;
    } else {
      Optional<String> fromEnvironment =
          context.environmentVariable("AWS_PROFILE").map(String::strip).filter(p -> !p.isEmpty());
      if (fromEnvironment.isEmpty()) {
        return "";
      }
      name = fromEnvironment.get();
      source = "AWS_PROFILE";
    }
    boolean exists;
    try {
      exists = clients.profileExists(name);
    } catch (MissingFileException e) {
      throw missingFile(request, e);
    }
    if (!exists) {
      String reason = source + " names profile '" + context.escape(name) + "', which is in neither "
          + "the shared AWS config file nor the credentials file";
      throw fromParameter.isPresent() ? request.parametersError(reason)
          : request.providerError(reason);
    }
    return name;
  }

  /**
   * The region: the {@code region} parameter, else the setting, else {@code AWS_REGION} of the
   * runtime's environment, else the SDK's chain for the profile (system property
   * {@code aws.region}, the profile's {@code region}, instance metadata). Checked against AWS's
   * region syntax (any well-formed id with an endpoint override) before a client is built.
   */
  private String region(SecretRequest request, String profileName) {
    Optional<String> fromParameter = request.optionalParameter("region").map(String::strip);
    if (fromParameter.isPresent()) {
      String id = fromParameter.get().toLowerCase(Locale.ROOT);
      if (!isRegion(id, !endpoint.isEmpty())) {
        throw request.parametersError("The \"region\" parameter '"
            + context.escape(fromParameter.get()) + "' is not " + REGION_EXPECTED);
      }
      return id;
    }
    if (region != null) {
      return region;
    }
    String id;
    try {
      id = clients.defaultRegion(profileName).strip().toLowerCase(Locale.ROOT);
    } catch (MissingFileException e) {
      throw missingFile(request, e);
    } catch (SdkException e) {
      throw request.providerError("No AWS region for secret '"
          + context.escape(request.parameter("name")) + "': set the \"region\" parameter, the "
          + "setting " + AwsSecretsManagerProviderFactory.REGION + " or AWS_REGION"
          + (profileName.isEmpty() ? ""
              : ", or a region in profile \"" + context.escape(profileName) + "\""));
    }
    if (!isRegion(id, !endpoint.isEmpty())) {
      throw request.providerError("The default region '" + context.escape(id) + "' (from "
          + "AWS_REGION, the system property aws.region or the profile) is not "
          + REGION_EXPECTED);
    }
    return id;
  }

  static final String REGION_EXPECTED = "an AWS region id such as eu-west-1";

  /**
   * Whether {@code id} is a region id: of an AWS partition, or, with an endpoint override, any
   * well-formed id.
   */
  static boolean isRegion(String id, boolean endpointOverride) {
    return (endpointOverride ? ANY_REGION : PARTITION_REGION).matcher(id).matches();
  }

  private RuntimeException missingFile(SecretRequest request, MissingFileException e) {
    return request.providerError("The shared AWS " + e.kind() + " file "
        + context.escape(e.path()) + " (setting " + e.setting() + ") does not exist");
  }

  /** Returns how many SDK clients the pool holds (one per region, profile and endpoint used). */
  int openClients() {
    return clients.size();
  }

  /** Returns how many SDK clients are open, in the pool or evicted while a call ran on them. */
  int liveClients() {
    return clients.liveClients();
  }

  /** Closes every SDK client and credentials provider. Idempotent; later reads fail. */
  @Override
  public void close() {
    clients.close();
  }

  /** Shows the configuration and the open clients; never a credential or value. */
  @Override
  public String toString() {
    return "AwsSecretsManagerProvider{region=" + (region == null ? "default" : region)
        + ", endpoint=" + (endpoint.isEmpty() ? "default" : endpoint)
        + ", profile=" + (profile == null ? "default" : profile)
        + ", " + clientSettings + ", " + clients + "}";
  }

  /**
   * Builds an {@link AwsSecretsManagerProvider}. Every setter checks its argument at once and
   * throws {@link NullPointerException} or {@link IllegalArgumentException} naming it.
   */
  public static final class Builder {
    private String region;
    private URI endpoint;
    private String profile;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private int maxClients = DEFAULT_MAX_CLIENTS;
    private Path configFile;
    private Path credentialsFile;
    private ProviderContext context = NO_CONTEXT;
    private String storePrefix = DEFAULT_STORE_PREFIX;
    private int recoveryWindowDays = DEFAULT_RECOVERY_WINDOW_DAYS;
    private boolean forceDelete;

    private Builder() {}

    /**
     * Sets the prefix of the names of stored secrets: key {@code app/db} is the secret
     * {@code <prefix>app/db}. It is also the value of each stored secret's
     * {@code secrets4j:store} tag, which {@code list} filters on, so two stores with different
     * prefixes never list each other's secrets.
     *
     * @param storePrefix the prefix; default {@value #DEFAULT_STORE_PREFIX}; empty for none
     * @return this builder
     * @throws IllegalArgumentException if it holds characters AWS refuses in a secret name (other
     *     than ASCII letters, digits and {@code / _ + = . @ -}) or is longer than 256 characters
     */
    public Builder storePrefix(String storePrefix) {
      Objects.requireNonNull(storePrefix, "storePrefix");
      if (storePrefix.length() > 256 || !storePrefix.matches("[A-Za-z0-9/_+=.@-]*")) {
        throw new IllegalArgumentException("storePrefix '" + storePrefix + "' must be at most 256 "
            + "ASCII letters, digits or / _ + = . @ -");
      }
      this.storePrefix = storePrefix;
      return this;
    }

    /**
     * Sets how long a removed stored secret can still be restored ({@code DeleteSecret}'s
     * {@code RecoveryWindowInDays}); during that time its name cannot be put again.
     *
     * @param recoveryWindow whole days, 7 to 30; default 7 days
     * @return this builder
     * @throws IllegalArgumentException if it is not a whole number of days from 7 to 30
     */
    public Builder recoveryWindow(Duration recoveryWindow) {
      Objects.requireNonNull(recoveryWindow, "recoveryWindow");
      long days = recoveryWindow.toDays();
      if (!recoveryWindow.equals(Duration.ofDays(days)) || days < 7 || days > 30) {
        throw new IllegalArgumentException("recoveryWindow must be 7 to 30 whole days: "
            + recoveryWindow);
      }
      this.recoveryWindowDays = (int) days;
      return this;
    }

    /**
     * Sets whether a removal deletes the secret at once ({@code ForceDeleteWithoutRecovery}):
     * nothing can be restored, and the key can be put again right away.
     *
     * @param forceDelete whether removals skip the recovery window; default false
     * @return this builder
     */
    public Builder forceDelete(boolean forceDelete) {
      this.forceDelete = forceDelete;
      return this;
    }

    /**
     * The region used when a secret has no {@code region} parameter, for example
     * {@code eu-west-1}: a region id of an AWS partition ({@code us-east-1},
     * {@code cn-north-1}, {@code us-gov-west-1}, {@code us-iso-east-1}, ...); with an
     * {@link #endpoint} override, any id of lower-case letters and digits joined by {@code -}
     * (checked by {@link #build()}).
     *
     * @param region the region id
     * @return this builder
     * @throws IllegalArgumentException if it is not of that form at all
     */
    public Builder region(String region) {
      Objects.requireNonNull(region, "region");
      String id = region.strip().toLowerCase(Locale.ROOT);
      if (!isRegion(id, true)) {
        throw new IllegalArgumentException("region '" + region + "' is not " + REGION_EXPECTED);
      }
      this.region = id;
      return this;
    }

    /**
     * Sets an endpoint that replaces the region's public one (a VPC endpoint, a proxy, a fake in
     * tests).
     *
     * @param endpoint the endpoint's URI, without user information
     * @return this builder
     * @throws IllegalArgumentException unless it is an absolute http or https URI with a host
     */
    public Builder endpoint(URI endpoint) {
      Objects.requireNonNull(endpoint, "endpoint");
      String scheme = endpoint.getScheme();
      if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || endpoint.getHost() == null) {
        throw new IllegalArgumentException("endpoint '" + endpoint
            + "' must be an absolute http or https URI such as https://vpce-1.secretsmanager.eu-west-1.vpce.amazonaws.com");
      }
      if (endpoint.getRawUserInfo() != null) {
        throw new IllegalArgumentException("endpoint must not contain user information");
      }
      this.endpoint = endpoint;
      return this;
    }

    /**
     * Sets the named profile used when a secret has no {@code profile} parameter.
     *
     * @param profile a profile of the shared config and credentials files
     * @return this builder
     * @throws IllegalArgumentException if it is blank
     */
    public Builder profile(String profile) {
      Objects.requireNonNull(profile, "profile");
      if (profile.isBlank()) {
        throw new IllegalArgumentException("profile must not be blank");
      }
      this.profile = profile.strip();
      return this;
    }

    /**
     * Sets how long to wait for a connection.
     *
     * @param connectTimeout positive, at most one minute; default 2 s
     * @return this builder
     * @throws IllegalArgumentException if it is out of range
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = bounded(connectTimeout, MAX_CONNECT_TIMEOUT, "connectTimeout");
      return this;
    }

    /**
     * How long one read may take in all, retries and back-off included: positive, at most five
     * minutes; default 10 s.
     *
     * @param callTimeout the whole time one read may take
     * @return this builder
     * @throws IllegalArgumentException if it is out of range
     */
    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = bounded(callTimeout, MAX_CALL_TIMEOUT, "callTimeout");
      return this;
    }

    /**
     * Attempts per read, the first included, for throttling, 5xx and network failures: 1 to 10;
     * default 3 (the SDK's standard retry strategy with its back-off).
     *
     * @param maxAttempts attempts per read, the first included
     * @return this builder
     * @throws IllegalArgumentException if it is out of range
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > MAX_MAX_ATTEMPTS) {
        throw new IllegalArgumentException("maxAttempts must be between 1 and " + MAX_MAX_ATTEMPTS
            + ": " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * How many SDK clients (one per region and profile used) are kept open at most: 1 to 1000;
     * default 16. When a new one would pass the bound, the least recently used one is closed once
     * no call runs on it.
     *
     * @param maxClients the bound
     * @return this builder
     * @throws IllegalArgumentException if it is out of bounds
     */
    public Builder maxClients(int maxClients) {
      if (maxClients < 1 || maxClients > MAX_MAX_CLIENTS) {
        throw new IllegalArgumentException("maxClients must be between 1 and " + MAX_MAX_CLIENTS
            + ": " + maxClients);
      }
      this.maxClients = maxClients;
      return this;
    }

    /**
     * Sets the shared AWS config file (profiles' regions and settings).
     *
     * @param configFile the file; default {@code AWS_CONFIG_FILE}, else {@code ~/.aws/config}
     * @return this builder
     */
    public Builder configFile(Path configFile) {
      this.configFile = Objects.requireNonNull(configFile, "configFile");
      return this;
    }

    /**
     * The shared AWS credentials file; default {@code AWS_SHARED_CREDENTIALS_FILE}, else
     * {@code ~/.aws/credentials}.
     *
     * @param credentialsFile the file holding the profiles' keys
     * @return this builder
     */
    public Builder credentialsFile(Path credentialsFile) {
      this.credentialsFile = Objects.requireNonNull(credentialsFile, "credentialsFile");
      return this;
    }

    /**
     * The runtime's context, which the factory passes: its environment is where
     * {@code AWS_REGION}, {@code AWS_PROFILE}, {@code AWS_ACCESS_KEY_ID},
     * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}, {@code AWS_CONFIG_FILE} and
     * {@code AWS_SHARED_CREDENTIALS_FILE} are read before the SDK's own chains (which read the
     * process environment), and its {@link ProviderContext#escape} prints untrusted text in
     * messages. Without it: no variables, the default escaping.
     */
    Builder context(ProviderContext context) {
      this.context = Objects.requireNonNull(context, "context");
      return this;
    }

    private static Duration bounded(Duration duration, Duration max, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero() || duration.compareTo(max) > 0) {
        throw new IllegalArgumentException(name + " must be positive and at most " + max + ": "
            + duration);
      }
      return duration;
    }

    /**
     * Builds the provider; no client is created and no I/O happens before the first read.
     *
     * @return the provider; close it (or the runtime it is wired into) to release its clients
     * @throws IllegalArgumentException if the region is not an AWS region id and no endpoint
     *     override is set
     */
    public AwsSecretsManagerProvider build() {
      if (region != null && !isRegion(region, endpoint != null)) {
        throw new IllegalArgumentException("region '" + region + "' is not " + REGION_EXPECTED
            + " (any well-formed id is accepted only with an endpoint override)");
      }
      return new AwsSecretsManagerProvider(this);
    }
  }
}
