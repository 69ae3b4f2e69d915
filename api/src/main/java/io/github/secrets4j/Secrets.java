package io.github.secrets4j;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.secrets4j.internal.Pipeline;
import io.github.secrets4j.internal.Slugs;
import io.github.secrets4j.internal.Text;
import io.github.secrets4j.internal.store.StoreNames;
import io.github.secrets4j.internal.cache.Caching;
import io.github.secrets4j.internal.cache.Changes;
import io.github.secrets4j.internal.definitions.Closest;
import io.github.secrets4j.internal.definitions.DefinitionLoader;
import io.github.secrets4j.internal.policy.Rules;
import io.github.secrets4j.internal.registry.KindRegistry;
import io.github.secrets4j.internal.registry.ProviderRegistry;
import io.github.secrets4j.internal.settings.Settings;
import io.github.secrets4j.internal.template.SecretSpec;
import io.github.secrets4j.spi.CachePolicy;
import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretWriter;
import io.github.secrets4j.spi.SecretsProvider;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime that owns providers and settings and resolves secrets.
 *
 * <p>Use {@link #defaults()} for the shared runtime (providers discovered on the class path,
 * settings from system properties and environment variables), or {@link #builder()} for one of your
 * own. Secrets and groups are made with {@link #secret(String)} and {@link #group(String)} (bound to
 * this runtime) or {@link Secret#builder(String)} (bound to the shared one).
 *
 * <p>Thread-safe. Providers are created lazily, the first time a secret names their slug.
 * {@link #close()} closes every provider; a closed runtime refuses further requests with
 * {@link IllegalStateException}. Nothing here ever logs or prints a secret value.
 */
public final class Secrets implements AutoCloseable {
  /** The setting that holds a {@link SecretsPolicy} in text form. */
  public static final String POLICY_SETTING = "secrets4j.policy";
  /** The setting that names the provider of {@link #store()}. */
  public static final String STORE_SETTING = "secrets4j.store";
  /** The provider of {@link #store()} when {@value #STORE_SETTING} is not set. */
  public static final String DEFAULT_STORE = "encrypted-file";


  private final ProviderRegistry registry;
  private final KindRegistry kinds;
  private final Settings settings;
  private final Caching caching;
  private final Pipeline pipeline;
  private final int policies;
  private final boolean view;
  private final boolean shared;
  private final AtomicBoolean closed;
  private final SecretDefinitions definitions;
  /** The defined secrets by name, bound to the runtime (not to a view). */
  private final Map<String, Secret> defined;

  private Secrets(Builder builder, boolean shared) {
    this.settings = new Settings(Map.copyOf(builder.settings), builder.environment);
    this.registry =
        new ProviderRegistry(builder.providers, builder.discover, builder.classLoader, settings,
            builder.timeSource != null ? builder.timeSource : InstantSource.system());
    this.kinds = new KindRegistry(builder.kinds, builder.classLoader);
    if (builder.definitions.isEmpty()) {
      this.definitions = SecretDefinitions.empty();
      this.defined = Map.of();
    } else {
      DefinitionLoader.Loaded loaded;
      try {
        loaded = DefinitionLoader.load(builder.definitions, registry, kinds.names());
      } catch (RuntimeException e) {
        // Providers the files named may have been created: close them.
        registry.close();
        throw e;
      }
      this.definitions = loaded.definitions();
      this.defined = defineSecrets(loaded);
    }
    this.caching = new Caching(settings, builder.ticker(), builder.refreshExecutor, builder.random,
        new Changes(builder.timeSource != null ? builder.timeSource : InstantSource.system()));
    List<SecretsPolicy> policies =
        builder.policy != null ? List.of(builder.policy) : policyFromSettings(settings);
    this.closed = new AtomicBoolean();
    List<Rules> checks = new ArrayList<>();
    for (SecretsPolicy policy : policies) {
      checks.add(policy.rules());
    }
    this.pipeline = new Pipeline(registry, caching, checks, closed);
    this.policies = policies.size();
    this.view = false;
    this.shared = shared;
  }

  private Secrets(Secrets parent, SecretsPolicy policy) {
    this.settings = parent.settings;
    this.definitions = parent.definitions;
    this.defined = parent.defined;
    this.registry = parent.registry;
    this.kinds = parent.kinds;
    this.caching = parent.caching;
    this.closed = parent.closed;
    this.pipeline = parent.pipeline.withPolicy(policy.rules());
    this.policies = parent.policies + 1;
    this.view = true;
    this.shared = true;
  }

  private Secrets(Secrets parent, String principal) {
    this.settings = parent.settings;
    this.definitions = parent.definitions;
    this.defined = parent.defined;
    this.registry = parent.registry;
    this.kinds = parent.kinds;
    this.caching = parent.caching;
    this.closed = parent.closed;
    this.pipeline = parent.pipeline.forPrincipal(principal);
    this.policies = parent.policies;
    this.view = true;
    this.shared = true;
  }

  /**
   * Makes the defined secrets: a secret read from a provider as {@link #secret(String)} makes
   * it; a store-managed one reads its key through the store's read parameters, as
   * {@link SecretStore#secret(String)} does, under the definition's name and slug.
   */
  private Map<String, Secret> defineSecrets(DefinitionLoader.Loaded loaded) {
    Map<String, Secret> secrets = new LinkedHashMap<>();
    for (SecretDefinition definition : loaded.definitions().secrets()) {
      Map<String, String> parameters = definition.stored().isPresent()
          ? loaded.readParameters().get(definition.name())
          : ((SecretDefinition.Provided) definition.origin()).parameters();
      secrets.put(definition.name(), secret(definition.name())
          .slug(definition.slug())
          .description(definition.description())
          .provider(definition.provider())
          .parameters(parameters)
          .build());
    }
    return Collections.unmodifiableMap(secrets);
  }

  /**
   * Returns what {@link Builder#definitions} loaded: every file's metadata and reconcile
   * defaults, and every secret, group, target and grant declared, never a value.
   *
   * @return the definitions; {@link SecretDefinitions#empty()} when no file was given
   */
  public SecretDefinitions definitions() {
    return definitions;
  }

  /**
   * Returns the secret a definition file declares under {@code name}, bound to this runtime (or
   * view). A secret read from a provider names its provider and parameters; a store-managed one
   * reads its key's current value through the store, as
   * {@code store(slug).secret(key)} would, under the definition's name and slug.
   *
   * @param name the secret's name in the file
   * @return the secret
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if no secret has that name, naming the closest defined ones
   */
  public Secret defined(String name) {
    Objects.requireNonNull(name, "name");
    Secret secret = defined.get(name);
    if (secret == null) {
      throw new IllegalArgumentException("No secret named \"" + Text.escape(name, 100)
          + "\" is defined (" + Closest.suggest(name, defined.keySet(), "secrets") + ")");
    }
    return secret.boundTo(this);
  }

  /**
   * Returns the group a definition file declares under {@code name}; its secrets are bound to
   * this runtime (or view).
   *
   * @param name the group's name in the file
   * @return a new group holding the defined secrets in their slots
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if no group has that name, naming the closest defined ones
   */
  public SecretsGroup definedGroup(String name) {
    Objects.requireNonNull(name, "name");
    List<String> names = new ArrayList<>();
    for (SecretDefinitions.Group group : definitions.groups()) {
      if (group.name().equals(name)) {
        SecretsGroup.Builder builder =
            group(group.name()).slug(group.slug()).description(group.description());
        for (SecretDefinitions.Member member : group.members()) {
          builder.secret(member.access(), member.type(), defined.get(member.secret()));
        }
        return builder.build();
      }
      names.add(group.name());
    }
    throw new IllegalArgumentException("No group named \"" + Text.escape(name, 100)
        + "\" is defined (" + Closest.suggest(name, names, "groups") + ")");
  }

  /**
   * Returns the target a definition file declares under {@code name}: its environment
   * variables and files with the defined secrets they get, bound to this runtime (or view).
   *
   * @param name the target's name in the file
   * @return the target
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if no target has that name, naming the closest defined ones
   */
  public SecretsTarget target(String name) {
    Objects.requireNonNull(name, "name");
    List<String> names = new ArrayList<>();
    for (SecretDefinitions.Target target : definitions.targets()) {
      if (target.name().equals(name)) {
        Map<String, Secret> env = new LinkedHashMap<>();
        target.env().forEach((variable, secret) -> env.put(variable, defined(secret)));
        Map<Path, Secret> files = new LinkedHashMap<>();
        target.files().forEach((path, secret) -> files.put(path, defined(secret)));
        return new SecretsTarget(target.name(), env, files);
      }
      names.add(target.name());
    }
    throw new IllegalArgumentException("No target named \"" + Text.escape(name, 100)
        + "\" is defined (" + Closest.suggest(name, names, "targets") + ")");
  }

  /**
   * Plans the reconcile of the loaded definitions with their stores, with each file's
   * {@code reconcile:} settings: the same as {@code plan(PlanOptions.defaults())}.
   *
   * @return the plan; nothing is written until {@link SecretsPlan#apply()}
   * @throws IllegalStateException if a value source cannot be read or this runtime is closed
   * @throws SecretError if a store fails
   */
  public SecretsPlan plan() {
    return plan(PlanOptions.defaults());
  }

  /**
   * Plans the reconcile of the loaded definitions with their stores, through this runtime (or
   * view): lists every store the store-managed secrets use once (and, when prune is on for a
   * loaded file, every other store of this runtime that can write, to find the entries it marked
   * there; one that cannot be created or listed is named in {@link SecretsPlan#toText()} as not
   * checked), compares each secret with the
   * entry under its key (metadata, grants, and for a {@code fromEnv}, {@code fromFile} or
   * {@code fromStdin} value the stored value, read through the store and compared in constant
   * time, in memory only), and finds the managed entries no longer declared. Reads each source
   * once; stdin at most once. Writes nothing.
   *
   * @param options prune, adopt, rotation and stdin
   * @return the plan; nothing is written until {@link SecretsPlan#apply()}
   * @throws NullPointerException if {@code options} is null
   * @throws IllegalArgumentException if a secret to rotate is not defined or not generated
   * @throws IllegalStateException if a value source cannot be read (an environment variable not
   *     set or not starting with one of {@code secrets4j.environment-variable.allowed-prefixes}
   *     when that is set; a file outside {@code secrets4j.text-file.allowed-roots} when that is
   *     set, missing, not a regular file, or that cannot be read; a file or stdin larger than
   *     1 MiB or not UTF-8), naming the secret and the source, never a value; or if this runtime
   *     is closed
   * @throws SecretError if a store fails
   */
  public SecretsPlan plan(PlanOptions options) {
    Objects.requireNonNull(options, "options");
    ensureOpen();
    return new Planner(this, definitions, options, settings::environmentVariable,
        settings::get).plan();
  }

  /** What errors name in place of a secret when a store, not a secret, asked for a provider. */
  private static final String STORE_NAME = "(store)";

  private static List<SecretsPolicy> policyFromSettings(Settings settings) {
    Optional<String> text = settings.get(POLICY_SETTING);
    if (text.isEmpty()) {
      return List.of();
    }
    try {
      return List.of(SecretsPolicy.parse(text.get()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Setting " + POLICY_SETTING + " is invalid: "
          + e.getMessage(), e);
    }
  }

  /**
   * Returns the shared runtime: providers discovered with {@link java.util.ServiceLoader} where
   * secrets4j itself lives (the module layer of its api module, and the class loader that defined
   * its classes; never the calling thread's context class loader, so the thread that happens to
   * touch it first cannot decide which providers the whole JVM gets), settings from system
   * properties and environment variables. Created on first use. {@link #close()} on it does
   * nothing: it lives as long as the JVM.
   *
   * @return the one shared runtime of this JVM (the same instance on every call)
   */
  public static Secrets defaults() {
    return Shared.INSTANCE;
  }

  /**
   * Returns a builder for a runtime of your own, which {@link #close()} then really closes.
   *
   * @return a new builder with discovery on and no settings of its own
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder of a {@link Secret} bound to this runtime.
   *
   * @param name the secret's display name (its slug is derived from it unless set)
   * @return a builder whose {@code build()} makes a secret resolved through this runtime
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public Secret.Builder secret(String name) {
    return new Secret.Builder(this, name);
  }

  /**
   * Returns a builder of a {@link SecretsGroup} whose secrets come from this runtime: every
   * secret put in it is bound to this runtime (or view), whatever runtime it was built with, so
   * the group's values and the secrets taken out of it resolve here.
   *
   * @param name the group's name
   * @return the builder
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public SecretsGroup.Builder group(String name) {
    return new SecretsGroup.Builder(this, name);
  }

  /**
   * Returns the provider registered under {@code slug}, creating it if it is discovered and not
   * created yet. A provider called directly still enforces its own restrictions (allowed
   * prefixes, allowed roots), but no policy of this runtime.
   *
   * @param slug the provider's slug, such as {@code text-file}
   * @return the provider, or empty when no provider is registered under that slug
   * @throws SecretProviderError if the provider exists but could not be created
   * @throws UnsupportedOperationException on a view made by {@link #withPolicy}: a provider is
   *     not bound by the view's policies, so a view hands none out
   */
  public Optional<SecretsProvider> provider(String slug) {
    Objects.requireNonNull(slug, "slug");
    refuseInView("provider(slug)");
    ensureOpen();
    if (!registry.contains(slug)) {
      return Optional.empty();
    }
    return Optional.of(registry.get(slug, "(none)"));
  }

  /**
   * Returns the cache policy this runtime applies to the provider {@code slug}: the one it declares
   * ({@link SecretsProvider#cachePolicy()}) overridden by the settings
   * {@code secrets4j.cache.<name>} and {@code secrets4j.<slug>.cache.<name>}. Adapters use it to
   * tell their framework how long a value stays valid (Kafka's {@code ConfigData} ttl, for one).
   * The provider is created if it was not yet.
   *
   * @param slug the provider's slug, such as {@code hashicorp-vault}
   * @return the effective policy; {@link CachePolicy#enabled()} is false when values are not cached
   * @throws NullPointerException if {@code slug} is null
   * @throws SecretProviderError if no provider is registered under {@code slug} (naming the
   *     available slugs), it could not be created, or one of its cache settings is invalid (naming
   *     the setting)
   * @throws IllegalStateException if this runtime is closed
   */
  public CachePolicy cachePolicy(String slug) {
    Objects.requireNonNull(slug, "slug");
    ensureOpen();
    return caching.effectivePolicy(registry.get(slug, "(cache policy)"), "(cache policy)");
  }

  /**
   * Returns the slugs of every provider this runtime can use: wired and discovered, created or
   * not yet.
   *
   * @return the slugs, sorted; unmodifiable
   */
  public Set<String> providerSlugs() {
    return registry.slugs();
  }

  /**
   * Returns the kind named {@code name}: a built-in one ({@code opaque}, {@code env}), one wired
   * with {@link Builder#kind(SecretKind)} or one a discovered
   * {@link io.github.secrets4j.spi.SecretKindProvider} offers. What a store checks a put's
   * {@link SecretMetadata#kind()} against.
   *
   * @param name the kind's name, such as {@code env}
   * @return the kind, or empty when this runtime knows none by that name
   * @throws NullPointerException if {@code name} is null
   */
  public Optional<SecretKind<?>> kind(String name) {
    Objects.requireNonNull(name, "name");
    return kinds.get(name);
  }

  /**
   * Returns the names of every kind this runtime knows, built in, wired and discovered.
   *
   * @return the names, sorted; unmodifiable
   */
  public Set<String> kindNames() {
    return kinds.names();
  }

  /**
   * Returns a setting as providers see it: builder settings, then system properties, then the
   * environment.
   *
   * @param key the setting's name, such as {@code secrets4j.text-file.allowed-roots}
   * @return the value, or empty when no source sets it (blank values count as unset)
   * @throws UnsupportedOperationException on a view made by {@link #withPolicy}: settings and
   *     the environment hold credentials no policy covers
   */
  public Optional<String> setting(String key) {
    Objects.requireNonNull(key, "key");
    refuseInView("setting(key)");
    return settings.get(key);
  }

  /**
   * Refuses a secret being built through this runtime whose provider slug it does not know.
   *
   * @throws SecretProviderError naming the slug and the available ones
   */
  void requireProvider(String slug, String secretName) {
    registry.requireKnown(slug, secretName);
  }

  private void refuseInView(String what) {
    if (view) {
      throw new UnsupportedOperationException(what + " is not available on a view made by "
          + "withPolicy or forPrincipal: it would reach past the view's policies and principal");
    }
  }

  /**
   * Returns a store that writes to the provider {@code slug}. It belongs to this runtime (or
   * view): made through a view, it obeys the view's policies and principal (see
   * {@link SecretStore}). The provider is created if it was not yet.
   *
   * @param slug the slug of a provider that can write, such as {@code in-memory}
   * @return the store
   * @throws NullPointerException if {@code slug} is null
   * @throws SecretProviderError if no provider is registered under {@code slug} (naming the
   *     available slugs), or it could not be created
   * @throws IllegalArgumentException if the provider cannot write (naming the slugs of this
   *     runtime's providers that can)
   * @throws IllegalStateException if this runtime is closed
   */
  public SecretStore store(String slug) {
    Objects.requireNonNull(slug, "slug");
    ensureOpen();
    SecretsProvider provider = registry.get(slug, STORE_NAME);
    Optional<SecretWriter> writer = writerOf(provider);
    if (writer.isEmpty()) {
      Set<String> writable = writableSlugs();
      throw new IllegalArgumentException("Provider \"" + slug + "\" cannot store secrets; "
          + (writable.isEmpty() ? "no provider of this runtime can"
              : "providers that can: " + String.join(", ", writable)));
    }
    return new SecretStore(this, pipeline, slug, writer.get());
  }

  /**
   * Returns the default store: the provider named by the setting {@value #STORE_SETTING},
   * {@value #DEFAULT_STORE} when it is not set. As {@link #store(String)} otherwise.
   *
   * @return the store
   * @throws SecretProviderError if no provider is registered under that slug (the
   *     {@value #DEFAULT_STORE} provider comes with its own module), or it could not be created
   * @throws IllegalArgumentException if the provider cannot write
   * @throws IllegalStateException if this runtime is closed
   */
  public SecretStore store() {
    return store(settings.get(STORE_SETTING).orElse(DEFAULT_STORE));
  }

  /**
   * Returns a view of this runtime (or view) acting as {@code principal}, like
   * {@link #withPolicy}: it shares providers, settings, policies and cache, hands out no provider
   * and no setting, and closing it does nothing. Stores made through it record the principal as
   * the owner of the keys it puts and show it only what it owns or was granted; its reads of a
   * stored entry (through {@link #getValue}, secrets built through it, and
   * {@link SecretStore#secret}) need the principal to own it or be granted it, else
   * {@link SecretAccessDeniedError}; an entry without owner is readable by no principal unless
   * granted. Reads that name no stored entry are not checked against principals. Outside
   * principal views, owners and grants are never checked: the host application is trusted.
   *
   * @param principal the principal: not blank, at most 256 chars, no control characters
   * @return a new view; this runtime is unchanged
   * @throws NullPointerException if {@code principal} is null
   * @throws IllegalArgumentException if {@code principal} is invalid
   * @throws UnsupportedOperationException on a view acting as another principal
   * @throws IllegalStateException if this runtime is closed
   */
  public Secrets forPrincipal(String principal) {
    StoreNames.requirePrincipal(principal);
    ensureOpen();
    Optional<String> current = pipeline.principal();
    if (current.isPresent()) {
      if (current.get().equals(principal)) {
        return this;
      }
      throw new UnsupportedOperationException("forPrincipal is not available on a view acting "
          + "as another principal");
    }
    return new Secrets(this, principal);
  }

  /** The provider's writer; a provider whose writer() throws counts as one that cannot write. */
  private static Optional<SecretWriter> writerOf(SecretsProvider provider) {
    try {
      Optional<SecretWriter> writer = provider.writer();
      return writer != null ? writer : Optional.empty();
    } catch (RuntimeException e) {
      Log.LOG.warn("Provider \"{}\" failed to say whether it can write: {}",
          Text.escape(provider.slug()), e.getClass().getName());
      return Optional.empty();
    }
  }

  /**
   * Package-private, for plans that prune: the store of {@code slug}, or empty when its provider
   * cannot write. Creates the provider if it was not yet.
   *
   * @throws SecretProviderError if the provider cannot be created
   */
  Optional<SecretStore> writableStore(String slug) {
    ensureOpen();
    return writerOf(registry.get(slug, STORE_NAME))
        .map(writer -> new SecretStore(this, pipeline, slug, writer));
  }

  /**
   * The slugs of providers that can write. Creates providers not created yet, to ask them: only
   * on the way to an error; one that cannot be created is left out.
   */
  private Set<String> writableSlugs() {
    Set<String> writable = new TreeSet<>();
    for (String slug : registry.slugs()) {
      try {
        if (writerOf(registry.get(slug, STORE_NAME)).isPresent()) {
          writable.add(slug);
        }
      } catch (RuntimeException e) {
        // Not creatable here (missing settings): not offered.
      }
    }
    return writable;
  }

  /** Package-private: refuses use of a closed runtime. */
  void checkOpen() {
    ensureOpen();
  }

  /** Resolves a secret's definition through this runtime's pipeline. */
  String resolve(SecretSpec spec, Object obj) {
    return pipeline.resolve(spec, obj);
  }

  /** Resolves a secret's definition through this runtime's pipeline and parses it by kind. */
  <T> T resolve(SecretSpec spec, Object obj, SecretKind<T> kind) {
    return pipeline.resolve(spec, obj, kind);
  }

  /** The kinds of this runtime, for a store's checks. */
  KindRegistry kinds() {
    return kinds;
  }

  /**
   * Returns a view of this runtime that also enforces {@code policy}: it shares providers,
   * settings and cache, and allows a request only when this runtime's policies and
   * {@code policy} all allow it. Use one per caller (a tenant, a job). Closing a view does
   * nothing; closing the runtime it came from closes it too.
   *
   * <p>A view is a boundary for the code that holds it: nothing reachable from it reads past its
   * policies. Secrets and groups made through it resolve through it ({@link #getValue}, too,
   * resolves any secret here); it hands out no provider and no setting
   * ({@link UnsupportedOperationException}); it invalidates only values it may read and shows
   * the counters only of providers it may ask. It is not a sandbox: code that can call
   * {@link #defaults()}, {@link #builder()} or {@link Secret#builder(String)} (bound to the
   * shared runtime) can reach past it.
   *
   * @param policy the policy the view adds
   * @return a new view; this runtime is unchanged
   * @throws IllegalStateException if this runtime is closed
   */
  public Secrets withPolicy(SecretsPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    ensureOpen();
    return new Secrets(this, policy);
  }

  /**
   * Resolves {@code secret} through this runtime (or view) and its policies, whatever runtime
   * it was built with: the provider named by the secret is looked up here. {@code obj} may be
   * {@code null}, as in {@link Secret#getValue(Object)}.
   *
   * @param secret the secret to resolve
   * @param obj the object its parameter templates see as {@code obj}, or {@code null}
   * @return the secret's value
   * @throws SecretError as {@link Secret#getValue(Object)} does
   */
  public String getValue(Secret secret, Object obj) {
    Objects.requireNonNull(secret, "secret");
    return pipeline.resolve(secret.spec(), obj);
  }

  /**
   * Resolves {@code secret} through this runtime (or view), as {@link #getValue(Secret, Object)},
   * and parses the value by {@code kind}, as {@link Secret#getValue(Object, SecretKind)} does.
   *
   * @param <T> the type of a value of the kind
   * @param secret the secret to resolve
   * @param obj the object its parameter templates see as {@code obj}, or {@code null}
   * @param kind the kind the value must be of; it need not be one this runtime knows by name
   * @return the parsed value
   * @throws SecretValueInvalidError if the kind refuses the value
   * @throws SecretError as {@link Secret#getValue(Object, SecretKind)} does
   */
  public <T> T getValue(Secret secret, Object obj, SecretKind<T> kind) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(kind, "kind");
    return pipeline.resolve(secret.spec(), obj, kind);
  }

  /**
   * Resolves {@code secret} without an object through this runtime (or view): the same as
   * {@code getValue(secret, null)}.
   *
   * @param secret the secret to resolve
   * @return the secret's value
   * @throws SecretError as {@link Secret#getValue()} does
   */
  public String getValue(Secret secret) {
    return getValue(secret, null);
  }

  /**
   * Drops every cached value this secret may have produced: for a templated secret, every value
   * of its provider whose literal parameters match (so possibly values of other secrets of the same
   * shape too). The next request asks the provider. A view drops only values its policies
   * would let it read.
   *
   * @param secret the secret whose cached values to drop
   */
  public void invalidate(Secret secret) {
    Objects.requireNonNull(secret, "secret");
    pipeline.invalidate(secret.spec());
  }

  /**
   * Drops the cached value of {@code secret} rendered for {@code obj} (may be {@code null}).
   *
   * @param secret the secret whose cached value to drop
   * @param obj the object its parameters are rendered with, or {@code null}
   * @throws SecretParametersError if the parameters cannot be rendered for {@code obj}
   * @throws SecretAccessDeniedError on a view whose policies would refuse to read that value
   */
  public void invalidate(Secret secret, Object obj) {
    Objects.requireNonNull(secret, "secret");
    pipeline.invalidate(secret.spec(), obj);
  }

  /**
   * Calls {@code listener} each time a load of the cached value of {@code secret} rendered for
   * {@code obj} finds a value different from the one loaded before for it: a read after its ttl,
   * a refresh ahead of it, or a read after an invalidation. Never on the first load of the value
   * (the value cached when subscribing, if any, is what the next load is compared with), never
   * when the value loaded is equal (compared in constant time on its UTF-8 bytes). The event holds
   * the secret's name and slug, the provider, the version where the provider is a store, and the
   * time; never a value. The runtime keeps no value for this: only, while someone listens for a
   * key, a digest of the value loaded last (HMAC-SHA256 under a random key of the runtime),
   * which outlives the value's expiry and invalidation. A provider whose values are not cached
   * (ttl 0) is compared at each read.
   *
   * <p>The listener runs in the thread that loaded the value, after the value is in the cache:
   * the reading thread (before its read returns) or, for a refresh ahead of the ttl, a refresh
   * thread. Keep it short, or hand the work to an executor of your own. A
   * {@code RuntimeException} it throws is logged at WARN (the secret and provider named, the
   * exception's class, never its message) and does not reach the read; an {@code Error} is not
   * caught. The parameters are rendered once, now: the subscription follows that
   * cache key, and keeps no reference to {@code obj}. A view checks that its policies (and
   * principal) allow reading the value.
   *
   * @param secret the secret to watch
   * @param obj the object its parameter templates see as {@code obj}, or {@code null}
   * @param listener called with each change
   * @return the subscription: closing it stops the calls, also of a change being told at that
   *     moment (a call already under way may finish after {@code close} returns); closing
   *     again does nothing
   * @throws NullPointerException if {@code secret} or {@code listener} is null
   * @throws SecretParametersError if the parameters cannot be rendered for {@code obj}, or a
   *     required one is missing
   * @throws SecretAccessDeniedError if a read of the value would be refused: by the provider's
   *     own restrictions, the runtime's policies or, on a view, its policies and principal (the
   *     request is checked exactly as a read of it)
   * @throws SecretProviderError if the provider cannot be created
   * @throws IllegalStateException if this runtime is closed
   */
  public AutoCloseable onChange(Secret secret, Object obj, Consumer<SecretChange> listener) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(listener, "listener");
    return pipeline.onChange(secret.spec(), obj, listener);
  }

  /**
   * Calls {@code listener} for every change of a value this runtime loads, of any secret, as
   * {@link #onChange} would for a subscriber of that value: for metrics and audit. The event names
   * the secret whose request loaded the value. While such a listener is subscribed, every load
   * is compared (a digest is kept per cached key); the first load of a key after subscribing is
   * not a change. A view made by {@link #withPolicy} tells only changes of values its policies
   * allow reading.
   *
   * @param listener called with each change, in the thread that loaded the value
   * @return the subscription: closing it stops the calls, also of a change being told at that
   *     moment (a call already under way may finish after {@code close} returns); closing
   *     again does nothing
   * @throws NullPointerException if {@code listener} is null
   * @throws UnsupportedOperationException on a view made by {@link #forPrincipal}
   * @throws IllegalStateException if this runtime is closed
   */
  public AutoCloseable onAnyChange(Consumer<SecretChange> listener) {
    Objects.requireNonNull(listener, "listener");
    if (pipeline.principal().isPresent()) {
      throw new UnsupportedOperationException("onAnyChange is not available on a view made by "
          + "forPrincipal: it would tell changes of entries the principal may not read");
    }
    return pipeline.onAnyChange(listener);
  }

  /** Drops every cached value of every provider; a view, every value its policies allow. */
  public void invalidateAll() {
    pipeline.invalidateAll();
  }

  /**
   * Returns a snapshot of the cache counters, per provider and in total; a view's shows only the
   * providers its policies may allow (their counters count every caller of the runtime).
   *
   * @return the counters at the time of the call; later requests do not change it
   */
  public SecretsStats stats() {
    return new SecretsStats(pipeline.stats());
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("This Secrets runtime is closed");
    }
  }

  /**
   * Drops every cached value and closes every provider (their clients, connections and
   * credentials). Idempotent. Does nothing on the shared {@link #defaults()} runtime and on views
   * made by {@link #withPolicy} and {@link #forPrincipal}.
   */
  @Override
  public void close() {
    if (shared) {
      if (!view) {
        Log.LOG.debug("Secrets.defaults() is shared and lives as long as the JVM; close() ignored");
      }
      return;
    }
    if (closed.compareAndSet(false, true)) {
      caching.close();
      registry.close();
    }
  }

  @Override
  public String toString() {
    return "Secrets{providers=" + registry.slugs() + (policies == 0 ? "" : ", policies="
        + policies) + (closed.get() ? ", closed" : "") + "}";
  }

  private static final class Shared {
    static final Secrets INSTANCE = new Secrets(new Builder(), true);
  }

  /**
   * Builds a {@link Secrets} runtime. Every setter checks its argument at once and throws
   * {@link NullPointerException} or {@link IllegalArgumentException} naming it.
   */
  public static final class Builder {
    private final Map<String, SecretsProvider> providers = new LinkedHashMap<>();
    private final Map<String, SecretKind<?>> kinds = new LinkedHashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private boolean discover = true;
    private ClassLoader classLoader;
    private Map<String, String> environment;
    private InstantSource timeSource;
    private Executor refreshExecutor;
    private RandomGenerator random;
    private SecretsPolicy policy;
    private final List<DefinitionLoader.Input> definitions = new ArrayList<>();

    private Builder() {}

    /**
     * Adds definition files (YAML, or JSON when the name ends in {@code .json}), read and checked
     * by {@link #build()}, which throws one {@link SecretDefinitionsException} listing every
     * problem of every file. Calls add up; names must be unique across all files. Providers the
     * files name are created by {@link #build()}, to check their parameters and writers.
     *
     * @param files the files; relative {@code fromFile} paths in a file resolve against its folder
     * @return this builder
     * @throws NullPointerException if {@code files} or one of them is null
     */
    public Builder definitions(Path... files) {
      Objects.requireNonNull(files, "files");
      for (Path file : files) {
        Objects.requireNonNull(file, "file");
      }
      for (Path file : files) {
        definitions.add(DefinitionLoader.Input.of(file));
      }
      return this;
    }

    /**
     * Adds a definition file read from {@code in} now, to its end (at most 1 MiB; it is not
     * closed), and checked by {@link #build()} as {@link #definitions(Path...)} are. JSON when
     * {@code sourceName} ends in {@code .json} or the text starts with <code>{</code>, else
     * YAML. A {@code fromFile} path in it must be absolute.
     *
     * @param in the file's content
     * @param sourceName the name problems give it, such as {@code classpath:secrets.yaml}
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code sourceName} is blank
     */
    public Builder definitions(InputStream in, String sourceName) {
      Objects.requireNonNull(in, "in");
      Objects.requireNonNull(sourceName, "sourceName");
      if (sourceName.isBlank()) {
        throw new IllegalArgumentException("sourceName must not be blank");
      }
      definitions.add(DefinitionLoader.Input.read(in, sourceName));
      return this;
    }

    /**
     * Sets the policy every request must satisfy, replacing the one the setting
     * {@value Secrets#POLICY_SETTING} would give. Providers' own restrictions (allowed prefixes,
     * allowed roots) apply in addition.
     *
     * @param policy the runtime's policy
     * @return this builder
     */
    public Builder policy(SecretsPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Wires a provider explicitly. It wins over a discovered factory with the same slug; wiring two
     * providers with one slug is an error.
     *
     * @param provider the provider, used under its {@link SecretsProvider#slug()}
     * @return this builder
     * @throws IllegalArgumentException if a provider with that slug was wired already or its slug
     *     is invalid
     */
    public Builder provider(SecretsProvider provider) {
      Objects.requireNonNull(provider, "provider");
      String slug = Slugs.requireValid(provider.slug(), "provider slug");
      if (providers.putIfAbsent(slug, provider) != null) {
        throw new IllegalArgumentException("a provider with slug \"" + slug + "\" is already wired");
      }
      return this;
    }

    /**
     * Wires a kind explicitly, so that {@link Secrets#kind(String)} finds it and stores check puts
     * of its name with it. It wins over a discovered kind of the same name (which settles a clash
     * between two plugins).
     *
     * @param kind the kind, known by its {@link SecretKind#name()}
     * @return this builder
     * @throws IllegalArgumentException if its name is not a slug of at most 64 chars, is a
     *     built-in kind's ({@code opaque}, {@code env}) or a kind of that name was wired already
     */
    public Builder kind(SecretKind<?> kind) {
      Objects.requireNonNull(kind, "kind");
      String name = KindRegistry.requireWirable(kind);
      if (kinds.putIfAbsent(name, kind) != null) {
        throw new IllegalArgumentException("a kind named \"" + name + "\" is already wired");
      }
      return this;
    }

    /**
     * Sets whether to discover provider factories with {@link java.util.ServiceLoader}.
     *
     * @param discover {@code true} (the default) to discover, {@code false} to use only the
     *     providers wired with {@link #provider(SecretsProvider)}
     * @return this builder
     */
    public Builder discoverProviders(boolean discover) {
      this.discover = discover;
      return this;
    }

    /**
     * The class loader to discover providers and kind providers in, instead of the default: where secrets4j itself
     * lives (the module layer of its api module and the class loader that defined its classes),
     * never the thread context class loader. Set this to discover plugins that only another
     * loader sees (an application server's web application, a plugin directory).
     *
     * @param classLoader where {@link java.util.ServiceLoader} looks for provider factories
     * @return this builder
     */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
      return this;
    }

    /**
     * Sets one setting; it wins over system properties and environment variables.
     *
     * @param key the setting's name, such as {@code secrets4j.cache.ttl}
     * @param value its value (never printed: settings may hold credentials)
     * @return this builder
     * @throws IllegalArgumentException if the key is blank
     */
    public Builder setting(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (key.isBlank()) {
        throw new IllegalArgumentException("setting key must not be blank");
      }
      settings.put(key, value);
      return this;
    }

    /**
     * Sets several settings, as {@link #setting(String, String)} does for each.
     *
     * @param settings the settings' names and values
     * @return this builder
     * @throws IllegalArgumentException if a key is blank or a key or value is not a string
     */
    public Builder settings(Map<String, String> settings) {
      Objects.requireNonNull(settings, "settings");
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) settings).entrySet()) {
        Object key = entry.getKey();
        Object value = entry.getValue();
        if (key != null && !(key instanceof String)) {
          throw new IllegalArgumentException("setting keys must be strings, not "
              + key.getClass().getSimpleName());
        }
        if (value != null && !(value instanceof String)) {
          // The value is not shown: settings may hold credentials.
          throw new IllegalArgumentException("setting \"" + key + "\" must be a string, not a "
              + value.getClass().getSimpleName());
        }
        setting((String) key, (String) value);
      }
      return this;
    }

    /**
     * Replaces the process environment, for this runtime, with {@code environment}: the last source
     * of settings and what {@link ProviderContext#environmentVariable} reads (the environment
     * variable provider reads through it). For tests and sandboxes; copied.
     *
     * @param environment the variables' names and values this runtime sees instead
     * @return this builder
     */
    public Builder environment(Map<String, String> environment) {
      Objects.requireNonNull(environment, "environment");
      this.environment = Map.copyOf(environment);
      return this;
    }

    /**
     * The clock the cache measures ttls, refreshes and back-offs with (default: the system's
     * monotonic clock), and the wall clock providers that store secrets record puts with
     * ({@link ProviderContext#timeSource()}). Tests pass one they step to go through expiry
     * without sleeping; the cache runs the same code either way.
     *
     * @param timeSource the clock the cache reads
     * @return this builder
     */
    public Builder timeSource(InstantSource timeSource) {
      this.timeSource = Objects.requireNonNull(timeSource, "timeSource");
      return this;
    }

    /**
     * Where refresh-ahead loads run (default: up to four daemon threads of this runtime, stopped
     * by {@link Secrets#close()}).
     *
     * @param executor runs the refresh-ahead loads; the runtime does not shut it down
     * @return this builder
     */
    public Builder refreshExecutor(Executor executor) {
      this.refreshExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The random source of the cache's ttl spread (setting {@code secrets4j.cache.jitter}, default
     * 10%), which keeps a fleet started together from reloading together (default: a thread-local
     * generator). Must be thread-safe; tests pass a fixed one so that ttls are exact.
     *
     * @param random the source of the ttl spread
     * @return this builder
     */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    private Ticker ticker() {
      if (timeSource == null) {
        return Ticker.systemTicker();
      }
      InstantSource source = timeSource;
      return () -> {
        Instant now = source.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      };
    }

    /**
     * Builds the runtime; discovery happens now, provider creation later, on first use.
     *
     * @return a new runtime; close it when done
     * @throws IllegalArgumentException if the setting {@value Secrets#POLICY_SETTING} is invalid
     * @throws SecretDefinitionsException listing every problem of the definition files
     * @throws IllegalStateException if two discovered kinds share a name and no kind wired with
     *     {@link #kind(SecretKind)} settles it, a discovered kind takes a built-in name, or a
     *     plugin offers a kind whose name is invalid (the message names the classes)
     */
    public Secrets build() {
      return new Secrets(this, false);
    }
  }

  /** The logger, created on first use: a run that logs nothing never starts SLF4J. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(Secrets.class);
  }
}
