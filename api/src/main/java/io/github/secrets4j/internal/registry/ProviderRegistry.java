package io.github.secrets4j.internal.registry;

import io.github.secrets4j.SecretError;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.internal.RedactedException;
import io.github.secrets4j.internal.Slugs;
import io.github.secrets4j.internal.Text;
import io.github.secrets4j.internal.settings.InvalidSettingException;
import io.github.secrets4j.internal.settings.Settings;
import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretsProvider;
import io.github.secrets4j.spi.SecretsProviderFactory;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of one runtime: those wired explicitly, and factories found by
 * {@link ServiceLoader} whose providers are created the first time a secret names their slug.
 */
public final class ProviderRegistry implements AutoCloseable {

  private static final Map<String, String> KNOWN_ARTIFACTS =
      Map.of(
          "environment-variable", "io.github.secrets4j:secrets4j-provider-env",
          "text-file", "io.github.secrets4j:secrets4j-provider-file",
          "hashicorp-vault", "io.github.secrets4j:secrets4j-provider-vault",
          "aws-secrets-manager", "io.github.secrets4j:secrets4j-provider-aws",
          "encrypted-file", "io.github.secrets4j:secrets4j-provider-encrypted-file");
  private static final String IN_MEMORY = "in-memory";

  private final Map<String, SecretsProvider> explicit;
  private final Map<String, List<SecretsProviderFactory>> factories;
  private final Map<String, SecretsProvider> created = new ConcurrentHashMap<>();
  private final Settings settings;
  private final InstantSource timeSource;

  /**
   * @param explicit providers wired on the builder, by slug; they win over discovered ones
   * @param discover whether to look for factories with {@link ServiceLoader}
   * @param classLoader where to look, or {@code null} for secrets4j's own module layer and class
   *     loader (see {@link Loaders#of})
   * @param settings the runtime's settings, handed to factories
   * @param timeSource the runtime's wall clock, handed to factories
   */
  public ProviderRegistry(
      Map<String, SecretsProvider> explicit,
      boolean discover,
      ClassLoader classLoader,
      Settings settings,
      InstantSource timeSource) {
    this.timeSource = timeSource;
    this.explicit = Collections.unmodifiableMap(new LinkedHashMap<>(explicit));
    this.factories = discover ? discover(classLoader) : Map.of();
    this.settings = settings;
  }

  private static Map<String, List<SecretsProviderFactory>> discover(ClassLoader classLoader) {
    Map<String, List<SecretsProviderFactory>> found = new LinkedHashMap<>();
    // A factory class found on two routes (a module seen from its layer and from its loader) counts once.
    Set<Class<?>> seen = new HashSet<>();
    for (ServiceLoader<SecretsProviderFactory> loader
        : Loaders.of(SecretsProviderFactory.class, classLoader)) {
      discover(loader.iterator(), found, seen);
    }
    for (Map.Entry<String, List<SecretsProviderFactory>> claim : found.entrySet()) {
      if (claim.getValue().size() > 1) {
        Log.LOG.warn("Several provider factories claim the slug \"{}\": {}", claim.getKey(),
            classNames(claim.getValue()));
      }
    }
    return Collections.unmodifiableMap(found);
  }

  private static void discover(Iterator<SecretsProviderFactory> iterator,
      Map<String, List<SecretsProviderFactory>> found, Set<Class<?>> seen) {
    // A broken plugin jar must not stop the others from loading: skip it and say which it was.
    for (int guard = 0; guard < 10_000; guard++) {
      try {
        if (!iterator.hasNext()) {
          break;
        }
        SecretsProviderFactory factory = iterator.next();
        if (!seen.add(factory.getClass())) {
          continue;
        }
        String slug = factory.slug();
        if (slug == null || !Slugs.isValid(slug)) {
          Log.LOG.warn("Ignoring provider factory {}: invalid slug \"{}\"",
              factory.getClass().getName(), slug == null ? null : Text.escape(slug));
          continue;
        }
        found.computeIfAbsent(slug, s -> new ArrayList<>()).add(factory);
      } catch (ServiceConfigurationError | LinkageError e) {
        Log.LOG.warn("Ignoring a secrets provider factory that could not be loaded: {}",
            Text.escape(e.toString()));
      } catch (RuntimeException e) {
        // A factory whose slug() throws: only the exception's class is shown.
        Log.LOG.warn("Ignoring a secrets provider factory that failed: {}", e.getClass().getName());
      }
    }
  }

  /** Returns every slug this registry can provide, sorted. */
  public Set<String> slugs() {
    Set<String> slugs = new TreeSet<>(explicit.keySet());
    slugs.addAll(factories.keySet());
    return Collections.unmodifiableSet(slugs);
  }

  /** Returns whether a provider is registered under {@code slug} (without creating it). */
  public boolean contains(String slug) {
    return explicit.containsKey(slug) || factories.containsKey(slug);
  }

