package io.github.secrets4j.kafka;

import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.SecretReference;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.spi.CachePolicy;
import io.github.secrets4j.spi.UntrustedText;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.ConfigProvider;

/**
 * A Kafka {@link ConfigProvider} that resolves {@code ${s4j:PATH:KEY}} placeholders in client,
 * broker and Connect configuration through a secrets4j runtime, its cache included:
 *
 * <pre>
 * config.providers=s4j
 * config.providers.s4j.class=io.github.secrets4j.kafka.SecretsConfigProvider
 * config.providers.s4j.param.allowed.secrets=secret:db-password,group/napalm:*
 * sasl.jaas.config=... password="${s4j:secret:db-password}";
 * </pre>
 *
 * <p>A placeholder {@code ${s4j:REFERENCE}} ({@code s4j} is whatever name
 * {@code config.providers} gives this class) holds a reference in secrets4j's one grammar
 * ({@link SecretReference}): {@code ${s4j:secret:KEY}} (a key of the default store),
 * {@code ${s4j:KEY@STORE}} (a key of the store of provider {@code STORE}),
 * {@code ${s4j:group/NAME:ACCESS/TYPE}} (a slot of a defined group, such as
 * {@code group/napalm:generic/password}), {@code ${s4j:env:NAME}},
 * {@code ${s4j:file:/path}}, or {@code ${s4j:NAME}} (a secret of the definition files). Kafka
 * cuts a placeholder into a path and a key at its first {@code :} after the provider's name and
 * calls {@link #get(String, Set)} with them; this provider joins them again ({@code PATH:KEY}, or
 * {@code KEY} when there is no path). No part can hold <code>}</code>.
 *
 * <p>Parameters ({@code config.providers.s4j.param.NAME}):
 *
 * <ul>
 *   <li>{@value #ALLOWED_SECRETS_CONFIG} (required): a comma-separated list of what may be
 *       resolved, each a reference as written in the placeholder, {@code PATH:*} for every key
 *       of a path (such as {@code secret:*} or {@code group/napalm:*}), or {@code *} for
 *       everything. Anything else is refused before anything is resolved.
 *   <li>{@value #DEFINITIONS_CONFIG}: comma-separated definition files (YAML or JSON) loaded into
 *       the runtime, for defined names and {@code group/}.
 *   <li>every other {@code secrets4j.*} parameter is a setting of the runtime, such as
 *       {@code secrets4j.encrypted-file.path} (system properties and environment variables are
 *       read too, as for any runtime).
 * </ul>
 *
 * <p>Errors are {@link ConfigException}s naming the placeholder's path and key and the reason
 * (the secrets4j error's message), never a value. A value whose provider caches values comes
 * with a ttl: the smallest cache ttl of the providers that served the values of one
 * {@code get}; values that are not cached (environment variables, files, the local store by
 * default) come with none. {@link #close()} closes the runtime.
 */
public final class SecretsConfigProvider implements ConfigProvider {
  /** The parameter listing what may be resolved: {@code PATH:KEY}, {@code PATH:*} or {@code *}. */
  public static final String ALLOWED_SECRETS_CONFIG = "allowed.secrets";
  /** The parameter listing definition files, comma-separated. */
  public static final String DEFINITIONS_CONFIG = "secrets4j.definitions";

  /** The runtime and the allow-list of one {@link #configure}, replaced together. */
  private record State(Secrets secrets, Set<String> allowed) {
  }

  private volatile State state;

  /** Creates a provider; Kafka calls {@link #configure(Map)} next. */
  public SecretsConfigProvider() {}

  /**
   * Builds the secrets4j runtime from the provider's parameters.
   *
   * @param configs the parameters: {@value #ALLOWED_SECRETS_CONFIG}, {@value #DEFINITIONS_CONFIG}
   *     and {@code secrets4j.*} settings
   * @throws ConfigException if {@value #ALLOWED_SECRETS_CONFIG} is missing or blank, a parameter
   *     is unknown, a definition file is not a valid path, or the runtime cannot be built (naming the problem, never a setting's value)
   */
  @Override
  public void configure(Map<String, ?> configs) {
    Objects.requireNonNull(configs, "configs");
    Object allowList = configs.get(ALLOWED_SECRETS_CONFIG);
    if (allowList == null || allowList.toString().isBlank()) {
      throw new ConfigException("SecretsConfigProvider needs the parameter "
          + ALLOWED_SECRETS_CONFIG + ": a comma-separated list of PATH:KEY, PATH:* or * (every "
          + "secret), such as secret:db-password,group/napalm:*");
    }
    Set<String> entries = new LinkedHashSet<>();
    for (String entry : allowList.toString().split(",")) {
      if (!entry.isBlank()) {
        entries.add(entry.strip());
      }
    }
    Secrets.Builder builder = Secrets.builder();
    for (Map.Entry<String, ?> param : configs.entrySet()) {
      String name = param.getKey();
      if (name.equals(ALLOWED_SECRETS_CONFIG)) {
        continue;
      }
      if (!name.startsWith("secrets4j.")) {
        throw new ConfigException("Unknown parameter \"" + UntrustedText.escape(name, 100)
            + "\" of SecretsConfigProvider (known: " + ALLOWED_SECRETS_CONFIG + ", "
            + DEFINITIONS_CONFIG + ", secrets4j.* settings)");
      }
      String value = param.getValue() == null ? "" : param.getValue().toString();
      if (name.equals(DEFINITIONS_CONFIG)) {
        List<Path> files = new ArrayList<>();
        for (String file : value.split(",")) {
          if (!file.isBlank()) {
            files.add(definitionFile(file.strip()));
          }
        }
        builder.definitions(files.toArray(Path[]::new));
      } else if (!value.isBlank()) {
        builder.setting(name, value);
      }
    }
    Secrets built;
    try {
      built = builder.build();
    } catch (RuntimeException e) {
      ConfigException error = new ConfigException("SecretsConfigProvider could not build its "
          + "secrets4j runtime: " + e.getClass().getSimpleName() + ": "
          + UntrustedText.escape(String.valueOf(e.getMessage()), 4000));
      error.initCause(e);
      throw error;
    }
    State previous = state;
    state = new State(built, Set.copyOf(entries));
    if (previous != null) {
      previous.secrets().close();
    }
  }

