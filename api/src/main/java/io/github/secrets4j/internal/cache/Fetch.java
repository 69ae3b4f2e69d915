package io.github.secrets4j.internal;

import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One call to a provider, with its failures put in secrets4j's terms. */
final class Fetch {
  private static final Logger LOG = LoggerFactory.getLogger(Fetch.class);

  private Fetch() {}

  static String fetch(SecretsProvider provider, Secret secret, SecretRequest request) {
    String value;
    try {
      value = provider.getValue(request);
    } catch (SecretError e) {
      LOG.debug("Secret \"{}\" (provider \"{}\") failed: {}", secret.name(), secret.provider(),
          e.getClass().getSimpleName());
      throw e;
    } catch (RuntimeException e) {
      // The foreign exception's message is not repeated: it may hold anything.
      throw new SecretError(secret.name(), secret.provider(),
          "The provider failed unexpectedly: " + e.getClass().getName(), e);
    }
    if (value == null) {
      throw new SecretError(secret.name(), secret.provider(),
          "The provider returned no value (null)");
    }
    return value;
  }
}
