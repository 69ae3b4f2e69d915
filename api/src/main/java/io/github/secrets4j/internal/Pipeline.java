package io.github.secrets4j.internal;

import io.github.secrets4j.SecretError;
import io.github.secrets4j.internal.cache.Caching;
import io.github.secrets4j.internal.cache.Fetch;
import io.github.secrets4j.internal.cache.ValueCache;
import io.github.secrets4j.internal.template.SecretSpec;
import io.github.secrets4j.internal.registry.ProviderRegistry;
import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretsProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The one path of a request, in order:
 *
 * <ol>
 *   <li>find the provider the secret names (created on first use);
 *   <li>render the parameters for {@code obj}, once, into one immutable {@link SecretRequest};
 *   <li>check the provider's required parameters;
 *   <li>authorize: the provider's own restrictions, then every policy of the runtime (or view);
 *   <li>answer from the cache, which asks the provider on a miss.
 * </ol>
 *
 * <p>Each step gets the same request and hands it on; nothing comes back to a step already left.
 * Steps 1 and 5 are one lookup: the runtime keeps each provider with its cache once both exist
 * (never on a secret). A view ({@link #withPolicy}) shares providers, caches and the closed flag.
 */
public final class Pipeline {
  private final ProviderRegistry registry;
  private final Caching caching;
  private final List<Consumer<SecretRequest>> policies;
  private final AtomicBoolean closed;
  private final Map<String, Binding> bindings;

  /**
   * @param policies the runtime's policies, each throwing the error of a refusal
   * @param closed set once the runtime that owns the providers is closed
   */
  public Pipeline(ProviderRegistry registry, Caching caching,
      List<Consumer<SecretRequest>> policies, AtomicBoolean closed) {
    this(registry, caching, policies, closed, new ConcurrentHashMap<>());
  }

  private Pipeline(ProviderRegistry registry, Caching caching,
      List<Consumer<SecretRequest>> policies, AtomicBoolean closed, Map<String, Binding> bindings) {
    this.registry = registry;
    this.caching = caching;
    this.policies = List.copyOf(policies);
    this.closed = closed;
    this.bindings = bindings;
  }

  /** Returns a pipeline that also applies {@code policy}, sharing everything else. */
  public Pipeline withPolicy(Consumer<SecretRequest> policy) {
    List<Consumer<SecretRequest>> chain = new ArrayList<>(policies);
    chain.add(policy);
    return new Pipeline(registry, caching, chain, closed, bindings);
  }

  /**
   * Resolves one secret for {@code obj}.
   *
   * @throws io.github.secrets4j.SecretError as {@code Secret.getValue} documents
   * @throws IllegalStateException if the runtime is closed
   */
  public String resolve(SecretSpec spec, Object obj) {
    if (closed.get()) {
      throw new IllegalStateException("This Secrets runtime is closed");
    }
    Binding binding = bindings.get(spec.provider());
    if (binding == null) {
      binding = bind(spec);
    }
    SecretsProvider provider = binding.provider;
    SecretRequest request = spec.request(obj);
    try {
      requireParameters(provider, request);
      provider.authorize(request);
    } catch (SecretError e) {
      throw e;
    } catch (RuntimeException e) {
      // A plugin's own check failed in a way it did not report: as for getValue, its message
      // (which may hold anything) is not kept.
      throw Fetch.unexpected(request, e);
    }
    for (int i = 0; i < policies.size(); i++) {
      policies.get(i).accept(request);
    }
    return binding.cache.get(request);
  }

  /** Finds (creating on first use) the provider and its cache; kept only once both exist. */
  private Binding bind(SecretSpec spec) {
    SecretsProvider provider = registry.get(spec.provider(), spec.name());
    Binding binding = new Binding(provider, caching.cache(provider, spec.name()));
    Binding raced = bindings.putIfAbsent(spec.provider(), binding);
    return raced != null ? raced : binding;
  }

  private static void requireParameters(SecretsProvider provider, SecretRequest request) {
    List<ParameterSpec> specs = provider.parameters();
    for (int i = 0; i < specs.size(); i++) {
      ParameterSpec spec = specs.get(i);
      if (spec.required()) {
        String value = request.parameters().get(spec.name());
        if (value == null || value.isBlank()) {
          throw request.parametersError("The \"" + spec.name() + "\" parameter is mandatory!");
        }
      }
    }
  }

  /** A provider and its cache. */
  private record Binding(SecretsProvider provider, ValueCache cache) {}
}
