package io.github.secrets4j.internal.cache;

import io.github.secrets4j.SecretChange;
import io.github.secrets4j.internal.Text;
import io.github.secrets4j.spi.SecretRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change listeners of one runtime and what telling them needs: the clock of
 * {@link SecretChange#time()}, and a keyed digest of values (HMAC-SHA256 under a random key of
 * this runtime, never kept anywhere else) so that a cache remembers what it loaded last for a key
 * without keeping the value. Listeners run in the thread that calls {@link #tell}; what they
 * throw is logged and dropped.
 */
public final class Changes {
  private final InstantSource clock;
  private final byte[] key = new byte[32];
  private final List<Listener> everywhere = new CopyOnWriteArrayList<>();

  /**
   * @param clock the clock of the events' times
   */
  public Changes(InstantSource clock) {
    this.clock = clock;
    new SecureRandom().nextBytes(key);
  }

  /**
   * Adds a listener of every change of the runtime whose key {@code filter} accepts.
   *
   * @param filter which loads' changes the listener is told
   * @param listener the listener
   * @return the subscription; closing it removes the listener (closing again does nothing)
   */
  public AutoCloseable listen(Predicate<SecretRequest> filter, Consumer<SecretChange> listener) {
    Listener added = new Listener(filter, listener);
    everywhere.add(added);
    return () -> {
      added.closed = true;
      everywhere.remove(added);
    };
  }

  /** Whether a listener of every change is subscribed: then every load is compared. */
  boolean anyoneListens() {
    return !everywhere.isEmpty();
  }

  /** The keyed digest of {@code value}'s UTF-8 bytes. */
  byte[] digest(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      // Every Java platform has HmacSHA256.
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /**
   * Tells the secret's own subscribers ({@code watchers}, may be null) and every runtime-wide
   * listener that the value of {@code request}'s key changed.
   */
  void tell(SecretRequest request, Long version, List<Watcher> watchers) {
    java.time.Instant time = clock.instant();
    if (watchers != null) {
      // The lists are copied on write: a listener closed while this change is told (by another
      // listener, say) is skipped by its flag, not by the snapshot being iterated.
      for (Watcher watcher : watchers) {
        if (!watcher.closed) {
          call(watcher.listener,
              change(watcher.secretName, watcher.secretSlug, request, version, time));
        }
      }
    }
    SecretChange change = null;
    for (Listener listener : everywhere) {
      if (!listener.closed && listener.filter.test(request)) {
        if (change == null) {
          change = change(request.secretName(), request.secretSlug(), request, version, time);
        }
        call(listener.listener, change);
      }
    }
  }

  private static SecretChange change(String name, String slug, SecretRequest request, Long version,
      java.time.Instant time) {
    return version == null ? SecretChange.of(name, slug, request.provider(), time)
        : SecretChange.of(name, slug, request.provider(), version, time);
  }

  private static void call(Consumer<SecretChange> listener, SecretChange change) {
    try {
      listener.accept(change);
    } catch (RuntimeException e) {
      // The exception's message may hold anything: only its class is named.
      Log.LOG.warn("A change listener of secret \"{}\" (provider \"{}\") failed: {}",
          Text.escape(change.secretName()), Text.escape(change.provider()),
          e.getClass().getName());
    }
  }

  /** One subscriber of one key: the secret it subscribed with, for the events it gets. */
  static final class Watcher {
    final String secretName;
    final String secretSlug;
    final Consumer<SecretChange> listener;
    volatile boolean closed;

    Watcher(SecretRequest request, Consumer<SecretChange> listener) {
      this.secretName = request.secretName();
      this.secretSlug = request.secretSlug();
      this.listener = listener;
    }

    @Override
    public String toString() {
      return "Watcher{secret=\"" + Text.escape(secretName) + "\"}";
    }
  }

  /** A runtime-wide listener; equal only to itself, so closing one never removes another. */
  private static final class Listener {
    final Predicate<SecretRequest> filter;
    final Consumer<SecretChange> listener;
    volatile boolean closed;

    Listener(Predicate<SecretRequest> filter, Consumer<SecretChange> listener) {
      this.filter = filter;
      this.listener = listener;
    }
  }

  /** The logger, created on first use: a run that logs nothing never starts SLF4J. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(Changes.class);
  }
}
