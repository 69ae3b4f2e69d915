package io.github.secrets4j.spring;

import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.spi.UntrustedText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;

/**
 * Loads a {@code secrets4j:} import: one property source whose every {@code getProperty} reads
 * the secret through the runtime's cache (so a rotated value shows once the cache has it, without
 * a context refresh).
 *
 * <p>At start-up each secret is read once. One that is not found makes an {@code optional:}
 * import skipped as a whole; without {@code optional:}, and for any other error, start-up fails
 * with an exception naming the property, the reference and the secret, never a value.
 *
 * <p>Registered in {@code META-INF/spring.factories}: applications do not call it.
 */
public final class SecretsConfigDataLoader implements ConfigDataLoader<SecretsConfigDataResource> {
  /** Made by Spring Boot from {@code META-INF/spring.factories}. */
  public SecretsConfigDataLoader() {
    // Stateless: the runtime comes from the bootstrap context.
  }

  /**
   * Binds the import's references to the runtime and reads each secret once.
   *
   * @param context the loader context: its bootstrap context holds the runtime
   * @param resource the import
   * @return the property source
   * @throws ConfigDataResourceNotFoundException if the import is optional and a secret is not
   *     found (Spring Boot then skips it)
   * @throws IllegalStateException naming the property and the secret when a secret cannot be
   *     resolved (the core's error is the cause)
   */
  @Override
  public ConfigData load(ConfigDataLoaderContext context, SecretsConfigDataResource resource) {
    Secrets secrets = context.getBootstrapContext().get(Secrets.class);
    Map<String, Secret> properties = new LinkedHashMap<>();
    for (Map.Entry<String, Reference> entry : resource.references().entrySet()) {
      String property = entry.getKey();
      Reference reference = entry.getValue();
      Map<String, Secret> bound;
      try {
        bound = reference.properties(property, secrets);
      } catch (RuntimeException e) {
        throw new IllegalStateException("secrets4j could not resolve property \""
            + UntrustedText.escape(property, 200) + "\" (" + reference + "), " + resource + ": "
            // secrets4j's own messages are escaped already; another exception's may not be.
            + UntrustedText.escape(String.valueOf(e.getMessage()), 4000), e);
      }
      for (Map.Entry<String, Secret> one : bound.entrySet()) {
        check(resource, one.getKey(), reference, one.getValue(), secrets);
      }
      properties.putAll(bound);
    }
    return new ConfigData(List.of(new SecretsPropertySource(resource.toString(), secrets,
        properties)));
  }

  private static void check(SecretsConfigDataResource resource, String property,
      Reference reference, Secret secret, Secrets secrets) {
    try {
      secrets.getValue(secret);
    } catch (SecretValueNotFoundError e) {
      if (resource.optional()) {
        throw new ConfigDataResourceNotFoundException(resource, e);
      }
      throw failure(resource, property, reference, secret, e);
    } catch (SecretError e) {
      throw failure(resource, property, reference, secret, e);
    }
  }

  private static IllegalStateException failure(SecretsConfigDataResource resource,
      String property, Reference reference, Secret secret, SecretError e) {
    // SecretError messages name the secret, provider and parameters, never a value.
    return new IllegalStateException("secrets4j could not resolve property \""
        + UntrustedText.escape(property, 200) + "\" from secret \"" + UntrustedText.escape(secret.name(), 200)
        + "\" (" + reference + "), " + resource + ": " + e.getMessage(), e);
  }
}
