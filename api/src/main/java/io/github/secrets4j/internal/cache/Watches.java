package io.github.secrets4j.internal.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.secrets4j.SecretChange;
import io.github.secrets4j.StoredSecret;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretWriter;
import io.github.secrets4j.spi.SecretsProvider;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * What one provider's cache remembers to see changes: the subscribers of each key and, while
 * anyone listens for a key, the keyed digest of the value loaded last for it (never the value).
 * Digests outlive the values' expiry and invalidation, which is what lets a load after either be
 * compared; they are dropped when nobody listens any more, and by {@link #clear()}.
 */
final class Watches {
  private final SecretsProvider provider;
  private final Changes changes;
  private final Map<Map<String, String>, List<Changes.Watcher>> watchers =
      new ConcurrentHashMap<>();
  private final Cache<Map<String, String>, byte[]> digests;

  Watches(SecretsProvider provider, Changes changes, long maxEntries) {
    this.provider = provider;
    this.changes = changes;
    this.digests = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).build();
  }

  /**
   * Subscribes {@code listener} to changes of {@code request}'s key. {@code cached} is the value
   * the cache holds for it now, or null: what the next load is compared with.
   */
  AutoCloseable watch(SecretRequest request, String cached, Consumer<SecretChange> listener) {
    Map<String, String> key = request.parameters();
    Changes.Watcher watcher = new Changes.Watcher(request, listener);
    watchers.compute(key, (k, list) -> {
      List<Changes.Watcher> current = list != null ? list : new CopyOnWriteArrayList<>();
      current.add(watcher);
      if (cached != null) {
        digests.put(k, changes.digest(cached));
      }
      return current;
    });
    AtomicBoolean closed = new AtomicBoolean();
    return () -> {
      if (closed.compareAndSet(false, true)) {
        watcher.closed = true;
        watchers.computeIfPresent(key, (k, list) -> {
          list.remove(watcher);
          if (!list.isEmpty()) {
            return list;
          }
          if (!changes.anyoneListens()) {
            digests.invalidate(k);
          }
          return null;
        });
      }
    };
  }

  /**
   * After a load of {@code request} found {@code value} (and the cache, if it keeps values, holds
   * it): compares it in constant time with the value loaded before for the key and tells the
   * listeners if it differs. The first load of a key, or the first since anyone listens, is no
   * change. Runs in the thread that loaded.
   */
  void loaded(SecretRequest request, String value) {
    Map<String, String> key = request.parameters();
    List<Changes.Watcher> mine = watchers.get(key);
    if (mine == null && !changes.anyoneListens()) {
      if (digests.estimatedSize() > 0) {
        // Nobody compares this key's loads now: what it had would go stale.
        digests.invalidate(key);
      }
      return;
    }
    byte[] digest = changes.digest(value);
    byte[] before = digests.asMap().put(key, digest);
    if (before == null || MessageDigest.isEqual(before, digest)) {
      return;
    }
    changes.tell(request, version(request), mine);
  }

  /**
   * The version of the stored entry the request reads, for a provider that can write; null for
   * any other, or when the store cannot say.
   */
  private Long version(SecretRequest request) {
    try {
      Optional<SecretWriter> writer = provider.writer();
      if (writer == null || writer.isEmpty()) {
        return null;
      }
      Optional<String> stored = writer.get().key(request.parameters());
      if (stored.isEmpty()) {
        return null;
      }
      return writer.get().describe(stored.get()).map(StoredSecret::version).orElse(null);
    } catch (RuntimeException e) {
      // The change is told without a version: the value was read, what it is kept as is extra.
      return null;
    }
  }

  /** Forgets every digest (the runtime is closing). */
  void clear() {
    digests.invalidateAll();
  }
}
