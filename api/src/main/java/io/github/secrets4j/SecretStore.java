package io.github.secrets4j;

import io.github.secrets4j.internal.Pipeline;
import io.github.secrets4j.internal.RedactedException;
import io.github.secrets4j.internal.Slugs;
import io.github.secrets4j.internal.Text;
import io.github.secrets4j.internal.kind.Kinds;
import io.github.secrets4j.internal.store.StoreNames;
import io.github.secrets4j.spi.SecretWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Puts, lists and removes secrets in one provider that can write; made by
 * {@link Secrets#store(String)} and {@link Secrets#store()}.
 *
 * <p>Keys are simple names: not blank, at most 512 chars, no control characters and none of
 * <code>{{</code>, <code>{%</code>, <code>{#</code> (a key becomes a parameter of the
 * {@link Secret} that reads it back); providers may restrict further. Invalid keys and
 * principals are an {@link IllegalArgumentException}. There is deliberately no "get": values
 * are read through {@link #secret(String)}, with the runtime's caching, policies and principal
 * checks.
 *
 * <p>A store made through a view obeys it: the view's policies must allow reading a key's
 * parameters (else {@link SecretAccessDeniedError}, and {@link #list()} leaves the key out);
 * through a {@link Secrets#forPrincipal} view, puts record the principal as owner, a principal
 * sees ({@link #describe}, {@link #list}) only what it owns or was granted, replaces, removes,
 * grants and revokes only what it owns. Outside principal views nothing is checked against
 * owners and grants: the host application is trusted.
 *
 * <p>Every write drops the cached values of its key, for every caller of the runtime, so the next
 * read sees it. Thread-safe; never prints, logs or returns a value.
 */
public final class SecretStore {
  private final Secrets runtime;
  private final Pipeline pipeline;
  private final String provider;
  private final SecretWriter writer;

  SecretStore(Secrets runtime, Pipeline pipeline, String provider, SecretWriter writer) {
    this.runtime = runtime;
    this.pipeline = pipeline;
    this.provider = provider;
    this.writer = writer;
  }

  /**
   * Returns the slug of the provider this store writes to.
   *
   * @return the provider's slug, such as {@code in-memory}
   */
  public String provider() {
    return provider;
  }

  /**
   * Creates or replaces {@code key} with empty metadata: the same as
   * {@code put(key, value, SecretMetadata.empty())}.
   *
   * @param key the key
   * @param value the value (never printed, logged or returned)
   * @return the entry as stored
   * @throws IllegalArgumentException if the key is invalid
   * @throws SecretAccessDeniedError as {@link #put(String, String, SecretMetadata)}
   * @throws SecretError if the provider fails
   */
  public StoredSecret put(String key, String value) {
    return put(key, value, SecretMetadata.empty());
  }

  /**
   * Creates or replaces {@code key}: version 1 for a new key, one more than the last for an
   * existing one, which keeps its creation time, owner and grants. Through a principal view the
   * principal becomes the owner of a new key, and may not replace a key it does not own.
   *
   * <p>Before anything is written, the value is checked by the kind {@code metadata.kind()}
   * names ({@link Secrets#kind(String)}): a value the kind refuses, and a kind name this runtime
   * does not know, are an {@link IllegalArgumentException} naming the key and the kind (never the
   * value), and nothing is written. {@code opaque}, the kind of {@link SecretMetadata#empty()},
   * accepts any value. Then the store checks it ({@link SecretWriter#check}): a value or metadata
   * beyond the store's limits, or a value it would not read back as put (the text-file store
   * strips leading and trailing whitespace), is an {@link IllegalArgumentException} naming the
   * key and the rule, and nothing is written.
   *
   * @param key the key
   * @param value the value (never printed, logged or returned)
   * @param metadata the metadata of this version
   * @return the entry as stored
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the key is invalid, the metadata's kind is unknown to
   *     this runtime or refuses the value, or the store refuses the value or the metadata
   * @throws SecretAccessDeniedError if the view's policies refuse the key, or the principal does
   *     not own an existing key
   * @throws SecretError if the provider fails
   * @throws IllegalStateException if the runtime is closed
   */
  public StoredSecret put(String key, String value, SecretMetadata metadata) {
    check(key);
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(metadata, "metadata");
    SecretKind<?> kind = runtime.kinds().get(metadata.kind()).orElseThrow(() ->
        new IllegalArgumentException("Key \"" + Text.escape(key) + "\": unknown kind \""
            + metadata.kind() + "\" (known: " + String.join(", ", runtime.kinds().names())
            + "); other kinds come from plugins (SecretKindProvider) or Secrets.builder()"
            + ".kind(...); nothing was written"));
    Kinds.check(kind, value, key);
    call(key, () -> {
      writer.check(key, value, metadata);
      return null;
    });
    String principal = pipeline.principal().orElse(null);
    if (principal != null) {
      Optional<StoredSecret> existing = call(key, () -> writer.describe(key));
      if (existing.isPresent() && !principal.equals(existing.get().owner().orElse(null))) {
        throw notOwner(key, principal);
      }
    }
    try {
      return call(key, () -> writer.put(key, value, metadata, principal));
    } finally {
      // Also after a failure: the write may have reached the backend.
      pipeline.invalidateStored(provider, writer, key);
    }
  }

  /**
   * Asks the store whether it would take a put of an entry that will have {@code owner} and
   * {@code grants} ({@link SecretWriter#check(String, String, SecretMetadata, Optional, Set)}),
   * writing nothing; for a plan.
   *
   * @return empty when it would; else why not: the store's message, escaped and cut short, or the
   *     class of what it threw when it failed otherwise (never the value)
   */
  Optional<String> refusal(String key, String value, SecretMetadata metadata,
      Optional<String> owner, Set<String> grants) {
    try {
      writer.check(key, value, metadata, owner, grants);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("is refused by store \"" + provider + "\": "
          + Text.escape(String.valueOf(e.getMessage()), 1_000));
    } catch (RuntimeException e) {
      return Optional.of("cannot be checked: store \"" + provider + "\" failed with "
          + e.getClass().getName());
    }
  }

  /**
   * Returns what is stored about {@code key}, never its value. Through a principal view, a key
   * it neither owns nor was granted is empty.
   *
   * @param key the key
   * @return the entry, or empty when it is not stored (or not visible)
   * @throws IllegalArgumentException if the key is invalid
   * @throws SecretAccessDeniedError if the view's policies refuse the key
   * @throws SecretError if the provider fails
   */
  public Optional<StoredSecret> describe(String key) {
    check(key);
    return call(key, () -> writer.describe(key)).filter(this::visible);
  }

  /**
   * Returns every entry this runtime or view may see, never a value.
   *
   * @return the entries, sorted by key, unmodifiable
   * @throws SecretError if the provider fails
   */
  public List<StoredSecret> list() {
    runtime.checkOpen();
    List<StoredSecret> visible = new ArrayList<>();
    for (StoredSecret entry : call("(list)", writer::list)) {
      if (visible(entry) && pipeline.refusal(provider, writer.parameters(entry.key())).isEmpty()) {
        visible.add(entry);
      }
    }
    visible.sort((a, b) -> a.key().compareTo(b.key()));
    return List.copyOf(visible);
  }

  /**
   * Removes {@code key} and every version of its value. Through a principal view only the owner
   * may remove; a key it cannot see counts as absent.
   *
   * @param key the key
   * @return whether something was removed
   * @throws IllegalArgumentException if the key is invalid
   * @throws SecretAccessDeniedError if the view's policies refuse the key, or the principal sees
   *     the key but does not own it
   * @throws SecretError if the provider fails
   */
  public boolean remove(String key) {
    check(key);
    Optional<String> principal = pipeline.principal();
    if (principal.isPresent()) {
      Optional<StoredSecret> existing = call(key, () -> writer.describe(key));
      if (existing.isEmpty() || !existing.get().readableBy(principal.get())) {
        return false;
      }
      if (!principal.get().equals(existing.get().owner().orElse(null))) {
        throw notOwner(key, principal.get());
      }
    }
    try {
      return call(key, () -> writer.remove(key, principal.orElse(null)));
    } finally {
      pipeline.invalidateStored(provider, writer, key);
    }
  }

  /**
   * Returns a {@link Secret} bound to this store's runtime (or view) that reads {@code key}'s
   * current value: named after the key, naming this store's provider and the parameters it maps
   * the key to. Its reads go through the runtime's caching, policies and principal checks.
   *
   * @param key the key
   * @return the secret; the key need not be stored yet
   * @throws IllegalArgumentException if the key is invalid
   */
  public Secret secret(String key) {
    StoreNames.requireKey(key);
    runtime.checkOpen();
    String slug = Slugs.slugify(key);
    return runtime.secret(key)
        .slug(slug.isEmpty() ? "stored-secret" : slug)
        .provider(provider)
        .parameters(writer.parameters(key))
        .build();
  }

  /**
   * Grants {@code principal} read access to {@code key} (through its principal view). Made by the
   * owner's view or by the host's store (not a principal view).
   *
   * @param key the key
   * @param principal the principal to grant
   * @throws IllegalArgumentException if the key or principal is invalid
   * @throws SecretAccessDeniedError if this is another principal's view, or the view's policies
   *     refuse the key
   * @throws SecretValueNotFoundError if the key is not stored
   * @throws SecretError if the provider fails
   */
  public void grant(String key, String principal) {
    changeGrants(key, principal, true);
  }

  /**
   * Withdraws a grant made by {@link #grant}; nothing happens when there was none. Made by the
   * owner's view or by the host's store.
   *
   * @param key the key
   * @param principal the principal whose grant is withdrawn
   * @throws IllegalArgumentException if the key or principal is invalid
   * @throws SecretAccessDeniedError if this is another principal's view, or the view's policies
   *     refuse the key
   * @throws SecretValueNotFoundError if the key is not stored
   * @throws SecretError if the provider fails
   */
  public void revoke(String key, String principal) {
    changeGrants(key, principal, false);
  }

  private void changeGrants(String key, String grantee, boolean grant) {
    check(key);
    StoreNames.requirePrincipal(grantee);
    Optional<String> principal = pipeline.principal();
    if (principal.isPresent()) {
      // Another principal is refused whether the key exists or not: the refusal tells nothing.
      Optional<StoredSecret> existing = call(key, () -> writer.describe(key));
      if (existing.isEmpty() || !principal.get().equals(existing.get().owner().orElse(null))) {
        throw notOwner(key, principal.get());
      }
    }
    String owner = principal.orElse(null);
    Optional<StoredSecret> changed = call(key,
        () -> grant ? writer.grant(key, grantee, owner) : writer.revoke(key, grantee, owner));
    if (changed.isEmpty()) {
      throw new SecretValueNotFoundError(key, provider, "No stored secret under key \""
          + Text.escape(key) + "\"");
    }
  }

  /** Checks the key, that the runtime is open and that the view's policies allow the key. */
  private void check(String key) {
    StoreNames.requireKey(key);
    runtime.checkOpen();
    Optional<String> refusal = pipeline.refusal(provider, writer.parameters(key));
    if (refusal.isPresent()) {
      throw new SecretAccessDeniedError(key, provider, "Access denied: " + refusal.get());
    }
  }

  private boolean visible(StoredSecret entry) {
    Optional<String> principal = pipeline.principal();
    return principal.isEmpty() || entry.readableBy(principal.get());
  }

  private SecretAccessDeniedError notOwner(String key, String principal) {
    return new SecretAccessDeniedError(key, provider, "Access denied: principal \""
        + Text.escape(principal) + "\" does not own the stored key \"" + Text.escape(key) + "\"");
  }

  /**
   * Calls the writer: a {@link SecretError} or {@link IllegalArgumentException} (a provider's
   * stricter key rules) passes as it is; anything else loses its message, which may hold a value.
   */
  private <T> T call(String key, Supplier<T> operation) {
    try {
      return operation.get();
    } catch (SecretError | IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SecretUnexpectedError(key, provider,
          "The provider failed unexpectedly: " + e.getClass().getName(), RedactedException.of(e));
    }
  }

  /** Names the provider and, in a principal view, the principal. */
  @Override
  public String toString() {
    return "SecretStore{provider=" + provider
        + pipeline.principal().map(p -> ", principal=\"" + Text.escape(p) + "\"").orElse("")
        + "}";
  }
}
