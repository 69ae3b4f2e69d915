package io.github.secrets4j;

import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretsProvider;
import io.github.secrets4j.spi.SecretsProviderFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Providers and factories used by the core's tests (registered in test resources). */
public final class TestProviders {
  private TestProviders() {}

  /** A provider whose behaviour is a function of the request. */
  static class Scripted implements SecretsProvider {
    final String slug;
    final Function<SecretRequest, String> behaviour;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    List<ParameterSpec> parameters = List.of();
    io.github.secrets4j.spi.CachePolicy policy = io.github.secrets4j.spi.CachePolicy.none();

    Scripted(String slug, Function<SecretRequest, String> behaviour) {
      this.slug = slug;
      this.behaviour = behaviour;
    }

    static Scripted of(String slug, Map<String, String> values) {
      return new Scripted(slug, request -> {
        String value = values.get(request.parameter("key"));
        if (value == null) {
          throw request.notFound("no " + request.parameter("key"));
        }
        return value;
      });
    }

    @Override
    public String slug() {
      return slug;
    }

    @Override
    public List<ParameterSpec> parameters() {
      return parameters;
    }

    @Override
    public io.github.secrets4j.spi.CachePolicy cachePolicy() {
      return policy;
    }

    @Override
    public String getValue(SecretRequest request) {
      calls.incrementAndGet();
      return behaviour.apply(request);
    }

    @Override
    public void close() {
      closes.incrementAndGet();
    }
  }

  /**
   * Listed only in a services file a test writes for a loader of its own: its create() throws an
   * exception quoting a value.
   */
  public static final class LeakyFactory implements SecretsProviderFactory {
    @Override
    public String slug() {
      return "leaky-factory";
    }

    @Override
    public SecretsProvider create(ProviderContext context) {
      throw new IllegalStateException("token hunter2 rejected");
    }
  }

  /** Discovered under "discovered": answers "from-factory:" + the setting test.greeting. */
  public static final class DiscoveredFactory implements SecretsProviderFactory {
    static final AtomicInteger CREATED = new AtomicInteger();

    @Override
    public String slug() {
      return "discovered";
    }

    @Override
    public SecretsProvider create(ProviderContext context) {
      CREATED.incrementAndGet();
      String greeting = context.setting("test.greeting").orElse("none");
      return new Scripted("discovered", request -> "from-factory:" + greeting);
    }
  }

  /** One of two factories claiming "duplicated". */
  public static final class DuplicateOne implements SecretsProviderFactory {
    @Override
    public String slug() {
      return "duplicated";
    }

    @Override
    public SecretsProvider create(ProviderContext context) {
      return new Scripted("duplicated", request -> "one");
    }
  }

  /** The other factory claiming "duplicated". */
  public static final class DuplicateTwo implements SecretsProviderFactory {
    @Override
    public String slug() {
      return "duplicated";
    }

    @Override
    public SecretsProvider create(ProviderContext context) {
      return new Scripted("duplicated", request -> "two");
    }
  }

  /** Fails to create its provider until the setting test.fixed is "yes". */
  public static final class FailingFactory implements SecretsProviderFactory {
    @Override
    public String slug() {
      return "failing-factory";
    }

    @Override
    public SecretsProvider create(ProviderContext context) {
      if (context.setting("test.fixed").isEmpty()) {
        throw new SecretProviderError("", "failing-factory",
            "Setting test.fixed is required");
      }
      return new Scripted("failing-factory", request -> "fixed");
    }
  }

  /** Registered under "mismatched" but creates a provider that calls itself "impostor". */
  public static final class MismatchedFactory implements SecretsProviderFactory {
    static final java.util.concurrent.atomic.AtomicReference<Scripted> CREATED =
        new java.util.concurrent.atomic.AtomicReference<>();

    @Override
    public String slug() {
      return "mismatched";
    }

    @Override
    public SecretsProvider create(ProviderContext context) {
      Scripted impostor = new Scripted("impostor", request -> "should never be served");
      CREATED.set(impostor);
      return impostor;
    }
  }

  /** Answers the setting test.number read as a duration, a whole number and a boolean. */
  public static final class TypedSettingsFactory implements SecretsProviderFactory {
    @Override
    public String slug() {
      return "typed-settings";
    }

    @Override
    public SecretsProvider create(ProviderContext context) {
      String answer = context.durationSetting("test.duration").map(Object::toString).orElse("-")
          + " " + context.longSetting("test.number").map(Object::toString).orElse("-")
          + " " + context.booleanSetting("test.flag").map(Object::toString).orElse("-")
          + " " + context.listSetting("test.list");
      return new Scripted("typed-settings", request -> answer);
    }
  }
}