  private static Path definitionFile(String file) {
    try {
      return Path.of(file);
    } catch (InvalidPathException e) {
      throw new ConfigException("Definition file \"" + UntrustedText.escape(file, 200) + "\" of "
          + DEFINITIONS_CONFIG + " of SecretsConfigProvider is not a valid path: "
          + UntrustedText.escape(e.getReason(), 200));
    }
  }

  /**
   * Returns nothing: this provider never lists a store or a path's keys. Kafka's placeholders
   * always name their keys, and call {@link #get(String, Set)}.
   *
   * @param path the path
   * @return empty data, no ttl
   */
  @Override
  public ConfigData get(String path) {
    return new ConfigData(Map.of());
  }

  /**
   * Resolves the secrets {@code path} and {@code keys} name, each through the runtime's cache.
   *
   * @param path the placeholder's path, such as {@code secret} or {@code group/napalm}
   * @param keys the placeholder's keys, such as {@code db-password} or {@code generic/password}
   * @return every key's value, with the smallest cache ttl (milliseconds) of the providers that
   *     cache them, or no ttl when none does
   * @throws ConfigException naming the first key that is not allowed (before anything is
   *     resolved), or that does not resolve (with the secrets4j error as its cause), never a value
   * @throws IllegalStateException if {@link #configure(Map)} was not called or the provider is
   *     closed
   */
  @Override
  public ConfigData get(String path, Set<String> keys) {
    State current = state;
    if (current == null) {
      throw new IllegalStateException("SecretsConfigProvider is not configured");
    }
    Secrets runtime = current.secrets();
    String at = path == null ? "" : path;
    for (String key : keys) {
      if (!isAllowed(current.allowed(), at, key)) {
        throw new ConfigException("Secret " + describe(at, key) + " is not in "
            + ALLOWED_SECRETS_CONFIG + " of SecretsConfigProvider");
      }
    }
    Map<String, String> data = new LinkedHashMap<>();
    Long ttl = null;
    for (String key : keys) {
      try {
        Secret secret = SecretReference.parse(reference(at, key)).secret(runtime);
        data.put(key, secret.getValue());
        CachePolicy policy = runtime.cachePolicy(secret.provider());
        if (policy.enabled()) {
          long millis = policy.ttl().toMillis();
          ttl = ttl == null ? millis : Math.min(ttl, millis);
        }
      } catch (SecretError | IllegalArgumentException e) {
        ConfigException error = new ConfigException("Secret " + describe(at, key)
            + " could not be resolved: " + e.getClass().getSimpleName() + ": "
            + UntrustedText.escape(String.valueOf(e.getMessage()), 4000));
        error.initCause(e);
        throw error;
      }
    }
    return new ConfigData(data, ttl);
  }

  private static boolean isAllowed(Set<String> list, String path, String key) {
    return list.contains("*") || (!path.isEmpty() && list.contains(path + ":*"))
        || list.contains(reference(path, key));
  }

  /** The reference a placeholder holds: Kafka's path and key joined again. */
  private static String reference(String path, String key) {
    return path.isEmpty() ? key : path + ":" + key;
  }

  /** The placeholder's reference, escaped and bounded, between quotes, for messages. */
  private static String describe(String path, String key) {
    return "\"" + UntrustedText.escape(reference(path, key)) + "\"";
  }

  /** Closes the secrets4j runtime: its providers, their clients and the cached values. */
  @Override
  public void close() {
    State current = state;
    if (current != null) {
      current.secrets().close();
    }
  }

  @Override
  public String toString() {
    State current = state;
    return "SecretsConfigProvider{" + (current == null ? "not configured" : current.secrets())
        + "}";
  }
}
