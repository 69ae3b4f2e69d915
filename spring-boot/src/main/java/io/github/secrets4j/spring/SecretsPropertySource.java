package io.github.secrets4j.spring;

import io.github.secrets4j.Secret;
import io.github.secrets4j.Secrets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The properties of one {@code secrets4j:} import: each {@link #getProperty} reads its secret
 * through the runtime (and so its cache), never a copy taken at start-up. A read that fails
 * throws the core's {@link io.github.secrets4j.SecretError}.
 */
final class SecretsPropertySource extends EnumerablePropertySource<Secrets> {
  private final Map<String, Secret> properties;
  private final String[] names;

  SecretsPropertySource(String name, Secrets secrets, Map<String, Secret> properties) {
    super(name, secrets);
    this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    this.names = this.properties.keySet().toArray(String[]::new);
  }

  @Override
  public String[] getPropertyNames() {
    return names.clone();
  }

  @Override
  public boolean containsProperty(String name) {
    return properties.containsKey(name);
  }

  @Override
  public Object getProperty(String name) {
    Secret secret = properties.get(name);
    return secret == null ? null : getSource().getValue(secret);
  }
}
