package io.github.secrets4j.testkit;

import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretMetadata;
import io.github.secrets4j.StoredSecret;
import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretWriter;
import io.github.secrets4j.spi.SecretsProvider;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 *
 * <p>It can write ({@link #writer()}): {@code secrets.store("in-memory")} puts, lists and removes
 * its values with versions, metadata, owners and grants, as every writable provider does; a key
 * maps to the parameters {@code key=<key>}. {@link #put(String, String)} and
 * {@link #remove(String)} are the same writes, for tests that set values up directly. Times come
 * from the time source given to {@link #create(InstantSource)} (the system clock otherwise).
 */
public final class InMemorySecretsProvider implements SecretsProvider {
  /** The slug, {@code in-memory}. */
  public static final String SLUG = "in-memory";

  private static final List<ParameterSpec> PARAMETERS =
      List.of(ParameterSpec.required("key", "The key the value is stored under"));

  /** The value and what is stored about it ({@code null} for a key no store could name). */
  private record Entry(String value, StoredSecret stored) {
    @Override
    public String toString() {
      return "Entry";
    }
  }

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final InstantSource clock;
  private final Writer writer = new Writer();

  private InMemorySecretsProvider(InstantSource clock) {
    this.clock = clock;
  }

  /**
   * Returns an empty store whose puts are timed by the system clock.
   *
   * @return a new provider without values
   */
  public static InMemorySecretsProvider create() {
    return new InMemorySecretsProvider(InstantSource.system());
  }

  /**
   * Returns an empty store whose puts are timed by {@code clock}, for tests that check
   * {@link StoredSecret#created()} and {@link StoredSecret#updated()}.
   *
   * @param clock the time source of the store's puts
   * @return a new provider without values
   * @throws NullPointerException if {@code clock} is null
   */
  public static InMemorySecretsProvider create(InstantSource clock) {
    return new InMemorySecretsProvider(Objects.requireNonNull(clock, "clock"));
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
    InMemorySecretsProvider provider = create();
    values.forEach(provider::put);
    return provider;
  }

  /**
   * Stores {@code value} under {@code key}, replacing any earlier value: a put with empty
   * metadata and no owner, as the host's store makes. A key a store would refuse (blank, control
   * characters) is kept too, for tests of hostile keys, but no store lists it.
   *
   * @param key what a secret's {@code key} parameter names
   * @param value the value
   * @return this store
   * @throws NullPointerException if {@code key} or {@code value} is null
   */
  public InMemorySecretsProvider put(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (storable(key)) {
      writer.put(key, value, SecretMetadata.empty(), null);
    } else {
      entries.put(key, new Entry(value, null));
    }
    return this;
  }

  /**
   * Removes the value under {@code key}, if any: a secret naming it is then not found.
   *
   * @param key the key to forget
   * @return this store
   */
  public InMemorySecretsProvider remove(String key) {
    entries.remove(Objects.requireNonNull(key, "key"));
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
    Entry entry = entries.get(key);
    if (entry == null) {
      throw request.notFound("No value stored under key \"" + key + "\"");
    }
    return entry.value();
  }

  /**
   * Returns the write side: puts, lists, removes and grants on this provider's values.
   *
   * @return the writer, always present
   */
  @Override
  public Optional<SecretWriter> writer() {
    return Optional.of(writer);
  }

  /** Shows how many values are stored; never a key's value. */
  @Override
  public String toString() {
    return "InMemorySecretsProvider{values=" + entries.size() + "}";
  }

  private static boolean storable(String key) {
    try {
      StoredSecret.builder(key);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Every write is one atomic step on the key's map entry. */
  private final class Writer implements SecretWriter {
    @Override
    public StoredSecret put(String key, String value, SecretMetadata metadata, String owner) {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(metadata, "metadata");
      Entry entry = entries.compute(key, (k, old) -> {
        Instant now = clock.instant();
        StoredSecret previous = old == null ? null : old.stored();
        if (previous == null) {
          return new Entry(value, StoredSecret.builder(k).created(now).updated(now)
              .metadata(metadata).owner(owner).build());
        }
        if (owner != null && !owner.equals(previous.owner().orElse(null))) {
          throw new SecretAccessDeniedError(k, SLUG, "Access denied: the stored key is not "
              + "owned by the principal putting it");
        }
        // A clock stepped back must not make updated precede created.
        Instant updated = now.isBefore(previous.created()) ? previous.created() : now;
        return new Entry(value, previous.toBuilder().version(previous.version() + 1)
            .updated(updated).metadata(metadata).build());
      });
      return entry.stored();
    }

    @Override
    public Optional<StoredSecret> describe(String key) {
      Entry entry = entries.get(key);
      return entry == null ? Optional.empty() : Optional.ofNullable(entry.stored());
    }

    @Override
    public List<StoredSecret> list() {
      List<StoredSecret> all = new ArrayList<>();
      for (Entry entry : entries.values()) {
        if (entry.stored() != null) {
          all.add(entry.stored());
        }
      }
      return all;
    }

    @Override
    public boolean remove(String key, String owner) {
      boolean[] removed = {false};
      entries.computeIfPresent(key, (k, old) -> {
        checkOwner(k, old, owner);
        removed[0] = true;
        return null;
      });
      return removed[0];
    }

    @Override
    public Optional<StoredSecret> grant(String key, String principal, String owner) {
      return changeGrants(key, principal, true, owner);
    }

    @Override
    public Optional<StoredSecret> revoke(String key, String principal, String owner) {
      return changeGrants(key, principal, false, owner);
    }

    /** Refuses a principal's change of an entry it does not own, inside the map's atomic step. */
    private void checkOwner(String key, Entry entry, String owner) {
      if (owner != null && (entry.stored() == null
          || !owner.equals(entry.stored().owner().orElse(null)))) {
        throw new SecretAccessDeniedError(key, SLUG, "Access denied: the stored key is not "
            + "owned by the principal changing it");
      }
    }

    private Optional<StoredSecret> changeGrants(String key, String principal, boolean add,
        String owner) {
      Entry entry = entries.computeIfPresent(key, (k, old) -> {
        checkOwner(k, old, owner);
        if (old.stored() == null) {
          return old;
        }
        Set<String> grants = new TreeSet<>(old.stored().grants());
        if (add) {
          grants.add(principal);
        } else {
          grants.remove(principal);
        }
        return new Entry(old.value(), old.stored().toBuilder().grants(grants).build());
      });
      return entry == null ? Optional.empty() : Optional.ofNullable(entry.stored());
    }

    @Override
    public Map<String, String> parameters(String key) {
      return Map.of("key", key);
    }

    @Override
    public Optional<String> key(Map<String, String> parameters) {
      return Optional.ofNullable(parameters.get("key"));
    }

    @Override
    public String toString() {
      return "InMemorySecretsProvider.Writer";
    }
  }
}
