package io.github.secrets4j.aws.internal;

import io.github.secrets4j.spi.ProviderContext;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileLocation;
import software.amazon.awssdk.profiles.ProfileFileSupplier;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.utils.IoUtils;

/**
 * The Secrets Manager clients of one provider: one per {@link ClientKey}, created on first use,
 * reused by every thread, closed together.
 *
 * <p>Credentials come from the SDK: the named profile of the shared config and credentials files,
 * or, without a profile, the SDK's default chain. The {@code AWS_*} variables this class reads
 * itself ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN},
 * {@code AWS_CONFIG_FILE}, {@code AWS_SHARED_CREDENTIALS_FILE}) come from the runtime's environment,
 * so a runtime built with another environment sees that one. Nothing here logs a credential.
 */
public final class ClientPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClientPool.class);

  private final ClientSettings settings;
  private final ProviderContext context;
  private final Map<ClientKey, Entry> clients = new ConcurrentHashMap<>();
  private final Map<String, String> defaultRegions = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * Creates an empty pool; no I/O happens before the first client is asked for.
   *
   * @param context escapes what is logged (a profile name may come from a template)
   */
  public ClientPool(ClientSettings settings, ProviderContext context) {
    this.settings = settings;
    this.context = context;
  }

  /**
   * Returns the client for {@code key}, creating it on first use.
   *
   * @throws IllegalStateException if the pool is closed
   * @throws MissingFileException if a shared file set explicitly does not exist
   * @throws SdkClientException if the client cannot be built
   */
  public SecretsManagerClient client(ClientKey key) {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    Entry entry = clients.computeIfAbsent(key, this::create);
    if (closed) {
      // close() raced with the creation: do not leave this client open.
      entry.close();
      throw new IllegalStateException("closed");
    }
    return entry.client;
  }

  /** Returns how many clients are open. */
  public int size() {
    return clients.size();
  }

  /**
   * Returns the region to use when neither the secret nor the settings name one: {@code AWS_REGION}
   * of the runtime's environment, else the SDK's region chain for {@code profile} (system property
   * {@code aws.region}, the profile's {@code region}, the EC2 instance metadata).
   *
   * @throws SdkClientException if none of them gives a region
   * @throws MissingFileException if a shared file set explicitly does not exist
   */
  public String defaultRegion(String profile) {
    Optional<String> fromEnvironment = settings.environmentVariable("AWS_REGION");
    if (fromEnvironment.isPresent()) {
      return fromEnvironment.get();
    }
    return defaultRegions.computeIfAbsent(profile, p -> {
      DefaultAwsRegionProviderChain.Builder chain =
          DefaultAwsRegionProviderChain.builder().profileFile(profileFiles());
      if (!p.isEmpty()) {
        chain.profileName(p);
      }
      return chain.build().getRegion().id();
    });
  }

  private Entry create(ClientKey key) {
    ProfileFileSupplier profileFiles = profileFiles();
    AwsCredentialsProvider credentials = credentials(key.profile(), profileFiles);
    SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
        .region(Region.of(key.region()))
        .credentialsProvider(credentials)
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(settings.connectTimeout())
            .socketTimeout(settings.callTimeout()))
        .overrideConfiguration(override -> {
          override.apiCallTimeout(settings.callTimeout())
              .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                  .maxAttempts(settings.maxAttempts())
                  .build())
              .defaultProfileFileSupplier(profileFiles);
          if (!key.profile().isEmpty()) {
            override.defaultProfileName(key.profile());
          }
        });
    if (!key.endpoint().isEmpty()) {
      builder.endpointOverride(URI.create(key.endpoint()));
    }
    try {
      SecretsManagerClient client = builder.build();
      LOG.debug("Created Secrets Manager client (region {}, profile \"{}\", endpoint {})",
          context.escape(key.region()), context.escape(key.profile()),
          key.endpoint().isEmpty() ? "default" : context.escape(key.endpoint()));
      return new Entry(client, credentials);
    } catch (RuntimeException e) {
      IoUtils.closeIfCloseable(credentials, null);
      throw e;
    }
  }

  private AwsCredentialsProvider credentials(String profile, ProfileFileSupplier profileFiles) {
    if (!profile.isEmpty()) {
      return new GuardedCredentialsProvider(
          ProfileCredentialsProvider.builder().profileFile(profileFiles).profileName(profile).build(),
          "profile \"" + profile + "\" of the shared config and credentials files");
    }
    AwsCredentialsProvider chain = AwsCredentialsProviderChain.builder()
        .reuseLastProviderEnabled(true)
        .credentialsProviders(
            SystemPropertyCredentialsProvider.create(),
            new RuntimeEnvironmentCredentialsProvider(),
            DefaultCredentialsProvider.builder().profileFile(profileFiles).build())
        .build();
    return new GuardedCredentialsProvider(chain, "the default credentials chain");
  }

  /** The environment step of the default chain, reading the runtime's environment. */
  private final class RuntimeEnvironmentCredentialsProvider implements AwsCredentialsProvider {
    @Override
    public AwsCredentials resolveCredentials() {
      Optional<String> accessKeyId = settings.environmentVariable("AWS_ACCESS_KEY_ID");
      Optional<String> secretAccessKey = settings.environmentVariable("AWS_SECRET_ACCESS_KEY");
      if (accessKeyId.isEmpty() || secretAccessKey.isEmpty()) {
        throw SdkClientException.create("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both"
            + " set in the runtime's environment");
      }
      Optional<String> sessionToken = settings.environmentVariable("AWS_SESSION_TOKEN");
      return sessionToken.isPresent()
          ? AwsSessionCredentials.create(accessKeyId.get(), secretAccessKey.get(),
              sessionToken.get())
          : AwsBasicCredentials.create(accessKeyId.get(), secretAccessKey.get());
    }

    @Override
    public String toString() {
      return "RuntimeEnvironmentCredentialsProvider()";
    }
  }

  private ProfileFileSupplier profileFiles() {
    settings.configFile().filter(path -> !Files.isRegularFile(path)).ifPresent(path -> {
      throw new MissingFileException("config", path, "secrets4j.aws-secrets-manager.config-file");
    });
    settings.credentialsFile().filter(path -> !Files.isRegularFile(path)).ifPresent(path -> {
      throw new MissingFileException("credentials", path,
          "secrets4j.aws-secrets-manager.credentials-file");
    });
    Path config = settings.configFile()
        .or(() -> settings.environmentVariable("AWS_CONFIG_FILE").map(Paths::get))
        .orElseGet(ProfileFileLocation::configurationFilePath);
    Path credentials = settings.credentialsFile()
        .or(() -> settings.environmentVariable("AWS_SHARED_CREDENTIALS_FILE").map(Paths::get))
        .orElseGet(ProfileFileLocation::credentialsFilePath);
    List<ProfileFileSupplier> files = new ArrayList<>(2);
    // Reloaded when modified, so rotated keys in the files are picked up without a restart.
    if (Files.isRegularFile(credentials)) {
      files.add(ProfileFileSupplier.reloadWhenModified(credentials, ProfileFile.Type.CREDENTIALS));
    }
    if (Files.isRegularFile(config)) {
      files.add(ProfileFileSupplier.reloadWhenModified(config, ProfileFile.Type.CONFIGURATION));
    }
    if (files.isEmpty()) {
      return ProfileFileSupplier.fixedProfileFile(ProfileFile.aggregator().build());
    }
    return ProfileFileSupplier.aggregate(files.toArray(new ProfileFileSupplier[0]));
  }

  /** Closes every client and its credentials; later calls to {@link #client} fail. Idempotent. */
  @Override
  public void close() {
    closed = true;
    for (ClientKey key : List.copyOf(clients.keySet())) {
      Entry entry = clients.remove(key);
      if (entry != null) {
        entry.close();
      }
    }
  }

  @Override
  public String toString() {
    return "ClientPool{clients=" + clients.keySet() + (closed ? ", closed" : "") + "}";
  }

  private static final class Entry {
    final SecretsManagerClient client;
    final AwsCredentialsProvider credentials;

    Entry(SecretsManagerClient client, AwsCredentialsProvider credentials) {
      this.client = client;
      this.credentials = credentials;
    }

    void close() {
      try {
        client.close();
      } catch (RuntimeException e) {
        LOG.warn("Closing a Secrets Manager client failed: {}", e.getClass().getName());
      }
      IoUtils.closeIfCloseable(credentials, null);
    }
  }
}
