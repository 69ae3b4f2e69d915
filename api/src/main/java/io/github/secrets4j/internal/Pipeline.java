package io.github.secrets4j.internal;

import io.github.secrets4j.CacheStats;
import io.github.secrets4j.SecretChange;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.SecretKind;
import io.github.secrets4j.StoredSecret;
import io.github.secrets4j.internal.cache.Caching;
import io.github.secrets4j.internal.cache.Fetch;
import io.github.secrets4j.internal.cache.ValueCache;
import io.github.secrets4j.internal.kind.Kinds;
import io.github.secrets4j.internal.policy.Rules;
import io.github.secrets4j.internal.registry.ProviderRegistry;
import io.github.secrets4j.internal.template.SecretSpec;
import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretWriter;
import io.github.secrets4j.spi.SecretsProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 *   <li>authorize: the provider's {@code authorize} hook, then every policy of the runtime (or
 *       view);
 *   <li>answer from the cache, which asks the provider on a miss. Providers enforce their own
 *       restrictions there, in {@code getValue}, which a caller that holds a provider reaches
 *       without this pipeline; a value is cached only after that check passed, for parameters
 *       that do not change, so a cached value never needs it again.
 * </ol>
 *
 * <p>Each step gets the same request and hands it on; nothing comes back to a step already left.
 * Steps 1 and 5 are one lookup: the runtime keeps each provider with its cache once both exist
 * (never on a secret). A view ({@link #withPolicy}) shares providers, caches and the closed flag;
 * what it invalidates and the counters it shows are limited to what its policies allow.
 */
public final class Pipeline {
  private final ProviderRegistry registry;
  private final Caching caching;
  private final List<Rules> policies;
  private final boolean view;
  private final AtomicBoolean closed;
  private final Map<String, Binding> bindings;
  /** The principal of a view made by {@code Secrets.forPrincipal}, else {@code null}. */
  private final String principal;

  /**
   * @param policies the runtime's policies, checked in order
   * @param closed set once the runtime that owns the providers is closed
   */
  public Pipeline(ProviderRegistry registry, Caching caching, List<Rules> policies,
      AtomicBoolean closed) {
    this(registry, caching, policies, false, closed, new ConcurrentHashMap<>(), null);
  }

  private Pipeline(ProviderRegistry registry, Caching caching, List<Rules> policies, boolean view,
      AtomicBoolean closed, Map<String, Binding> bindings, String principal) {
    this.principal = principal;
    this.registry = registry;
    this.caching = caching;
    this.policies = List.copyOf(policies);
    this.view = view;
    this.closed = closed;
    this.bindings = bindings;
  }

  /**
   * Returns a view: a pipeline that also applies {@code policy}, sharing everything else.
   *
   * @param policy the view's policy
   * @return the view's pipeline
   */
  public Pipeline withPolicy(Rules policy) {
    List<Rules> chain = new ArrayList<>(policies);
    chain.add(policy);
    return new Pipeline(registry, caching, chain, true, closed, bindings, principal);
  }

  /**
   * Returns a view acting as {@code principal}: reads of stored entries need it to own or be
   * granted them; everything else is shared, policies included.
   *
   * @param principal the principal, checked by the caller
   * @return the view's pipeline
   */
  public Pipeline forPrincipal(String principal) {
    return new Pipeline(registry, caching, policies, true, closed, bindings, principal);
  }

  /**
   * Returns the principal this view acts as.
   *
   * @return the principal, or empty outside a principal view
   */
  public Optional<String> principal() {
    return Optional.ofNullable(principal);
  }

  /**
   * Returns why this runtime's (or view's) policies refuse reading {@code parameters} from
   * {@code provider}: what a store checks before it touches a key.
   *
   * @param provider the provider slug
   * @param parameters the read parameters of a key
   * @return the refusal, or empty when every policy allows it
   */
  public Optional<String> refusal(String provider, Map<String, String> parameters) {
    for (int i = 0; i < policies.size(); i++) {
      Optional<String> refusal = policies.get(i).check(provider, parameters);
      if (refusal.isPresent()) {
        return refusal;
      }
    }
    return Optional.empty();
  }

  /**
   * Drops every cached value of {@code provider} that reads {@code key}, for every caller of the
   * runtime (a write changed it for all of them), whatever this view's policies.
   *
   * @param provider the provider slug
   * @param writer the provider's writer, which maps parameters to keys
   * @param key the key written or removed
   */
  public void invalidateStored(String provider, SecretWriter writer, String key) {
    caching.invalidate(provider, parameters -> {
      try {
        return key.equals(writer.key(parameters).orElse(null));
      } catch (RuntimeException e) {
        // A writer that cannot map these parameters: dropping a value too many is harmless.
        return true;
      }
    });
  }

  /**
   * Resolves one secret for {@code obj}.
   *
   * @throws io.github.secrets4j.SecretError as {@code Secret.getValue} documents
   * @throws IllegalStateException if the runtime is closed
   */
  public String resolve(SecretSpec spec, Object obj) {
    Binding binding = binding(spec);
    return binding.cache.get(authorized(binding, spec.request(obj)));
  }

  /** The provider and cache of {@code spec}, bound on first use; refused once closed. */
  private Binding binding(SecretSpec spec) {
    if (closed.get()) {
      throw new IllegalStateException("This Secrets runtime is closed");
    }
    Binding binding = bindings.get(spec.provider());
    return binding != null ? binding : bind(spec);
  }

  /**
   * Checks {@code request} as every read is checked: its required parameters, the provider's own
   * restrictions, the runtime's policies and, in a view made for a principal, the principal.
   */
  private SecretRequest authorized(Binding binding, SecretRequest request) {
    SecretsProvider provider = binding.provider;
    try {
      requireParameters(binding.required != null ? binding.required : required(provider), request);
      provider.authorize(request);
    } catch (SecretError e) {
      throw e;
    } catch (RuntimeException e) {
      // A plugin's own check failed in a way it did not report: as for getValue, its message
      // (which may hold anything) is not kept.
      throw Fetch.unexpected(request, e);
    }
    for (int i = 0; i < policies.size(); i++) {
      policies.get(i).authorize(request);
    }
    if (principal != null) {
      authorizePrincipal(provider, request);
    }
    return request;
  }

  /**
   * Subscribes {@code listener} to changes of the value {@code spec} reads for {@code obj}: the
   * parameters are rendered once, now, and the subscription follows that cache key. The request
   * is checked first exactly as a read of it would be ({@link #resolve}).
   *
   * @param spec the secret
   * @param obj the object, or {@code null}
   * @param listener called with each change
   * @return the subscription
   * @throws io.github.secrets4j.SecretError if the parameters cannot be rendered or lack a
   *     required one, the provider cannot be created, or its restrictions, a policy or the
   *     principal would refuse reading the value
   * @throws IllegalStateException if the runtime is closed
   */
  public AutoCloseable onChange(SecretSpec spec, Object obj, Consumer<SecretChange> listener) {
    Binding binding = binding(spec);
    SecretRequest request = authorized(binding, spec.request(obj));
    // The subscription keeps no object: the key is the rendered parameters.
    SecretRequest bare = SecretRequest.of(request.secretName(), request.secretSlug(),
        request.provider(), request.parameters(), null);
    return binding.cache.watch(bare, listener);
  }

  /**
   * Subscribes {@code listener} to every change the runtime sees (in a view: of the values its
   * policies allow reading).
   *
   * @param listener called with each change
   * @return the subscription
   * @throws IllegalStateException if the runtime is closed
   */
  public AutoCloseable onAnyChange(Consumer<SecretChange> listener) {
    if (closed.get()) {
      throw new IllegalStateException("This Secrets runtime is closed");
    }
    return caching.changes().listen(
        view ? request -> allows(request.provider(), request.parameters()) : request -> true,
        listener);
  }

  /**
   * Resolves one secret for {@code obj}, as {@link #resolve(SecretSpec, Object)}, then parses the
   * value by {@code kind}: the same request, one more step at the end.
   *
   * @throws io.github.secrets4j.SecretValueInvalidError if the kind refuses the value
   * @throws io.github.secrets4j.SecretError as {@code Secret.getValue(Object, SecretKind)} documents
   */
  public <T> T resolve(SecretSpec spec, Object obj, SecretKind<T> kind) {
    return Kinds.read(kind, resolve(spec, obj), spec.name(), spec.provider());
  }

  /**
   * Drops the cached value of {@code spec} rendered for {@code obj}. A view checks the request
   * against its policies first, as {@link #resolve} does.
   *
   * @param spec the secret
   * @param obj the object, or {@code null}
   * @throws io.github.secrets4j.SecretParametersError if the parameters cannot be rendered
   * @throws io.github.secrets4j.SecretAccessDeniedError if a view may not read that value
   */
  public void invalidate(SecretSpec spec, Object obj) {
    if (!view) {
      caching.invalidate(spec.provider(), spec.render(obj)::equals);
      return;
    }
    SecretRequest request = spec.request(obj);
    for (int i = 0; i < policies.size(); i++) {
      policies.get(i).authorize(request);
    }
    caching.invalidate(spec.provider(), request.parameters()::equals);
  }

  /**
   * Drops every cached value {@code spec} may have rendered (in a view: that it may read).
   *
   * @param spec the secret
   */
  public void invalidate(SecretSpec spec) {
    String provider = spec.provider();
    caching.invalidate(provider, view
        ? key -> spec.mayHaveRendered(key) && allows(provider, key)
        : spec::mayHaveRendered);
  }

  /** Drops every cached value (in a view: every value it may read). */
  public void invalidateAll() {
    if (!view) {
      caching.invalidateAll();
      return;
    }
    for (String provider : registry.slugs()) {
      if (mayAsk(provider)) {
        caching.invalidate(provider, key -> allows(provider, key));
      }
    }
  }

  /**
   * Returns the cache counters by provider (in a view: of the providers it may ask).
   *
   * @return the counters by provider slug
   */
  public Map<String, CacheStats> stats() {
    Map<String, CacheStats> stats = caching.stats();
    if (view) {
      Map<String, CacheStats> visible = new LinkedHashMap<>();
      stats.forEach((provider, counts) -> {
        if (mayAsk(provider)) {
          visible.put(provider, counts);
        }
      });
      return visible;
    }
    return stats;
  }

  /**
   * In a principal view, refuses a read of a stored entry the principal neither owns nor was
   * granted; an absent entry is refused alike, so the refusal does not tell whether it exists.
   * Reads that name no stored entry (a provider that cannot write, parameters outside its store)
   * are not checked here.
   */
  private void authorizePrincipal(SecretsProvider provider, SecretRequest request) {
    Optional<StoredSecret> entry;
    String key;
    try {
      Optional<SecretWriter> writer = provider.writer();
      if (writer.isEmpty()) {
        return;
      }
      Optional<String> stored = writer.get().key(request.parameters());
      if (stored.isEmpty()) {
        return;
      }
      key = stored.get();
      entry = writer.get().describe(key);
    } catch (SecretError e) {
      throw e;
    } catch (RuntimeException e) {
      throw Fetch.unexpected(request, e);
    }
    if (entry.isEmpty() || !entry.get().readableBy(principal)) {
      throw request.accessDenied("Access denied: principal \"" + Text.escape(principal)
          + "\" neither owns nor was granted the stored key \"" + Text.escape(key) + "\"");
    }
  }

  /** Whether every policy allows a request to {@code provider} with these parameters. */
  private boolean allows(String provider, Map<String, String> parameters) {
    for (int i = 0; i < policies.size(); i++) {
      if (policies.get(i).check(provider, parameters).isPresent()) {
        return false;
      }
    }
    return true;
  }

  /** Whether every policy allows some request to {@code provider}. */
  private boolean mayAsk(String provider) {
    for (int i = 0; i < policies.size(); i++) {
      if (!policies.get(i).mayAllow(provider)) {
        return false;
      }
    }
    return true;
  }

  /** Finds (creating on first use) the provider and its cache; kept only once both exist. */
  private Binding bind(SecretSpec spec) {
    SecretsProvider provider = registry.get(spec.provider(), spec.name());
    String[] required;
    try {
      required = required(provider);
    } catch (RuntimeException e) {
      // The provider cannot say: each request asks it again and reports the failure.
      required = null;
    }
    Binding binding = new Binding(provider, caching.cache(provider, spec.name()), required);
    Binding raced = bindings.putIfAbsent(spec.provider(), binding);
    return raced != null ? raced : binding;
  }

  /** The names of the parameters {@code provider} requires, in its order, read once. */
  private static String[] required(SecretsProvider provider) {
    List<ParameterSpec> specs = provider.parameters();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i).required()) {
        names.add(specs.get(i).name());
      }
    }
    return names.toArray(new String[0]);
  }

  private static void requireParameters(String[] required, SecretRequest request) {
    Map<String, String> parameters = request.parameters();
    for (String name : required) {
      String value = parameters.get(name);
      if (value == null || value.isBlank()) {
        throw request.parametersError("The \"" + name + "\" parameter is mandatory!");
      }
    }
  }

  /**
   * A provider, its cache and the names of its required parameters (a provider declares its
   * parameters once; they are read when it is bound, not on every request; {@code null} if the
   * provider failed to say, then each request asks it again and reports its failure).
   */
  private record Binding(SecretsProvider provider, ValueCache cache, String[] required) {}
}
