package io.github.secrets4j.vault;

import io.github.secrets4j.Secrets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers shared by the provider's tests. */
final class VaultTesting {
  static final String P = "secrets4j.hashicorp-vault.";

  private VaultTesting() {}

  /** The core's value cache, off: these tests are about the provider, so every read reaches Vault. */
  static final Map<String, String> NO_CACHE = Map.of(P + "cache.ttl", "0");

  /**
   * A runtime with these settings and an environment holding only {@code environment}. The
   * core's value cache is off unless {@code settings} say otherwise (it is tested in
   * VaultCachingTest).
   */
  static Secrets runtime(Map<String, String> settings, Map<String, String> environment) {
    return Secrets.builder().environment(environment).settings(NO_CACHE).settings(settings).build();
  }

  static Secrets runtime(Map<String, String> settings) {
    return runtime(settings, Map.of());
  }

  /** Settings for the default Vault: url and token, plus fast retries. */
  static Map<String, String> tokenSettings(String url, String token) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(P + "url", url);
    settings.put(P + "token", token);
    settings.put(P + "retry-backoff", "10ms");
    return settings;
  }

  static String read(Secrets secrets, String... parameters) {
    return secret(secrets, parameters).getValue();
  }

  static io.github.secrets4j.Secret secret(Secrets secrets, String... parameters) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < parameters.length; i += 2) {
      map.put(parameters[i], parameters[i + 1]);
    }
    return secrets.secret("S").provider("hashicorp-vault").parameters(map).build();
  }
}
