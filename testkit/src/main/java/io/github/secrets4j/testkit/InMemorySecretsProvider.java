package io.github.secrets4j.testkit;

import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretsProvider;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provider that keeps values in memory, for host applications' unit tests: slug
 * {@code in-memory}, one required parameter {@code key}.
 *
 * <pre>{@code
 * InMemorySecretsProvider store = InMemorySecretsProvider.of(Map.of("db-password", "hunter2"));
 * Secrets secrets = Secrets.builder().provider(store).discoverProviders(false).build();
 * Secret secret = secrets.secret("DB").provider("in-memory").parameter("key", "db-password").build();
 * }</pre>
 *
 * <p>It is never discovered with {@link java.util.ServiceLoader} (the test kit registers no
 * factory), so having the test kit on a class path adds no provider to {@code Secrets.defaults()}:
 * wire it with {@code Secrets.builder().provider(...)}. Caches nothing by default, so a changed
 * value is seen at once. Thread-safe; values can be changed while tests run. An absent key is a
 * {@link io.github.secrets4j.SecretValueNotFoundError}. {@link #toString()} shows only how many
 * values are stored.
 */
public final class InMemorySecretsProvider implements SecretsProvider {
  /** The slug, {@code in-memory}. */
  public static final String SLUG = "in-memory";

  private static final List<ParameterSpec> PARAMETERS =
      List.of(ParameterSpec.required("key", "The key the value is stored under"));

  private final Map<String, String> values = new ConcurrentHashMap<>();

  private InMemorySecretsProvider() {}

  /**
   * Returns an empty store.
   *
   * @return a new provider without values
   */
  public static InMemorySecretsProvider create() {
    return new InMemorySecretsProvider();
  }

  /**
   * Returns a store holding a copy of {@code values}.
   *
   * @param values the keys and the values stored under them
   * @return a new provider; later changes to {@code values} do not reach it
   * @throws NullPointerException if the map, a key or a value is null
   */
  public static InMemorySecretsProvider of(Map<String, String> values) {
    Objects.requireNonNull(values, "values");
    InMemorySecretsProvider provider = new InMemorySecretsProvider();
    values.forEach(provider::put);
    return provider;
  }

  /**
   * Stores {@code value} under {@code key}, replacing any earlier value.
   *
   * @param key what a secret's {@code key} parameter names
   * @param value the value
   * @return this store
   * @throws NullPointerException if {@code key} or {@code value} is null
   */
  public InMemorySecretsProvider put(String key, String value) {
    values.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Removes the value under {@code key}, if any: a secret naming it is then not found.
   *
   * @param key the key to forget
   * @return this store
   */
  public InMemorySecretsProvider remove(String key) {
    values.remove(Objects.requireNonNull(key, "key"));
    return this;
  }

  @Override
  public String slug() {
    return SLUG;
  }

  @Override
  public String name() {
    return "In-Memory";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  @Override
  public String getValue(SecretRequest request) {
    String key = request.parameter("key");
    String value = values.get(key);
    if (value == null) {
      throw request.notFound("No value stored under key \"" + key + "\"");
    }
    return value;
  }

  /** Shows how many values are stored; never a key's value. */
  @Override
  public String toString() {
    return "InMemorySecretsProvider{values=" + values.size() + "}";
  }
}
