package io.github.secrets4j.aws;

import io.github.secrets4j.aws.internal.AwsErrors;
import io.github.secrets4j.aws.internal.CallDescription;
import io.github.secrets4j.aws.internal.ClientKey;
import io.github.secrets4j.aws.internal.ClientPool;
import io.github.secrets4j.aws.internal.ClientSettings;
import io.github.secrets4j.aws.internal.MissingFileException;
import io.github.secrets4j.aws.internal.SecretText;
import io.github.secrets4j.spi.CachePolicy;
import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretRequest;
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
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
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
 * threads; {@link #close()} closes them. Values are not cached here: {@link #cachePolicy()} tells
 * the runtime how long it may keep them. Errors follow the wire error code: see {@code README.md}.
 * Never logs, prints or puts in an error a secret value or a credential.
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
  /** How long the runtime may keep a value by default. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);

  static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(1);
  static final Duration MAX_CALL_TIMEOUT = Duration.ofMinutes(5);
  static final int MAX_MAX_ATTEMPTS = 10;

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+");
  private static final String DEFAULT_STAGE = "AWSCURRENT";

  private static final List<ParameterSpec> PARAMETERS = List.of(
      ParameterSpec.required("name", "Name or ARN of the secret"),
      ParameterSpec.optional("region",
          "AWS region of the secret; default: the region setting, then the SDK's region chain"),
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

  private AwsSecretsManagerProvider(Builder builder) {
    this.region = builder.region;
    this.endpoint = builder.endpoint == null ? "" : builder.endpoint.toString();
    this.profile = builder.profile;
    this.context = builder.context;
    this.clientSettings = new ClientSettings(builder.connectTimeout, builder.callTimeout,
        builder.maxAttempts, builder.configFile, builder.credentialsFile,
        context::environmentVariable);
    this.clients = new ClientPool(clientSettings, context);
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
    String secretId = request.parameter("name");
    Optional<String> versionId = request.optionalParameter("version_id");
    Optional<String> versionStage = request.optionalParameter("version_stage");
    String profileName = request.optionalParameter("profile")
        .or(() -> Optional.ofNullable(profile))
        .or(() -> context.environmentVariable("AWS_PROFILE").filter(p -> !p.isBlank()))
        .orElse("")
        .strip();
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
    CallDescription description = new CallDescription(context.escape(secretId),
        context.escape(regionId), version, context.escape(endpoint.isEmpty()
            ? "the Secrets Manager endpoint of " + regionId : endpoint));

    SecretsManagerClient client;
    try {
      client = clients.client(new ClientKey(regionId, profileName, endpoint));
    } catch (IllegalStateException e) {
      throw request.providerError("The AWS Secrets Manager provider is closed");
    } catch (MissingFileException e) {
      throw missingFile(request, e);
    } catch (SdkException e) {
      throw AwsErrors.map(context, request, description, e, clientSettings);
    }
    GetSecretValueResponse response;
    try {
      response = client.getSecretValue(call.build());
    } catch (SdkException e) {
      throw AwsErrors.map(context, request, description, e, clientSettings);
    }
    String text = SecretText.of(request, description, response);
    Optional<String> key = request.optionalParameter("key");
    return key.isPresent() ? SecretText.field(context, request, description, text, key.get())
        : text;
  }

  private String region(SecretRequest request, String profileName) {
    Optional<String> fromParameter = request.optionalParameter("region").map(String::strip);
    if (fromParameter.isPresent()) {
      String id = fromParameter.get().toLowerCase(Locale.ROOT);
      if (!REGION.matcher(id).matches()) {
        throw request.parametersError("The \"region\" parameter '"
            + context.escape(fromParameter.get()) + "' is not an AWS region id such as eu-west-1");
      }
      return id;
    }
    if (region != null) {
      return region;
    }
    try {
      return clients.defaultRegion(profileName);
    } catch (MissingFileException e) {
      throw missingFile(request, e);
    } catch (SdkException e) {
      throw request.providerError("No AWS region for secret '"
          + context.escape(request.parameter("name")) + "': set the \"region\" parameter, the "
          + "setting " + AwsSecretsManagerProviderFactory.REGION + " or AWS_REGION"
          + (profileName.isEmpty() ? ""
              : ", or a region in profile \"" + context.escape(profileName) + "\""));
    }
  }

  private RuntimeException missingFile(SecretRequest request, MissingFileException e) {
    return request.providerError("The shared AWS " + e.kind() + " file "
        + context.escape(e.path()) + " (setting " + e.setting() + ") does not exist");
  }

  /** Returns how many SDK clients are open (one per region, profile and endpoint used). */
  int openClients() {
    return clients.size();
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
    private Path configFile;
    private Path credentialsFile;
    private ProviderContext context = NO_CONTEXT;

    private Builder() {}

    /**
     * Sets the region used when a secret has no {@code region} parameter.
     *
     * @param region an AWS region id, for example {@code eu-west-1} (stripped, lower-cased)
     * @return this builder
     * @throws IllegalArgumentException if it is not an AWS region id
     */
    public Builder region(String region) {
      Objects.requireNonNull(region, "region");
      String id = region.strip().toLowerCase(Locale.ROOT);
      if (!REGION.matcher(id).matches()) {
        throw new IllegalArgumentException("region '" + region
            + "' is not an AWS region id such as eu-west-1");
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
     */
    public AwsSecretsManagerProvider build() {
      return new AwsSecretsManagerProvider(this);
    }
  }
}
