package io.github.secrets4j;

import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretWriter;
import io.github.secrets4j.spi.SecretsProvider;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small writable provider for the api module's tests (the test kit's in-memory provider depends
 * on this module): values under parameter {@code key}, reads counted. Parameters with
 * {@code outside=true} read a value that is not a store entry.
 */
final class WritableTestProvider implements SecretsProvider, SecretWriter {
  private final String slug;
  private final InstantSource clock;
  private final Map<String, String> values = new ConcurrentHashMap<>();
  private final Map<String, StoredSecret> entries = new ConcurrentHashMap<>();
  final AtomicInteger reads = new AtomicInteger();

  WritableTestProvider(String slug, InstantSource clock) {
    this.slug = slug;
    this.clock = clock;
  }

  @Override
  public String slug() {
    return slug;
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(ParameterSpec.required("key", "the key"));
  }

  @Override
  public String getValue(SecretRequest request) {
    reads.incrementAndGet();
    String value = values.get(request.parameter("key"));
    if (value == null) {
      throw request.notFound("nothing under the key");
    }
    return value;
  }

  @Override
  public Optional<SecretWriter> writer() {
    return Optional.of(this);
  }

  @Override
  public synchronized StoredSecret put(String key, String value, SecretMetadata metadata,
      String owner) {
    StoredSecret old = entries.get(key);
    StoredSecret stored;
    if (old == null) {
      stored = StoredSecret.builder(key).created(clock.instant()).updated(clock.instant())
          .metadata(metadata).owner(owner).build();
    } else {
      if (owner != null && !owner.equals(old.owner().orElse(null))) {
        throw new SecretAccessDeniedError(key, slug, "not the owner");
      }
      stored = old.toBuilder().version(old.version() + 1).updated(clock.instant())
          .metadata(metadata).build();
    }
    entries.put(key, stored);
    values.put(key, value);
    return stored;
  }

  @Override
  public Optional<StoredSecret> describe(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  @Override
  public List<StoredSecret> list() {
    return new ArrayList<>(entries.values());
  }

  @Override
  public synchronized boolean remove(String key, String owner) {
    checkOwner(key, owner);
    values.remove(key);
    return entries.remove(key) != null;
  }

  @Override
  public synchronized Optional<StoredSecret> grant(String key, String principal, String owner) {
    checkOwner(key, owner);
    return change(key, principal, true);
  }

  @Override
  public synchronized Optional<StoredSecret> revoke(String key, String principal, String owner) {
    checkOwner(key, owner);
    return change(key, principal, false);
  }

  private void checkOwner(String key, String owner) {
    StoredSecret entry = entries.get(key);
    if (owner != null && entry != null && !owner.equals(entry.owner().orElse(null))) {
      throw new SecretAccessDeniedError(key, slug, "Access denied: not the owner");
    }
  }

  private Optional<StoredSecret> change(String key, String principal, boolean add) {
    StoredSecret old = entries.get(key);
    if (old == null) {
      return Optional.empty();
    }
    Set<String> grants = new TreeSet<>(old.grants());
    if (add) {
      grants.add(principal);
    } else {
      grants.remove(principal);
    }
    StoredSecret changed = old.toBuilder().grants(grants).build();
    entries.put(key, changed);
    return Optional.of(changed);
  }

  /** Sets a value that is no store entry (read with {@code outside=true}). */
  void putOutside(String key, String value) {
    values.put(key, value);
  }

  @Override
  public Map<String, String> parameters(String key) {
    return Map.of("key", key);
  }

  @Override
  public Optional<String> key(Map<String, String> parameters) {
    return "true".equals(parameters.get("outside")) ? Optional.empty()
        : Optional.ofNullable(parameters.get("key"));
  }
}
