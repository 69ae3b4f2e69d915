package io.github.secrets4j.internal;

import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretsProvider;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a runtime remembers on an untemplated secret once every check on its (constant) parameters
 * has passed: the provider, its cache, and the cached entry or a ready request. The next request
 * through the same runtime skips provider lookup, rendering and checks: a hit is a few field reads.
 * Never holds the object a secret was asked for.
 */
public final class Route {
  final Object owner;
  final AtomicBoolean closed;
  final SecretsProvider provider;
  final ValueCache cache;
  final SecretRequest request;
  final ValueCache.Entry entry;

  /**
   * @param owner the runtime (or view) that made the route
   * @param closed the closed flag of the runtime that owns the providers
   * @param request the request without an object, for direct calls and refreshes
   * @param entry the cached entry, or {@code null} when the provider's values are not cached
   */
  public Route(Object owner, AtomicBoolean closed, SecretsProvider provider, ValueCache cache,
      SecretRequest request, ValueCache.Entry entry) {
    this.owner = owner;
    this.closed = closed;
    this.provider = provider;
    this.cache = cache;
    this.request = request;
    this.entry = entry;
  }

  /** Returns whether this route was made by {@code runtime}. */
  public boolean ownedBy(Object runtime) {
    return owner == runtime;
  }

  /**
   * Answers a request from this route: the cached value while it is fresh, or a direct provider
   * call when the provider's values are not cached.
   *
   * @param obj the object asked with (untemplated parameters do not depend on it)
   * @return the value, or {@code null} when the full path must be taken
   */
  public String tryGet(Object obj) {
    if (closed.get()) {
      return null;
    }
    if (entry != null) {
      return cache.hit(entry, request.secret());
    }
    return cache.loadDirectly(provider,
        obj == null ? request : SecretRequest.of(request.secret(), request.parameters(), obj));
  }

  @Override
  public String toString() {
    return "Route{provider=\"" + provider.slug() + "\"}";
  }
}
