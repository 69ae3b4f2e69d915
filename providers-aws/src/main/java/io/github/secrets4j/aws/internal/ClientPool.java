package io.github.secrets4j.aws.internal;

import io.github.secrets4j.spi.ProviderContext;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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

/**
 * The Secrets Manager clients of one provider: one per {@link ClientKey}, created on first use,
 * reused by every thread, at most {@link ClientSettings#maxClients()} of them. When a new key
 * would pass the bound, the least recently used client leaves the pool and is closed as soon as
 * no call is running on it: a call holds its client through a {@link Lease}, so closing an evicted
 * client never breaks a request in flight.
 *
 * <p>Credentials come from the SDK: the named profile of the shared config and credentials files,
 * or, without a profile, the SDK's default chain. The {@code AWS_*} variables this class reads
 * itself ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN},
 * {@code AWS_CONFIG_FILE}, {@code AWS_SHARED_CREDENTIALS_FILE}) come from the runtime's environment,
 * so a runtime built with another environment sees that one. Requests are signed by
 * {@link TokenSafeSigner}, so no session token reaches a log line. Nothing here logs a credential.
 */
public final class ClientPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClientPool.class);

  private final ClientSettings settings;
  private final ProviderContext context;
  private final Object lock = new Object();
  /** In access order, least recently used first; guarded by {@link #lock}. */
  private final LinkedHashMap<ClientKey, Entry> clients = new LinkedHashMap<>(16, 0.75f, true);
  /** Keyed by profiles that exist (checked first) and {@code ""}: bounded by the shared files. */
  private final Map<String, String> defaultRegions = new ConcurrentHashMap<>();
  private final AtomicInteger live = new AtomicInteger();
  private volatile ProfileFileSupplier profileFiles;
  private boolean closed;

  /**
   * Creates an empty pool; no I/O happens before the first client is asked for.
   *
   * @param settings how clients are built and how many are kept
   * @param context escapes what is logged (a profile name may come from a template)
   */
  public ClientPool(ClientSettings settings, ProviderContext context) {
    this.settings = settings;
    this.context = context;
  }

  /**
   * Returns a lease on the client for {@code key}, creating the client on first use (and closing
   * the least recently used one if the pool is full). Close the lease when the call is done.
   *
   * @param key the region, profile and endpoint of the client
   * @return the lease, which holds the client open until it is closed
   * @throws IllegalStateException if the pool is closed
   * @throws MissingFileException if a shared file set explicitly does not exist
   * @throws SdkClientException if the client cannot be built
   */
  public Lease lease(ClientKey key) {
    List<Entry> evicted = new ArrayList<>(1);
    try {
      synchronized (lock) {
        if (closed) {
          throw new IllegalStateException("closed");
        }
        Entry entry = clients.get(key);
        if (entry == null) {
          entry = create(key);
          clients.put(key, entry);
          Iterator<Entry> eldest = clients.values().iterator();
          while (clients.size() > settings.maxClients()) {
            Entry out = eldest.next();
            eldest.remove();
            if (out.evict()) {
              evicted.add(out);
            }
          }
        }
        entry.users++;
        return new Lease(entry);
      }
    } finally {
      evicted.forEach(Entry::close);
    }
  }

  /** Returns how many clients the pool holds (at most the bound). */
  public int size() {
    synchronized (lock) {
      return clients.size();
    }
  }

  /**
   * Returns how many SDK clients are open: those in the pool and those evicted or closed while a
   * call still ran on them.
   *
   * @return the number of clients created and not yet closed
   */
  public int liveClients() {
    return live.get();
  }

  /**
   * Returns whether {@code profile} is a profile of the shared config or credentials files
   * ({@code [profile NAME]} in the config file or {@code [NAME]} in the credentials file). Reads
   * the files (re-read when they change); creates no client.
   *
   * @param profile the profile name
   * @return whether the files define it
   * @throws MissingFileException if a shared file set explicitly does not exist
   */
  public boolean profileExists(String profile) {
    return profileFiles().get().profile(profile).isPresent();
  }

  /**
   * Returns the region to use when neither the secret nor the settings name one: {@code AWS_REGION}
   * of the runtime's environment, else the SDK's region chain for {@code profile} (system property
   * {@code aws.region}, the profile's {@code region}, the EC2 instance metadata).
   *
   * @param profile the profile in use, {@code ""} for none; one that exists (checked before)
   * @return the region id
   * @throws SdkClientException if none of them gives a region
   * @throws MissingFileException if a shared file set explicitly does not exist
   */
  public String defaultRegion(String profile) {
    Optional<String> fromEnvironment = settings.environmentVariable("AWS_REGION");
    if (fromEnvironment.isPresent()) {
      return fromEnvironment.get();
    }
    ProfileFileSupplier files = profileFiles();
    return defaultRegions.computeIfAbsent(profile, p -> {
      DefaultAwsRegionProviderChain.Builder chain =
          DefaultAwsRegionProviderChain.builder().profileFile(files);
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
        .putAuthScheme(new TokenSafeAuthScheme())
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
      live.incrementAndGet();
      LOG.debug("Created Secrets Manager client (region {}, profile \"{}\", endpoint {})",
          context.escape(key.region()), context.escape(key.profile()),
          key.endpoint().isEmpty() ? "default" : context.escape(key.endpoint()));
      return new Entry(key, client, credentials);
    } catch (RuntimeException e) {
      closeQuietly(credentials);
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

  /**
   * The shared files, one supplier for the pool (re-read when they change); a file set explicitly
   * is checked on every call, so one deleted later is reported as missing.
   */
  private ProfileFileSupplier profileFiles() {
    checkExplicitFiles();
    ProfileFileSupplier files = profileFiles;
    if (files == null) {
      synchronized (this) {
        files = profileFiles;
        if (files == null) {
          files = newProfileFiles();
          profileFiles = files;
        }
      }
    }
    return files;
  }

  private void checkExplicitFiles() {
    settings.configFile().filter(path -> !Files.isRegularFile(path)).ifPresent(path -> {
      throw new MissingFileException("config", path, "secrets4j.aws-secrets-manager.config-file");
    });
    settings.credentialsFile().filter(path -> !Files.isRegularFile(path)).ifPresent(path -> {
      throw new MissingFileException("credentials", path,
          "secrets4j.aws-secrets-manager.credentials-file");
    });
  }

  private ProfileFileSupplier newProfileFiles() {
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

  /**
   * Closes every client and its credentials (a client still in use by a call is closed when the
   * call ends); later calls to {@link #lease} fail. Idempotent.
   */
  @Override
  public void close() {
    List<Entry> idle = new ArrayList<>();
    synchronized (lock) {
      closed = true;
      for (Entry entry : clients.values()) {
        if (entry.evict()) {
          idle.add(entry);
        }
      }
      clients.clear();
    }
    idle.forEach(Entry::close);
  }

  /** Shows the pooled clients' regions and profiles, escaped; never a credential. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("ClientPool{max=").append(settings.maxClients())
        .append(", clients=[");
    synchronized (lock) {
      int i = 0;
      for (ClientKey key : clients.keySet()) {
        out.append(i++ == 0 ? "" : ", ").append(context.escape(key.region()))
            .append(key.profile().isEmpty() ? "" : "/" + context.escape(key.profile()));
      }
      out.append(']').append(closed ? ", closed" : "");
    }
    return out.append('}').toString();
  }

  /**
   * One call's hold on a client: the client stays open until every lease on it is closed, even
   * when the pool has evicted it meanwhile.
   */
  public final class Lease implements AutoCloseable {
    private final Entry entry;
    private boolean released;

    private Lease(Entry entry) {
      this.entry = entry;
    }

    /**
     * Returns the client.
     *
     * @return the leased client, open until this lease is closed
     */
    public SecretsManagerClient client() {
      return entry.client;
    }

    /** Gives the client back; closes it if the pool evicted it and no other call uses it. */
    @Override
    public void close() {
      boolean last;
      synchronized (lock) {
        if (released) {
          return;
        }
        released = true;
        entry.users--;
        last = entry.evicted && entry.users == 0;
      }
      if (last) {
        entry.close();
      }
    }
  }

  private final class Entry {
    final ClientKey key;
    final SecretsManagerClient client;
    final AwsCredentialsProvider credentials;
    /** Calls running on the client; guarded by {@link #lock}. */
    int users;
    /** Out of the pool; guarded by {@link #lock}. */
    boolean evicted;

    Entry(ClientKey key, SecretsManagerClient client, AwsCredentialsProvider credentials) {
      this.key = key;
      this.client = client;
      this.credentials = credentials;
    }

    /** Marks the entry evicted (under the lock); returns whether it may be closed now. */
    boolean evict() {
      evicted = true;
      return users == 0;
    }

    void close() {
      try {
        client.close();
      } catch (RuntimeException e) {
        LOG.warn("Closing a Secrets Manager client failed: {}", e.getClass().getName());
      }
      closeQuietly(credentials);
      live.decrementAndGet();
      LOG.debug("Closed Secrets Manager client (region {}, profile \"{}\")",
          context.escape(key.region()), context.escape(key.profile()));
    }
  }

  /** Closes credentials that hold resources (an STS client, a refresh thread), ignoring failures. */
  private static void closeQuietly(Object credentials) {
    if (credentials instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.debug("Closing AWS credentials failed: {}", e.getClass().getName());
      }
    }
  }
}
