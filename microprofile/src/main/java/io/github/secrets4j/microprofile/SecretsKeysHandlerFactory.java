package io.github.secrets4j.microprofile;

import io.github.secrets4j.Secrets;
import io.github.secrets4j.spi.UntrustedText;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SecretKeysHandler;
import io.smallrye.config.SecretKeysHandlerFactory;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Registers the {@value SecretsKeysHandler#NAME} handler with SmallRye Config (and Quarkus)
 * through {@code ServiceLoader}: {@code ${s4j::secret:db-password}} then works in any
 * configuration value. SmallRye creates the handler the first time an expression uses it; the
 * runtime it makes takes every {@code secrets4j.*} property of the configuration as a setting
 * (system properties and environment variables too, as for any runtime), and loads the
 * comma-separated definition files of {@value #DEFINITIONS}. That runtime lives as long as the
 * JVM.
 */
public final class SecretsKeysHandlerFactory implements SecretKeysHandlerFactory {
  /** The property listing definition files, comma-separated. */
  public static final String DEFINITIONS = "secrets4j.definitions";

  /** Creates the factory; it does nothing until SmallRye asks for the handler. */
  public SecretsKeysHandlerFactory() {}

  /**
   * Builds a runtime from the configuration's {@code secrets4j.*} properties and returns its
   * handler.
   *
   * @param context the configuration read so far
   * @return the handler
   * @throws io.github.secrets4j.SecretDefinitionsException if a definition file has problems
   * @throws IllegalArgumentException if a definition file is not a valid path (quoted escaped)
   */
  @Override
  public SecretKeysHandler getSecretKeysHandler(ConfigSourceContext context) {
    Secrets.Builder builder = Secrets.builder();
    for (Iterator<String> names = context.iterateNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.startsWith("secrets4j.")) {
        continue;
      }
      ConfigValue value = context.getValue(name);
      if (value == null || value.getValue() == null || value.getValue().isBlank()) {
        continue;
      }
      if (name.equals(DEFINITIONS)) {
        List<Path> files = new ArrayList<>();
        for (String file : value.getValue().split(",")) {
          if (!file.isBlank()) {
            files.add(definitionFile(file.strip()));
          }
        }
        builder.definitions(files.toArray(Path[]::new));
      } else {
        builder.setting(name, value.getValue());
      }
    }
    return new SecretsKeysHandler(builder.build());
  }

  private static Path definitionFile(String file) {
    try {
      return Path.of(file);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("Definition file \"" + UntrustedText.escape(file, 200)
          + "\" of " + DEFINITIONS + " is not a valid path: "
          + UntrustedText.escape(e.getReason(), 200));
    }
  }

  /**
   * Returns {@value SecretsKeysHandler#NAME}.
   *
   * @return the name
   */
  @Override
  public String getName() {
    return SecretsKeysHandler.NAME;
  }
}
