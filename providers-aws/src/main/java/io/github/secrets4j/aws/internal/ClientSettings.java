package io.github.secrets4j.aws.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How clients are built and how many are kept: timeouts, attempts, the pool's bound, where the
 * shared AWS config and credentials files are, and the environment the {@code AWS_*} variables are
 * read from. Holds no credentials.
 */
public final class ClientSettings {
  private final Duration connectTimeout;
  private final Duration callTimeout;
  private final int maxAttempts;
  private final int maxClients;
  private final Path configFile;
  private final Path credentialsFile;
  private final Function<String, Optional<String>> environment;

  /**
   * Holds the settings as given; the provider's builder has checked them.
   *
   * @param connectTimeout how long to wait for a TCP connection
   * @param callTimeout how long one GetSecretValue call may take in all, retries included
   * @param maxAttempts attempts per call, first one included
   * @param maxClients how many SDK clients the pool keeps at most
   * @param configFile the shared config file, or {@code null} for {@code AWS_CONFIG_FILE} or the
   *     SDK's default location
   * @param credentialsFile the shared credentials file, or {@code null} for
   *     {@code AWS_SHARED_CREDENTIALS_FILE} or the SDK's default location
   * @param environment reads an environment variable of the runtime
   */
  public ClientSettings(Duration connectTimeout, Duration callTimeout, int maxAttempts,
      int maxClients, Path configFile, Path credentialsFile, Function<String, Optional<String>> environment) {
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    this.maxAttempts = maxAttempts;
    if (maxClients < 1) {
      throw new IllegalArgumentException("maxClients must be positive: " + maxClients);
    }
    this.maxClients = maxClients;
    this.configFile = configFile;
    this.credentialsFile = credentialsFile;
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** Returns the connect timeout. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Returns the timeout of a whole call, retries included. */
  public Duration callTimeout() {
    return callTimeout;
  }

  /** Returns the attempts per call, the first included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * Returns the pool's bound.
   *
   * @return how many SDK clients are kept at most
   */
  public int maxClients() {
    return maxClients;
  }

  /** Returns the shared config file set explicitly, if one was. */
  public Optional<Path> configFile() {
    return Optional.ofNullable(configFile);
  }

  /** Returns the shared credentials file set explicitly, if one was. */
  public Optional<Path> credentialsFile() {
    return Optional.ofNullable(credentialsFile);
  }

  /** Returns an environment variable of the runtime (an empty value counts as absent). */
  public Optional<String> environmentVariable(String name) {
    return environment.apply(name).filter(value -> !value.isBlank());
  }

  @Override
  public String toString() {
    return "ClientSettings{connectTimeout=" + connectTimeout + ", callTimeout=" + callTimeout
        + ", maxAttempts=" + maxAttempts + ", maxClients=" + maxClients + ", configFile=" + configFile
        + ", credentialsFile=" + credentialsFile + "}";
  }
}
