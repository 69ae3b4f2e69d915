package io.github.secrets4j.aws;

import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretsProvider;
import io.github.secrets4j.spi.SecretsProviderFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Creates the {@code aws-secrets-manager} provider from the settings
 * {@code secrets4j.aws-secrets-manager.region}, {@code .endpoint}, {@code .profile},
 * {@code .connect-timeout}, {@code .call-timeout}, {@code .max-attempts}, {@code .max-clients},
 * {@code .config-file}, {@code .credentials-file}, and for the store {@code .store-prefix},
 * {@code .recovery-window} and {@code .force-delete}. Discovered by {@link java.util.ServiceLoader}; its constructor does
 * nothing, and {@link #create} does no I/O (clients are made on the first read).
 */
public final class AwsSecretsManagerProviderFactory implements SecretsProviderFactory {
  static final String PREFIX = "secrets4j." + AwsSecretsManagerProvider.SLUG + ".";
  /** Setting: the region used when a secret has no {@code region} parameter. */
  public static final String REGION = PREFIX + "region";
  /** Setting: an endpoint that replaces the region's public one. */
  public static final String ENDPOINT = PREFIX + "endpoint";
  /** Setting: the named profile used when a secret has no {@code profile} parameter. */
  public static final String PROFILE = PREFIX + "profile";
  /** Setting: connect timeout, such as {@code 2s}, {@code 500ms} or {@code PT2S}. */
  public static final String CONNECT_TIMEOUT = PREFIX + "connect-timeout";
  /** Setting: timeout of a whole read, retries included, such as {@code 10s}. */
  public static final String CALL_TIMEOUT = PREFIX + "call-timeout";
  /** Setting: attempts per read, 1 to 10. */
  public static final String MAX_ATTEMPTS = PREFIX + "max-attempts";
  /** Setting: how many SDK clients (one per region and profile used) are kept open, 1 to 1000. */
  public static final String MAX_CLIENTS = PREFIX + "max-clients";
  /** Setting: path of the shared AWS config file. */
  public static final String CONFIG_FILE = PREFIX + "config-file";
  /** Setting: path of the shared AWS credentials file. */
  public static final String CREDENTIALS_FILE = PREFIX + "credentials-file";

  /** Setting: prefix of stored secrets' names, default {@code secrets4j/}. */
  public static final String STORE_PREFIX = PREFIX + "store-prefix";
  /** Setting: recovery window of a removed stored secret, 7 to 30 days, such as {@code 7d}. */
  public static final String RECOVERY_WINDOW = PREFIX + "recovery-window";
  /** Setting: {@code true} to remove stored secrets at once, without a recovery window. */
  public static final String FORCE_DELETE = PREFIX + "force-delete";

  /** Creates the factory; does nothing else. */
  public AwsSecretsManagerProviderFactory() {}

  @Override
  public String slug() {
    return AwsSecretsManagerProvider.SLUG;
  }

  /**
   * Creates the provider. Durations, the number of attempts and the other typed settings are read
   * with the runtime's one grammar ({@link ProviderContext#durationSetting},
   * {@link ProviderContext#longSetting}).
   *
   * @throws IllegalArgumentException from the context when a typed setting is malformed, for
   *     example {@code Setting secrets4j.aws-secrets-manager.connect-timeout must be a duration
   *     such as 0, 30s, 5m or PT5M, not "soon"}; the runtime reports it as a
   *     {@link SecretProviderError}
   * @throws SecretProviderError naming the setting when a value is well formed but not accepted
   *     (out of bounds, not a region, not an http or https URI)
   */
  @Override
  public SecretsProvider create(ProviderContext context) {
    AwsSecretsManagerProvider.Builder builder = AwsSecretsManagerProvider.builder().context(context);
    apply(context, REGION, "an AWS region id such as eu-west-1", context::setting, builder::region);
    apply(context, ENDPOINT, "an absolute http or https URI", context::setting,
        value -> builder.endpoint(uri(value)));
    apply(context, PROFILE, "a profile name", context::setting, builder::profile);
    apply(context, CONNECT_TIMEOUT, "a duration such as 2s, 500ms or PT2S, at most "
        + AwsSecretsManagerProvider.MAX_CONNECT_TIMEOUT.toSeconds() + "s",
        context::durationSetting, builder::connectTimeout);
    apply(context, CALL_TIMEOUT, "a duration such as 10s, 500ms or PT10S, at most "
        + AwsSecretsManagerProvider.MAX_CALL_TIMEOUT.toSeconds() + "s",
        context::durationSetting, builder::callTimeout);
    apply(context, MAX_ATTEMPTS, "a whole number from 1 to "
        + AwsSecretsManagerProvider.MAX_MAX_ATTEMPTS,
        context::longSetting, attempts -> builder.maxAttempts(Math.toIntExact(attempts)));
    apply(context, MAX_CLIENTS, "a whole number from 1 to "
        + AwsSecretsManagerProvider.MAX_MAX_CLIENTS,
        context::longSetting, clients -> builder.maxClients(Math.toIntExact(clients)));
    apply(context, CONFIG_FILE, "a file path", context::setting,
        value -> builder.configFile(path(value)));
    apply(context, CREDENTIALS_FILE, "a file path", context::setting,
        value -> builder.credentialsFile(path(value)));
    apply(context, STORE_PREFIX, "ASCII letters, digits and / _ + = . @ -, at most 256",
        context::setting, builder::storePrefix);
    apply(context, RECOVERY_WINDOW, "whole days from 7 to 30, such as 7d or 30d",
        context::durationSetting, builder::recoveryWindow);
    apply(context, FORCE_DELETE, "true or false", context::booleanSetting, builder::forceDelete);
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      // The one check that needs two settings: a region outside AWS's partitions is accepted
      // only with an endpoint override.
      throw new SecretProviderError("", AwsSecretsManagerProvider.SLUG, "Invalid setting " + REGION
          + " '" + context.escape(context.setting(REGION).orElse("")) + "': expected "
          + AwsSecretsManagerProvider.REGION_EXPECTED + " (any well-formed id only with the "
          + "setting " + ENDPOINT + ")");
    }
  }

  /**
   * Reads {@code key} with {@code read} (whose own error, for a malformed value, is the context's
   * one-grammar message) and hands the value to {@code setter}; a value the setter refuses is
   * reported here, naming the setting and what it expects.
   */
  private static <T> void apply(ProviderContext context, String key, String expected,
      Function<String, Optional<T>> read, Consumer<T> setter) {
    Optional<T> value = read.apply(key);
    if (value.isEmpty()) {
      return;
    }
    try {
      setter.accept(value.get());
    } catch (RuntimeException e) {
      // Setting values are configuration, not secrets (credentials are not settings here); an
      // endpoint with user information is the one exception, so it is not repeated.
      String text = context.setting(key).orElse("");
      String shown = text.contains("@") ? "(not shown)" : "'" + context.escape(text) + "'";
      throw new SecretProviderError("", AwsSecretsManagerProvider.SLUG,
          "Invalid setting " + key + " " + shown + ": expected " + expected);
    }
  }

  private static URI uri(String value) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private static Path path(String value) {
    try {
      return Paths.get(value);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "AwsSecretsManagerProviderFactory{slug=" + slug() + "}";
  }
}
