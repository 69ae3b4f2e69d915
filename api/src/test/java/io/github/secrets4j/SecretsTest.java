package io.github.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.spi.ParameterSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {
  private static Secrets withScripted(TestProviders.Scripted provider) {
    return Secrets.builder().provider(provider).discoverProviders(false).build();
  }

  @Test
  void resolvesThroughAnExplicitProvider() {
    try (Secrets secrets = withScripted(TestProviders.Scripted.of("mem", Map.of("a", "value-a")))) {
      Secret secret = secrets.secret("A").provider("mem").parameter("key", "a").build();
      assertThat(secret.getValue()).isEqualTo("value-a");
      assertThat(secrets.providerSlugs()).containsExactly("mem");
    }
  }

  @Test
  void unknownSlugNamesTheAvailableSlugsAndTheArtifactToAdd() {
    try (Secrets secrets = withScripted(TestProviders.Scripted.of("mem", Map.of()))) {
      // Refused at build(): the runtime knows its providers (the same error getValue would give).
      assertThatThrownBy(() -> secrets.secret("Vaulted").provider("hashicorp-vault").build())
          .isInstanceOf(SecretProviderError.class)
          .hasMessage("Secret \"Vaulted\" (provider \"hashicorp-vault\"): No registered provider "
              + "\"hashicorp-vault\" is available (available: mem); add "
              + "io.github.secrets4j:secrets4j-provider-vault to the class path");
    }
    try (Secrets empty = Secrets.builder().discoverProviders(false).build()) {
      assertThatThrownBy(() -> empty.secret("X").provider("nope").build().getValue())
          .hasMessageEndingWith("No registered provider \"nope\" is available "
              + "(no providers are registered)");
    }
  }

  @Test
  void discoversFactoriesLazilyAndPassesThemSettings() {
    int before = TestProviders.DiscoveredFactory.CREATED.get();
    try (Secrets secrets = Secrets.builder().setting("test.greeting", "hello").build()) {
      assertThat(secrets.providerSlugs()).contains("discovered", "duplicated", "failing-factory");
      assertThat(TestProviders.DiscoveredFactory.CREATED.get())
          .as("no provider is created before a secret names it").isEqualTo(before);
      Secret secret = secrets.secret("D").provider("discovered").build();
      assertThat(secret.getValue()).isEqualTo("from-factory:hello");
      assertThat(secret.getValue()).isEqualTo("from-factory:hello");
      assertThat(TestProviders.DiscoveredFactory.CREATED.get()).isEqualTo(before + 1);
    }
  }

  @Test
  void aFactoryWhoseProviderReportsAnotherSlugIsRefusedAndItsProviderClosed() {
    try (Secrets secrets = Secrets.builder().build()) {
      assertThatThrownBy(() -> secrets.secret("M").provider("mismatched").build().getValue())
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessage("Secret \"M\" (provider \"mismatched\"): Provider factory "
              + TestProviders.MismatchedFactory.class.getName() + " is registered for "
              + "\"mismatched\" but created a provider whose slug is \"impostor\"");
      assertThat(TestProviders.MismatchedFactory.CREATED.get().closes).hasValue(1);
      assertThat(TestProviders.MismatchedFactory.CREATED.get().calls).hasValue(0);
    }
  }

  @Test
  void providersReadTypedSettingsWithOneGrammar() {
    try (Secrets secrets = Secrets.builder().setting("test.duration", "90s")
        .setting("test.number", " 42 ").setting("test.flag", "TRUE")
        .setting("test.list", "a, b,,c ").build()) {
      assertThat(secrets.secret("T").provider("typed-settings").build().getValue())
          .isEqualTo("PT1M30S 42 true [a, b, c]");
    }
    try (Secrets secrets = Secrets.builder().setting("test.duration", "soon\u001b[2J").build()) {
      assertThatThrownBy(() -> secrets.secret("T").provider("typed-settings").build().getValue())
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessage("Secret \"T\" (provider \"typed-settings\"): Setting test.duration must be "
              + "a duration such as 0, 30s, 5m or PT5M, not \"soon\\u001b[2J\"");
    }
    try (Secrets secrets = Secrets.builder().setting("test.flag", "yes").build()) {
      assertThatThrownBy(() -> secrets.secret("T").provider("typed-settings").build().getValue())
          .hasMessageEndingWith("Setting test.flag must be true or false, not \"yes\"");
    }
    try (Secrets secrets = Secrets.builder().setting("test.number", "4x").build()) {
      assertThatThrownBy(() -> secrets.secret("T").provider("typed-settings").build().getValue())
          .hasMessageEndingWith("Setting test.number must be a whole number, not \"4x\"");
    }
  }

  @Test
  void explicitProviderWinsOverADiscoveredFactoryWithTheSameSlug() {
    try (Secrets secrets = Secrets.builder()
        .provider(new TestProviders.Scripted("discovered", request -> "explicit")).build()) {
      assertThat(secrets.secret("D").provider("discovered").build().getValue())
          .isEqualTo("explicit");
    }
  }

  @Test
  void twoFactoriesWithOneSlugIsAnErrorNamingBothClasses() {
    try (Secrets secrets = Secrets.builder().build()) {
      assertThatThrownBy(() -> secrets.secret("Dup").provider("duplicated").build().getValue())
          .isInstanceOf(SecretProviderError.class)
          .hasMessageContaining("Several providers are registered for \"duplicated\"")
          .hasMessageContaining(TestProviders.DuplicateOne.class.getName())
          .hasMessageContaining(TestProviders.DuplicateTwo.class.getName());
      // ...and breaks nothing else.
      assertThat(secrets.secret("D").provider("discovered").build().getValue())
          .startsWith("from-factory:");
    }
  }

  @Test
  void failingFactoryIsAProviderErrorAndIsRetried() {
    try (Secrets broken = Secrets.builder().build()) {
      Secret secret = broken.secret("F").provider("failing-factory").build();
      assertThatThrownBy(secret::getValue)
          .isInstanceOf(SecretProviderError.class)
          .hasMessage("Secret \"F\" (provider \"failing-factory\"): Setting test.fixed is required");
      assertThatThrownBy(secret::getValue).isInstanceOf(SecretProviderError.class);
    }
    try (Secrets fixed = Secrets.builder().setting("test.fixed", "yes").build()) {
      assertThat(fixed.secret("F").provider("failing-factory").build().getValue())
          .isEqualTo("fixed");
    }
  }

  @Test
  void requiredParametersAreCheckedBeforeTheProviderIsCalled() {
    TestProviders.Scripted provider = TestProviders.Scripted.of("mem", Map.of("a", "v"));
    provider.parameters = java.util.List.of(ParameterSpec.required("key", "the key"));
    try (Secrets secrets = withScripted(provider)) {
      assertThatThrownBy(() -> secrets.secret("NoKey").provider("mem").build().getValue())
          .isInstanceOf(SecretParametersError.class)
          .hasMessage("Secret \"NoKey\" (provider \"mem\"): The \"key\" parameter is mandatory!");
      assertThat(provider.calls).hasValue(0);
    }
  }

  @Test
  void aProviderThatCannotListItsParametersFailsEachRequestAsAnUnexpectedError() {
    TestProviders.Scripted provider = TestProviders.Scripted.of("mem", Map.of("a", "v"));
    provider.parameters = null;
    try (Secrets secrets = withScripted(provider)) {
      Secret secret = secrets.secret("A").provider("mem").parameter("key", "a").build();
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(secret::getValue)
            .isExactlyInstanceOf(SecretUnexpectedError.class)
            .hasMessage("Secret \"A\" (provider \"mem\"): The provider failed unexpectedly: "
                + "java.lang.NullPointerException");
      }
      assertThat(provider.calls).hasValue(0);
      // Once it can say, the next request is checked and answered.
      provider.parameters = java.util.List.of(ParameterSpec.required("key", "the key"));
      assertThat(secret.getValue()).isEqualTo("v");
    }
  }

  @Test
  void unexpectedProviderExceptionIsWrappedWithoutItsMessage() {
    IllegalStateException boom = new IllegalStateException("value=hunter2");
    TestProviders.Scripted provider = new TestProviders.Scripted("boom", request -> {
      throw boom;
    });
    try (Secrets secrets = withScripted(provider)) {
      assertThatThrownBy(() -> secrets.secret("Boom").provider("boom").build().getValue())
          .isExactlyInstanceOf(SecretUnexpectedError.class)
          .isInstanceOf(SecretError.class)
          .hasMessage("Secret \"Boom\" (provider \"boom\"): The provider failed unexpectedly: "
              + "java.lang.IllegalStateException")
          // The cause keeps the exception's type (as its message) and stack, not its message.
          .cause()
          .hasMessage("java.lang.IllegalStateException")
          .hasNoCause()
          .satisfies(cause -> assertThat(cause.getStackTrace()).containsExactly(boom.getStackTrace()))
          .satisfies(cause -> assertThat(cause.toString()).doesNotContain("hunter2"));
    }
  }

  @Test
  void anUnknownSlugIsRefusedWhenTheSecretIsBuiltThroughTheRuntime() {
    int before = TestProviders.DiscoveredFactory.CREATED.get();
    try (Secrets secrets = Secrets.builder().build()) {
      assertThatThrownBy(() -> secrets.secret("Typo").provider("discoverd").parameter("key", "k")
          .build())
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessageStartingWith("Secret \"Typo\" (provider \"discoverd\"): No registered provider "
              + "\"discoverd\" is available (available: ")
          .hasMessageContaining("discovered, ");
      // A known slug builds without creating its provider (no I/O at build).
      secrets.secret("Known").provider("discovered").build();
      assertThat(TestProviders.DiscoveredFactory.CREATED.get()).isEqualTo(before);
    }
    // Secret.builder is bound to the shared runtime only at first use: checked there.
    Secret unbound = Secret.builder("Later").provider("no-such-provider").build();
    assertThatThrownBy(unbound::getValue).isInstanceOf(SecretProviderError.class)
        .hasMessageContaining("No registered provider \"no-such-provider\" is available");
  }

  @Test
  void theInMemorySlugSaysItMustBeWiredNotWhichJarToAdd() {
    try (Secrets secrets = Secrets.builder().discoverProviders(false).build()) {
      assertThatThrownBy(() -> secrets.secret("Test").provider("in-memory").build())
          .isInstanceOf(SecretProviderError.class)
          .hasMessageEndingWith("(no providers are registered); the in-memory provider of "
              + "io.github.secrets4j:secrets4j-testkit is never discovered: wire it with "
              + "Secrets.builder().provider(InMemorySecretsProvider.of(...))");
    }
  }

  @Test
  void nullFromAProviderIsAnError() {
    try (Secrets secrets = withScripted(new TestProviders.Scripted("nulls", request -> null))) {
      assertThatThrownBy(() -> secrets.secret("N").provider("nulls").build().getValue())
          .isExactlyInstanceOf(SecretUnexpectedError.class)
          .hasMessageEndingWith("The provider returned no value (null)");
    }
  }

  @Test
  void settingsComeFromBuilderThenSystemPropertiesThenEnvironment() {
    String key = "secrets4j.test-only.lookup-order";
    Map<String, String> env = Map.of("SECRETS4J_TEST_ONLY_LOOKUP_ORDER", "from-env");
    try (Secrets envOnly = Secrets.builder().environment(env).build()) {
      assertThat(envOnly.setting(key)).contains("from-env");
    }
    System.setProperty(key, "from-property");
    try (Secrets property = Secrets.builder().environment(env).build();
        Secrets explicit = Secrets.builder().environment(env).setting(key, "explicit").build()) {
      assertThat(property.setting(key)).contains("from-property");
      assertThat(explicit.setting(key)).contains("explicit");
    } finally {
      System.clearProperty(key);
    }
    try (Secrets none = Secrets.builder().environment(Map.of()).build()) {
      assertThat(none.setting(key)).isEmpty();
    }
  }

  @Test
  void closeClosesProvidersOnceAndRefusesFurtherUse() {
    TestProviders.Scripted provider = TestProviders.Scripted.of("mem", Map.of("a", "v"));
    Secrets secrets = withScripted(provider);
    Secret secret = secrets.secret("A").provider("mem").parameter("key", "a").build();
    assertThat(secret.getValue()).isEqualTo("v");
    assertThat(secret.getValue()).as("through the remembered route").isEqualTo("v");
    secrets.close();
    secrets.close();
    assertThat(provider.closes).hasValue(1);
    assertThatThrownBy(secret::getValue)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("This Secrets runtime is closed");
  }

  @Test
  void sharedDefaultsIgnoreClose() {
    Secrets defaults = Secrets.defaults();
    assertThat(Secrets.defaults()).isSameAs(defaults);
    defaults.close();
    assertThat(defaults.providerSlugs()).contains("discovered");
    assertThat(Secret.builder("D").provider("discovered").build().getValue())
        .startsWith("from-factory:");
  }

  @Test
  void builderChecksItsArguments() {
    Secrets.Builder builder = Secrets.builder();
    assertThatThrownBy(() -> builder.provider(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("provider");
    assertThatThrownBy(() -> builder.setting(" ", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.provider(new TestProviders.Scripted("Bad Slug", r -> "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid provider slug \"Bad Slug\"");
    builder.provider(new TestProviders.Scripted("one", r -> ""));
    assertThatThrownBy(() -> builder.provider(new TestProviders.Scripted("one", r -> "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a provider with slug \"one\" is already wired");
  }

  @Test
  void errorsSerializeWithTheirPlainData() throws Exception {
    SecretValueNotFoundError error =
        new SecretValueNotFoundError("NAPALM Secret", "environment-variable",
            "Undefined environment variable \"NAPALM_SECRET\"!");
    assertThat(error).hasToString("SecretValueNotFoundError: Secret \"NAPALM Secret\" (provider "
        + "\"environment-variable\"): Undefined environment variable \"NAPALM_SECRET\"!");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(error);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      SecretValueNotFoundError copy = (SecretValueNotFoundError) in.readObject();
      assertThat(copy.secretName()).isEqualTo("NAPALM Secret");
      assertThat(copy.provider()).isEqualTo("environment-variable");
      assertThat(copy.reason()).isEqualTo("Undefined environment variable \"NAPALM_SECRET\"!");
      assertThat(copy.getMessage()).isEqualTo(error.getMessage());
    }
  }
}
