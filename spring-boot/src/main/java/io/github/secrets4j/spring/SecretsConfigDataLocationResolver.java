package io.github.secrets4j.spring;

import io.github.secrets4j.Secrets;
import io.github.secrets4j.spi.UntrustedText;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.BootstrapContextClosedEvent;
import org.springframework.boot.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.ConfigurableBootstrapContext;
import org.springframework.boot.context.config.ConfigDataLocation;
import org.springframework.boot.context.config.ConfigDataLocationResolver;
import org.springframework.boot.context.config.ConfigDataLocationResolverContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Resolves {@code spring.config.import=secrets4j:...} (also {@code optional:secrets4j:...}):
 * {@code secrets4j:PROPERTY=REFERENCE;PROPERTY=REFERENCE...}, where a reference is one of
 * secrets4j's one grammar ({@link io.github.secrets4j.SecretReference}): {@code secret:KEY},
 * {@code KEY@STORE}, {@code env:NAME}, {@code file:/absolute/path},
 * {@code group/NAME:ACCESS/TYPE}, {@code group:NAME} (one property per member) or the name of a
 * defined secret. {@code secrets4j:} alone imports no property and only makes the runtime a
 * bean.
 *
 * <p>The first {@code secrets4j:} import registers the {@link Secrets} runtime in the bootstrap
 * context, unless the application registered one there already (a
 * {@code BootstrapRegistryInitializer}); it is built from the {@code secrets4j.*} properties of
 * the Spring environment (as settings, winning over system properties and environment variables)
 * and the definition files {@code secrets4j.definitions} (a comma-separated list of paths). When
 * the bootstrap context closes the runtime becomes the bean {@value #BEAN_NAME}; one built here is
 * closed with the application context (or, when start-up fails before the context has it, when
 * start-up fails), one the application registered is left to it.
 *
 * <p>Registered in {@code META-INF/spring.factories}: applications do not call it.
 */
public final class SecretsConfigDataLocationResolver
    implements ConfigDataLocationResolver<SecretsConfigDataResource> {
  /** The prefix of the imports this resolver takes. */
  public static final String PREFIX = "secrets4j:";
  /** The name of the {@link Secrets} bean. */
  public static final String BEAN_NAME = "secrets4j";

  private static final Pattern PROPERTY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-\\[\\]]*");

  /** Made by Spring Boot from {@code META-INF/spring.factories}. */
  public SecretsConfigDataLocationResolver() {
    // Nothing to set up: the runtime is built on the first load.
  }

  /**
   * Tells whether {@code location} starts with {@value #PREFIX}.
   *
   * @param context the resolver context
   * @param location the import
   * @return true for {@code secrets4j:} imports
   */
  @Override
  public boolean isResolvable(ConfigDataLocationResolverContext context,
      ConfigDataLocation location) {
    return location.hasPrefix(PREFIX);
  }

  /**
   * Parses the import and registers the runtime in the bootstrap context (once).
   *
   * @param context the resolver context: its binder gives the {@code secrets4j.*} settings
   * @param location the {@code secrets4j:} import
   * @return the one resource of the import
   * @throws IllegalArgumentException naming the entry at fault (a property name, a reference, a
   *     duplicate property), never a value
   */
  @Override
  public List<SecretsConfigDataResource> resolve(ConfigDataLocationResolverContext context,
      ConfigDataLocation location) {
    String value = location.getNonPrefixedValue(PREFIX);
    Map<String, Reference> references = parse(value);
    register(context.getBootstrapContext(), context.getBinder());
    return List.of(new SecretsConfigDataResource(value, location.isOptional(), references));
  }

  static Map<String, Reference> parse(String value) {
    Map<String, Reference> references = new LinkedHashMap<>();
    for (String entry : value.split(";", -1)) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException("Invalid secrets4j: import entry \""
            + UntrustedText.escape(entry, 200) + "\": expected PROPERTY=REFERENCE; " + Reference.GRAMMAR);
      }
      String property = entry.substring(0, equals).strip();
      if (!PROPERTY.matcher(property).matches()) {
        throw new IllegalArgumentException("Invalid property name \"" + UntrustedText.escape(property, 200)
            + "\" in a secrets4j: import: letters, digits and . _ - [ ], starting with a letter "
            + "or digit");
      }
      Reference reference = Reference.parse(entry.substring(equals + 1).strip());
      if (references.putIfAbsent(property, reference) != null) {
        throw new IllegalArgumentException("Property \"" + UntrustedText.escape(property, 200)
            + "\" is named twice in a secrets4j: import");
      }
    }
    return references;
  }

  private static void register(ConfigurableBootstrapContext bootstrap, Binder binder) {
    if (bootstrap.isRegistered(Promotion.class)) {
      return;
    }
    boolean owned = !bootstrap.isRegistered(Secrets.class);
    Promotion promotion = new Promotion(owned);
    if (owned) {
      bootstrap.register(Secrets.class,
          InstanceSupplier.from(() -> promotion.built(build(binder))));
    }
    bootstrap.register(Promotion.class, InstanceSupplier.of(promotion));
    bootstrap.addCloseListener(SecretsConfigDataLocationResolver::promote);
  }

  /**
   * Marks that the runtime is registered, whether it was built here and, if so, who closes it:
   * the application context once it is the context's bean, else {@link SecretsRunListener} when
   * start-up fails before that.
   */
  static final class Promotion {
    private final boolean owned;
    private Secrets built;
    private boolean promoted;

    Promotion(boolean owned) {
      this.owned = owned;
    }

    boolean owned() {
      return owned;
    }

    synchronized Secrets built(Secrets secrets) {
      built = secrets;
      return secrets;
    }

    synchronized void promoted() {
      promoted = true;
    }

    /** Closes the runtime built here unless the application context closes it. */
    void closeUnlessPromoted() {
      Secrets open;
      synchronized (this) {
        open = promoted ? null : built;
        built = null;
      }
      if (open != null) {
        open.close();
      }
    }
  }

  static Secrets build(Binder binder) {
    Map<String, String> bound = binder.bind("secrets4j",
        Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    Secrets.Builder builder = Secrets.builder();
    bound.forEach((key, value) -> {
      if (!key.equals("definitions") && value != null) {
        builder.setting("secrets4j." + key, value);
      }
    });
    List<String> files = binder.bind("secrets4j.definitions", Bindable.listOf(String.class))
        .orElse(List.of());
    List<Path> paths = new ArrayList<>();
    for (String file : files) {
      if (!file.isBlank()) {
        paths.add(definitionFile(file.strip()));
      }
    }
    if (!paths.isEmpty()) {
      builder.definitions(paths.toArray(Path[]::new));
    }
    return builder.build();
  }

  private static Path definitionFile(String file) {
    try {
      return Path.of(file);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("Definition file \"" + UntrustedText.escape(file, 200)
          + "\" of secrets4j.definitions is not a valid path: "
          + UntrustedText.escape(e.getReason(), 200));
    }
  }

  private static void promote(BootstrapContextClosedEvent event) {
    Secrets secrets = event.getBootstrapContext().get(Secrets.class);
    Promotion promotion = event.getBootstrapContext().get(Promotion.class);
    ConfigurableListableBeanFactory beans = event.getApplicationContext().getBeanFactory();
    // A bean the application named so first stays; the runtime built here is closed all the same.
    boolean named = !beans.containsSingleton(BEAN_NAME);
    if (named) {
      beans.registerSingleton(BEAN_NAME, secrets);
    }
    if (promotion.owned() && beans instanceof DefaultSingletonBeanRegistry registry) {
      registry.registerDisposableBean(named ? BEAN_NAME : BEAN_NAME + ".runtime", secrets::close);
      promotion.promoted();
    }
  }
}