  /**
   * Checks that a provider is registered under {@code slug}, without creating it: what a secret
   * built through the runtime is checked with at {@code build()}.
   *
   * @param slug the provider slug the secret names
   * @param secretName the secret being built, for the error message
   * @throws SecretProviderError if none is, with the same message as {@link #get} gives
   */
  public void requireKnown(String slug, String secretName) {
    if (!contains(slug)) {
      throw new SecretProviderError(secretName, slug, unknownSlug(slug));
    }
  }

  /**
   * Returns the provider for {@code slug}, creating it on first use.
   *
   * @param secretName the secret asking, for the error messages
   * @throws SecretProviderError if no provider is registered under the slug, several factories
   *     claim it, or creating it failed
   */
  public SecretsProvider get(String slug, String secretName) {
    SecretsProvider provider = explicit.get(slug);
    if (provider != null) {
      return provider;
    }
    provider = created.get(slug);
    if (provider != null) {
      return provider;
    }
    List<SecretsProviderFactory> candidates = factories.get(slug);
    if (candidates == null) {
      throw new SecretProviderError(secretName, slug, unknownSlug(slug));
    }
    if (candidates.size() > 1) {
      throw new SecretProviderError(
          secretName,
          slug,
          "Several providers are registered for \"" + slug + "\" (" + classNames(candidates)
              + "); remove all but one from the class path or wire one with "
              + "Secrets.builder().provider(...)");
    }
    try {
      return createOnce(candidates.get(0), slug, secretName);
    } catch (SecretError e) {
      throw e;
    } catch (InvalidSettingException e) {
      throw new SecretProviderError(secretName, slug, e.getMessage());
    } catch (RuntimeException e) {
      // The factory's message is not kept (it may hold a setting's value): its class and stack are.
      throw new SecretProviderError(secretName, slug,
          "Provider could not be created: " + e.getClass().getName(), RedactedException.of(e));
    }
  }

  /** Creates the provider of {@code slug} once, however many threads ask first. */
  private synchronized SecretsProvider createOnce(
      SecretsProviderFactory factory, String slug, String secretName) {
    SecretsProvider existing = created.get(slug);
    if (existing != null) {
      return existing;
    }
    SecretsProvider provider = create(factory, slug, secretName);
    created.put(slug, provider);
    return provider;
  }

  private SecretsProvider create(SecretsProviderFactory factory, String slug, String secretName) {
    ProviderContext context = new Context();
    SecretsProvider provider;
    try {
      provider = factory.create(context);
    } catch (SecretError e) {
      throw new SecretProviderError(secretName, slug, e.reason(), e.getCause());
    }
    if (provider == null) {
      throw new SecretProviderError(secretName, slug,
          "Provider factory " + factory.getClass().getName() + " returned no provider");
    }
    if (!slug.equals(provider.slug())) {
      String reported = provider.slug();
      try {
        provider.close();
      } catch (RuntimeException e) {
        Log.LOG.debug("Closing the mismatched provider of factory {} failed",
            factory.getClass().getName());
      }
      throw new SecretProviderError(secretName, slug, "Provider factory "
          + factory.getClass().getName() + " is registered for \"" + slug
          + "\" but created a provider whose slug is \""
          + (reported == null ? "null" : Text.escape(reported)) + "\"");
    }
    return provider;
  }

  private String unknownSlug(String slug) {
    StringBuilder reason =
        new StringBuilder("No registered provider \"").append(Text.escape(slug)).append("\" is available");
    Set<String> available = slugs();
    reason.append(available.isEmpty() ? " (no providers are registered" : " (available: ")
        .append(String.join(", ", available))
        .append(")");
    if (IN_MEMORY.equals(slug)) {
      reason.append("; the in-memory provider of io.github.secrets4j:secrets4j-testkit is never "
          + "discovered: wire it with Secrets.builder().provider(InMemorySecretsProvider.of(...))");
      return reason.toString();
    }
    String artifact = KNOWN_ARTIFACTS.get(slug);
    if (artifact != null) {
      reason.append("; add ").append(artifact).append(" to the class path");
    }
    return reason.toString();
  }

  private static String classNames(List<SecretsProviderFactory> factories) {
    return factories.stream().map(f -> f.getClass().getName()).collect(Collectors.joining(", "));
  }

  /** Closes every provider, wired or created; one failing close does not stop the others. */
  @Override
  public void close() {
    List<SecretsProvider> all = new ArrayList<>(explicit.values());
    all.addAll(created.values());
    created.clear();
    for (SecretsProvider provider : all) {
      try {
        provider.close();
      } catch (RuntimeException e) {
        Log.LOG.warn("Closing secrets provider \"{}\" failed: {}", slugOf(provider),
            e.getClass().getName());
      }
    }
  }

  private static String slugOf(SecretsProvider provider) {
    try {
      return Text.escape(provider.slug());
    } catch (RuntimeException e) {
      return provider.getClass().getName();
    }
  }

  private final class Context implements ProviderContext {
    @Override
    public Optional<String> setting(String key) {
      return settings.get(key);
    }

    @Override
    public Optional<String> environmentVariable(String name) {
      return settings.environmentVariable(name);
    }

    @Override
    public InstantSource timeSource() {
      return timeSource;
    }
  }

  /** The logger, created on first use: a run that logs nothing never starts SLF4J. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);
  }
}
