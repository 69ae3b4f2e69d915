package io.github.secrets4j.vault;

import io.github.secrets4j.spi.ProviderContext;
import java.util.Map;
import java.util.Optional;

/** A {@link ProviderContext} over two maps, for tests that build the provider directly. */
final class TestContext implements ProviderContext {
  private final Map<String, String> settings;
  private final Map<String, String> environment;

  TestContext(Map<String, String> settings, Map<String, String> environment) {
    this.settings = settings;
    this.environment = environment;
  }

  @Override
  public Optional<String> setting(String key) {
    return Optional.ofNullable(settings.get(key)).filter(v -> !v.isBlank());
  }

  @Override
  public Optional<String> environmentVariable(String name) {
    return Optional.ofNullable(environment.get(name));
  }
}
