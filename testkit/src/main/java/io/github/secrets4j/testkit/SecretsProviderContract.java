package io.github.secrets4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.secrets4j.AccessType;
import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretMetadata;
import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.SecretStore;
import io.github.secrets4j.SecretType;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.SecretsGroup;
import io.github.secrets4j.StoredSecret;
import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretWriter;
import io.github.secrets4j.spi.SecretsProvider;
import io.github.secrets4j.spi.SecretsProviderFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every secrets provider must show, as a JUnit 5 test class to extend.
 *
 * <p>A provider's test implements four hooks: {@link #slug()}, {@link #seed(String, String)}
 * (store a value and return the parameters that point at it), {@link #absent(String)} (parameters
 * that point at nothing) and {@link #newSecrets()} (a runtime that reaches the provider, built
 * after seeding). The contract then checks, in {@code @Nested} groups: lookup, absence and its
 * error type, required parameters, templated parameters, that nothing leaks (a canary value never
 * appears in any {@code toString} of the library's objects reachable from the runtime, in the
 * message or cause chain of any error the contract can provoke: absent value, missing or blank
 * required parameters, undefined, refused and unparsable templates, unknown provider, group
 * errors, a closed runtime; nor in any Java-serialized error, nor in any log line at any level,
 * TRACE included), that an exception escaping the provider reaches the caller with its type and
 * stack trace but without its message or its causes' messages (which may quote a value),
 * concurrency, the write side of a provider that can write ({@link #writable()}: puts, versions,
 * metadata, owners and grants, no leak, concurrent puts), and discovery through
 * {@link ServiceLoader} (or, for a provider whose
 * {@link #discoverable()} is false, that it is not discovered).
 *
 * <p>What the contract holds provider authors to: a {@link SecretError} a provider throws is
 * passed to the caller as it is, so its reason and its cause chain's messages must never hold a
 * value (quote untrusted text through {@code ProviderContext.escape}); any other exception is
 * reported as a {@code SecretUnexpectedError} whose cause keeps only class names and stack traces.
 *
 * <p>Keys passed to the hooks are short lower-case words that are unique in each test, so a hook
 * may embed them in names and paths. The templated group replaces the key in the seeded
 * parameters with {@code {{ obj.key }}}.
 *
 * <p>The no-leak group needs the {@link CapturingLogs} SLF4J provider in the test JVM (system
 * property {@code slf4j.provider=io.github.secrets4j.testkit.CapturingLogs}) and fails if it is not
 * active, since an unchecked log is an unproven guarantee.
 */
public abstract class SecretsProviderContract {
  private final List<Secrets> opened = new ArrayList<>();

  /**
   * Returns the slug of the provider under test.
   *
   * @return the slug secrets name the provider by, such as {@code "text-file"}
   */
  protected abstract String slug();

  /**
   * Stores {@code value} so that the provider finds it, and returns the parameters that point at
   * it. Called before {@link #newSecrets()} in every test.
   *
   * @param key a short lower-case word, unique in the test
   * @param value the value to store (may be empty, long or non-ASCII)
   * @return the parameters of a secret whose value is {@code value}
   */
  protected abstract Map<String, String> seed(String key, String value);

  /**
   * Returns parameters that point at a location holding no value, with the same shape as
   * {@link #seed}'s.
   *
   * @param key a short lower-case word, unique in the test, never seeded
   * @return the parameters of a secret the provider must report as not found
   */
  protected abstract Map<String, String> absent(String key);

  /**
   * Returns a new runtime that reaches the provider under test (wired or discovered), reflecting
   * everything seeded so far. The contract closes it after the test.
   *
   * @return a new runtime, owned by the contract
   */
  protected abstract Secrets newSecrets();

  /**
   * Whether the provider is meant to be discovered with {@link ServiceLoader} (true by default).
   * Return false for a provider that must only ever be wired explicitly: the discovery group then
   * checks that it is not found.
   *
   * @return whether a factory for {@link #slug()} is registered for {@link ServiceLoader}
   */
  protected boolean discoverable() {
    return true;
  }

  /**
   * Returns a fresh canary value: unique, non-ASCII, without surrounding whitespace (so providers
   * that strip it, as the text-file provider does, return it unchanged).
   *
   * @return a value no test has used before
   */
  protected String canary() {
    return "canary-" + UUID.randomUUID() + "-\u00e9\u00df\u2603";
  }

  /**
   * Returns a fresh unique key.
   *
   * @return a short lower-case word (letters and digits)
   */
  protected static String key() {
    return "k" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  }

  @BeforeEach
  void clearLogs() {
    CapturingLogs.clear();
  }

  @AfterEach
  void closeRuntimes() {
    opened.forEach(Secrets::close);
    opened.clear();
  }

  /**
   * Builds the runtime through {@link #newSecrets()} and remembers to close it.
   *
   * @return the runtime, closed after the test
   */
  protected final Secrets secrets() {
    Secrets secrets = newSecrets();
    opened.add(secrets);
    return secrets;
  }

  /**
   * Returns a secret of the provider under test.
   *
   * @param secrets the runtime the secret resolves through
   * @param name the secret's name
   * @param parameters its parameters, for example from {@link #seed}
   * @return the secret
   */
  protected final Secret secret(Secrets secrets, String name, Map<String, String> parameters) {
    return secrets.secret(name).provider(slug()).parameters(parameters).build();
  }

  private SecretsProvider provider(Secrets secrets) {
    return secrets
        .provider(slug())
        .orElseThrow(() -> new AssertionError("runtime has no provider \"" + slug() + "\""));
  }

  /**
   * Whether the provider under test can store secrets, which runs the {@code Writable} group
   * ({@code secrets.store(slug())}: put, replace, describe, list, remove, versions, metadata,
   * grants, no leak, concurrent puts). By default, whether the provider of a fresh
   * {@link #newSecrets()} runtime hands out a {@link io.github.secrets4j.spi.SecretWriter}.
   *
   * @return whether the writable group runs
   */
  protected boolean writable() {
    try (Secrets secrets = newSecrets()) {
      return provider(secrets).writer().isPresent();
    }
  }

  @Nested
  class Lookup {
    @Test
    void returnsTheStoredValue() {
      String value = canary();
      Map<String, String> parameters = seed(key(), value);
      Secrets secrets = secrets();
      assertThat(secret(secrets, "Lookup", parameters).getValue()).isEqualTo(value);
    }

    @Test
    void returnsEachValueForItsOwnLocation() {
      Map<String, String> first = seed(key(), "first-value");
      Map<String, String> second = seed(key(), "second-value");
      Secrets secrets = secrets();
      assertThat(secret(secrets, "First", first).getValue()).isEqualTo("first-value");
      assertThat(secret(secrets, "Second", second).getValue()).isEqualTo("second-value");
    }

    @Test
    void providerIsReachableBySlug() {
      Secrets secrets = secrets();
      assertThat(secrets.providerSlugs()).contains(slug());
      SecretsProvider provider = provider(secrets);
      assertThat(provider.slug()).isEqualTo(slug());
      assertThat(provider.name()).isNotBlank();
    }
  }

  @Nested
  class Absence {
    @Test
    void absentValueIsSecretValueNotFoundError() {
      Secrets secrets = secrets();
      Secret secret = secret(secrets, "Absent Secret", absent(key()));
      SecretValueNotFoundError error =
          catchThrowableOfType(SecretValueNotFoundError.class, secret::getValue);
      assertThat(error).as("absent value must raise SecretValueNotFoundError").isNotNull();
      assertThat(error.secretName()).isEqualTo("Absent Secret");
      assertThat(error.provider()).isEqualTo(slug());
      assertThat(error.getMessage())
          .startsWith("Secret \"Absent Secret\" (provider \"" + slug() + "\"): ");
      assertThat(error.toString()).startsWith("SecretValueNotFoundError: Secret \"Absent Secret\"");
    }

    @Test
    void unknownSlugIsSecretProviderErrorListingTheAvailableOnes() {
      Secrets secrets = secrets();
      // Refused when the secret is built through the runtime, as Nautobot refuses it when saved.
      assertThatThrownBy(() -> secrets.secret("Nowhere").provider("no-such-provider").build())
          .isInstanceOf(io.github.secrets4j.SecretProviderError.class)
          .hasMessageContaining("No registered provider \"no-such-provider\" is available")
          .hasMessageContaining(slug());
    }
  }

  @Nested
  class RequiredParameters {
    @Test
    void eachRequiredParameterIsMandatory() {
      Map<String, String> parameters = seed(key(), canary());
      Secrets secrets = secrets();
      List<ParameterSpec> required =
          provider(secrets).parameters().stream().filter(ParameterSpec::required).toList();
      assertThat(required).as("a provider declares its required parameters").isNotEmpty();
      for (ParameterSpec spec : required) {
        Map<String, String> missing = new LinkedHashMap<>(parameters);
        missing.remove(spec.name());
        assertThatThrownBy(() -> secret(secrets, "Missing", missing).getValue())
            .isInstanceOf(SecretParametersError.class)
            .hasMessageEndingWith("The \"" + spec.name() + "\" parameter is mandatory!");

        Map<String, String> blank = new LinkedHashMap<>(parameters);
        blank.put(spec.name(), "  ");
        assertThatThrownBy(() -> secret(secrets, "Blank", blank).getValue())
            .isInstanceOf(SecretParametersError.class)
            .hasMessageEndingWith("The \"" + spec.name() + "\" parameter is mandatory!");
      }
    }

    @Test
    void parameterSpecsAreDescribed() {
      Secrets secrets = secrets();
      for (ParameterSpec spec : provider(secrets).parameters()) {
        assertThat(spec.name()).isNotBlank();
        assertThat(spec.description()).as("description of " + spec.name()).isNotBlank();
      }
    }
  }

  @Nested
  class TemplatedParameters {
    private Map<String, String> templated(Map<String, String> parameters, String key) {
      Map<String, String> templated = new LinkedHashMap<>();
      boolean replaced = false;
      for (Map.Entry<String, String> parameter : parameters.entrySet()) {
        String value = parameter.getValue();
        if (value.contains(key)) {
          value = value.replace(key, "{{ obj.key }}");
          replaced = true;
        }
        templated.put(parameter.getKey(), value);
      }
      assertThat(replaced).as("seeded parameters must mention the key").isTrue();
      return templated;
    }

    record Target(String key) {}

    @Test
    void rendersObjectPropertiesIntoParameters() {
      String key = key();
      String value = canary();
      Map<String, String> parameters = templated(seed(key, value), key);
      Secrets secrets = secrets();
      Secret secret = secret(secrets, "Templated", parameters);
      assertThat(secret.getValue(Map.of("key", key))).isEqualTo(value);
      assertThat(secret.getValue(new Target(key))).isEqualTo(value);
    }

    @Test
    void undefinedPropertyIsSecretParametersError() {
      String key = key();
      Map<String, String> parameters = templated(seed(key, canary()), key);
      Secrets secrets = secrets();
      Secret secret = secret(secrets, "Templated", parameters);
      assertThatThrownBy(() -> secret.getValue(Map.of("other", key)))
          .isInstanceOf(SecretParametersError.class)
          .hasMessageContaining("obj.key is undefined");
      assertThatThrownBy(secret::getValue)
          .isInstanceOf(SecretParametersError.class)
          .hasMessageContaining("no object was given");
    }
  }

  @Nested
  class NoLeak {
    @Test
    void canaryNeverAppearsOutsideTheReturnedValue() throws Exception {
      assertThat(CapturingLogs.isActive())
          .as("run the contract with -Dslf4j.provider=io.github.secrets4j.testkit.CapturingLogs")
          .isTrue();
      String value = canary();
      String key = key();
      Map<String, String> parameters = seed(key, value);
      Secrets secrets = secrets();
      Secret secret = secret(secrets, "Canary Secret", parameters);
      assertThat(secret.getValue()).isEqualTo(value);

      List<Object> objects = new ArrayList<>();
      objects.add(secret);
      objects.add(secrets);
      objects.add(provider(secrets));
      objects.add(provider(secrets).cachePolicy());
      objects.addAll(provider(secrets).parameters());
      objects.add(provider(secrets).parameters());
      objects.add(secret.parameters());
      objects.add(secret.renderedParameters(null));
      Map<String, String> rendered = secret.renderedParameters(null);
      objects.add(SecretRequest.of(secret.name(), secret.slug(), secret.provider(), rendered, null));
      objects.add(SecretRequest.of(secret.name(), secret.slug(), secret.provider(), rendered,
          Map.of("key", key)));
      SecretsGroup group = secrets.group("Canary Group")
          .secret(AccessType.GENERIC, SecretType.PASSWORD, secret)
          .build();
      assertThat(group.getSecretValue(AccessType.GENERIC, SecretType.PASSWORD)).isEqualTo(value);
      objects.add(group);
      objects.add(AccessType.GENERIC);
      objects.add(SecretType.PASSWORD);
      for (Object object : objects) {
        assertThat(String.valueOf(object)).as("toString of " + object.getClass()).doesNotContain(value);
      }

      List<Throwable> failures = new ArrayList<>();
      failures.add(failure(() -> secret(secrets, "Absent", absent(key())).getValue()));
      for (String required : requiredParameters(secrets)) {
        Map<String, String> missing = new LinkedHashMap<>(parameters);
        missing.remove(required);
        failures.add(failure(() -> secret(secrets, "Missing", missing).getValue()));
      }
      Map<String, String> templated = new LinkedHashMap<>(parameters);
      templated.replaceAll((name, parameterValue) -> parameterValue.replace(key, "{{ obj.key }}"));
      failures.add(failure(() -> secret(secrets, "Templated", templated).getValue(Map.of())));
      failures.add(failure(() -> SecretsGroup.builder("Empty").build()
          .getSecretValue(AccessType.SSH, SecretType.PASSWORD)));
      // Every other failure the contract can drive, each after the canary was resolved.
      failures.add(failure(() -> secrets.secret("Unknown").provider("no-such-provider")
          .parameters(parameters).build().getValue()));
      failures.add(failure(() -> secret(secrets, "Templated", templated).getValue()));
      failures.add(failure(() -> secret(secrets, "Templated", templated).renderedParameters(null)));
      Map<String, String> refused = new LinkedHashMap<>(parameters);
      refused.replaceAll((name, parameterValue) -> parameterValue.replace(key, "{{ obj.getClass() }}"));
      failures.add(failure(() -> secret(secrets, "Refused", refused).getValue(Map.of("key", key))));
      Map<String, String> broken = new LinkedHashMap<>(parameters);
      broken.replaceAll((name, parameterValue) -> parameterValue.replace(key, "{{ obj.key "));
      failures.add(failure(() -> secret(secrets, "Broken", broken)));
      for (String required : requiredParameters(secrets)) {
        Map<String, String> blank = new LinkedHashMap<>(parameters);
        blank.put(required, " ");
        failures.add(failure(() -> secret(secrets, "Blank", blank).getValue()));
      }
      failures.add(failure(() -> secrets.group("Absent Group")
          .secret(AccessType.SSH, SecretType.PASSWORD, secret(secrets, "Absent", absent(key())))
          .build().getSecretValue(AccessType.SSH, SecretType.PASSWORD)));
      failures.add(failure(() -> secrets.group("Empty Slot")
          .secret(AccessType.GENERIC, SecretType.PASSWORD, secret)
          .build().getSecretValue(AccessType.SSH, SecretType.USERNAME)));
      failures.addAll(extraFailures(secrets, value));
      for (Throwable failure : failures) {
        assertNoCanary(failure, value);
      }

      for (String event : CapturingLogs.events()) {
        assertThat(event).as("log event").doesNotContain(value);
      }
      // The failures above went through the runtime, which logs them at DEBUG: the capture works.
      assertThat(CapturingLogs.events()).as("captured log events").isNotEmpty();

      // A closed runtime refuses with a plain IllegalStateException: its message is checked too.
      secrets.close();
      try {
        secret.getValue();
        fail("a closed runtime must refuse");
      } catch (IllegalStateException e) {
        assertThat(String.valueOf(e.getMessage())).doesNotContain(value);
      }
      assertThat(String.valueOf(secrets)).doesNotContain(value);
    }

    private List<String> requiredParameters(Secrets secrets) {
      return provider(secrets).parameters().stream()
          .filter(ParameterSpec::required).map(ParameterSpec::name).toList();
    }
  }

  /**
   * Provider-specific failure paths to check for the canary, each run after the canary value was
   * resolved; none by default. Return the errors they raised.
   *
   * @param secrets the runtime that resolved the canary
   * @param canary the canary value, which no returned error may show
   * @return the errors raised by the provider-specific failure paths
   */
  protected List<Throwable> extraFailures(Secrets secrets, String canary) {
    return List.of();
  }

  /**
   * Runs {@code action}, which must fail with a {@link SecretError}.
   *
   * @param action the call expected to fail
   * @return the error it threw
   * @throws AssertionError if {@code action} returns normally
   */
  protected static Throwable failure(Runnable action) {
    try {
      action.run();
    } catch (SecretError e) {
      return e;
    }
    return fail("expected a SecretError");
  }

  /**
   * Asserts that neither the chain of {@code failure} (messages, {@code toString}, suppressed
   * errors) nor its serialized form holds {@code canary}.
   *
   * @param failure the error to check, with its causes
   * @param canary the value that must not appear
   * @throws IOException if {@code failure} cannot be serialized
   * @throws AssertionError if the canary appears
   */
  protected static void assertNoCanary(Throwable failure, String canary) throws IOException {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).as("message of " + t).doesNotContain(canary);
      assertThat(t.toString()).doesNotContain(canary);
      for (Throwable suppressed : t.getSuppressed()) {
        assertThat(suppressed.toString()).doesNotContain(canary);
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(failure);
    }
    String serialized = bytes.toString(StandardCharsets.ISO_8859_1);
    assertThat(serialized).as("serialized " + failure.getClass().getSimpleName())
        .doesNotContain(new String(canary.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
  }

  @Nested
  class UnexpectedFailures {
    /**
     * The provider under test answers; then the exception that escapes (a bug in a client library,
     * say) quotes the answer in its message and in its cause's. The error the caller gets must
     * keep the exceptions' types and stack traces and none of their messages.
     */
    @Test
    void anExceptionEscapingTheProviderKeepsItsTypeAndStackButNoMessage() throws Exception {
      String value = canary();
      Map<String, String> parameters = seed(key(), value);
      SecretsProvider real = provider(secrets());
      IllegalStateException[] thrown = new IllegalStateException[1];
      SecretsProvider leaky = new SecretsProvider() {
        @Override
        public String slug() {
          return real.slug();
        }

        @Override
        public List<ParameterSpec> parameters() {
          return real.parameters();
        }

        @Override
        public String getValue(SecretRequest request) {
          String answer = real.getValue(request);
          thrown[0] = new IllegalStateException("the value is " + answer,
              new java.io.UncheckedIOException("read " + answer, new java.io.IOException(answer)));
          throw thrown[0];
        }
      };
      try (Secrets secrets = Secrets.builder().discoverProviders(false).provider(leaky).build()) {
        Throwable error = failure(() -> secret(secrets, "Leaky", parameters).getValue());
        assertThat(error).isInstanceOf(io.github.secrets4j.SecretUnexpectedError.class)
            .hasMessageEndingWith("The provider failed unexpectedly: java.lang.IllegalStateException");
        assertNoCanary(error, value);
        List<String> types = new ArrayList<>();
        Throwable original = thrown[0];
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
          types.add(cause.getMessage());
          assertThat(cause.getStackTrace()).as("stack trace of " + cause.getMessage())
              .containsExactly(original.getStackTrace());
          original = original.getCause();
        }
        assertThat(types).containsExactly("java.lang.IllegalStateException",
            "java.io.UncheckedIOException", "java.io.IOException");
      }
    }
  }

  @Nested
  class Concurrency {
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void manyThreadsGetTheirOwnValues() throws Exception {
      int keys = 8;
      List<String> values = new ArrayList<>();
      List<Map<String, String>> parameters = new ArrayList<>();
      for (int i = 0; i < keys; i++) {
        String value = "value-" + i + "-" + UUID.randomUUID();
        values.add(value);
        parameters.add(seed(key(), value));
      }
      Secrets secrets = secrets();
      List<Secret> secrets8 = new ArrayList<>();
      for (int i = 0; i < keys; i++) {
        secrets8.add(secret(secrets, "Concurrent " + i, parameters.get(i)));
      }
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          tasks.add(() -> {
            int checked = 0;
            for (int n = 0; n < 100; n++) {
              int i = ThreadLocalRandom.current().nextInt(keys);
              assertThat(secrets8.get(i).getValue()).isEqualTo(values.get(i));
              checked++;
            }
            return checked;
          });
        }
        int total = 0;
        for (Future<Integer> result : pool.invokeAll(tasks)) {
          total += result.get();
        }
        assertThat(total).isEqualTo(1600);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Nested
  class Writable {
    private SecretStore store;

    @BeforeEach
    void onlyForProvidersThatCanWrite() {
      Assumptions.assumeTrue(writable(), "the provider cannot write");
      store = secrets().store(slug());
    }

    @Test
    void putReplaceDescribeListRemove() {
      String key = key();
      StoredSecret first = store.put(key, "one");
      assertThat(first.key()).isEqualTo(key);
      assertThat(first.version()).isEqualTo(1);
      assertThat(first.updated()).isEqualTo(first.created());
      assertThat(store.describe(key)).contains(first);
      assertThat(store.secret(key).getValue()).isEqualTo("one");

      StoredSecret second = store.put(key, "two");
      assertThat(second.version()).isEqualTo(2);
      assertThat(second.created()).isEqualTo(first.created());
      assertThat(second.updated()).isAfterOrEqualTo(first.updated());
      assertThat(store.secret(key).getValue()).isEqualTo("two");
      assertThat(store.list()).extracting(StoredSecret::key).contains(key);

      assertThat(store.remove(key)).isTrue();
      assertThat(store.remove(key)).isFalse();
      assertThat(store.describe(key)).isEmpty();
      assertThat(store.list()).extracting(StoredSecret::key).doesNotContain(key);
      assertThatThrownBy(() -> store.secret(key).getValue())
          .isInstanceOf(SecretValueNotFoundError.class);
      assertThat(store.put(key, "again").version()).isEqualTo(1);
    }

    @Test
    void metadataRoundTrips() {
      String key = key();
      // A kind other than the default, with a value it accepts (puts check the kind).
      SecretMetadata metadata = SecretMetadata.builder().kind("env")
          .description("Token for the \u00e9 service").label("team", "core")
          .label("managed-by", "secrets4j").build();
      assertThat(store.put(key, "TOKEN=v", metadata).metadata()).isEqualTo(metadata);
      assertThat(store.describe(key).orElseThrow().metadata()).isEqualTo(metadata);
      assertThat(store.put(key, "w").metadata()).isEqualTo(SecretMetadata.empty());
    }

    @Test
    void ownersAndGrants() {
      String key = key();
      Secrets secrets = secrets();
      SecretStore alice = secrets.forPrincipal("alice").store(slug());
      assertThat(alice.put(key, "v").owner()).contains("alice");
      assertThatThrownBy(() -> secrets.forPrincipal("bob").store(slug()).secret(key).getValue())
          .isInstanceOf(SecretAccessDeniedError.class);
      assertThatThrownBy(() -> secrets.forPrincipal("bob").store(slug()).put(key, "stolen"))
          .isInstanceOf(SecretAccessDeniedError.class);
      alice.grant(key, "bob");
      assertThat(store.describe(key).orElseThrow().grants()).containsExactly("bob");
      assertThat(secrets.forPrincipal("bob").store(slug()).secret(key).getValue()).isEqualTo("v");
      StoredSecret replaced = alice.put(key, "w");
      assertThat(replaced.owner()).contains("alice");
      assertThat(replaced.grants()).containsExactly("bob");
      alice.revoke(key, "bob");
      assertThat(store.describe(key).orElseThrow().grants()).isEmpty();
      assertThat(store.describe(key).orElseThrow().version()).isEqualTo(2);
      assertThatThrownBy(() -> secrets.forPrincipal("bob").store(slug()).secret(key).getValue())
          .isInstanceOf(SecretAccessDeniedError.class);
    }

    @Test
    void theWriterChecksTheOwnerOfRemoveGrantAndRevokeItself() {
      // What the runtime passes after its own check: the writer must refuse in the same step as
      // the change, so a key removed and made again by another principal in between is safe.
      String key = key();
      Secrets secrets = secrets();
      SecretWriter writer = provider(secrets).writer().orElseThrow();
      secrets.forPrincipal("alice").store(slug()).put(key, "v");
      assertThatThrownBy(() -> writer.remove(key, "bob"))
          .isInstanceOf(SecretAccessDeniedError.class);
      assertThatThrownBy(() -> writer.grant(key, "bob", "bob"))
          .isInstanceOf(SecretAccessDeniedError.class);
      store.grant(key, "carol");
      assertThatThrownBy(() -> writer.revoke(key, "carol", "bob"))
          .isInstanceOf(SecretAccessDeniedError.class);
      StoredSecret kept = store.describe(key).orElseThrow();
      assertThat(kept.owner()).contains("alice");
      assertThat(kept.grants()).containsExactly("carol");
      assertThat(writer.grant(key, "dave", "alice").orElseThrow().grants())
          .containsExactlyInAnyOrder("carol", "dave");
      assertThat(writer.revoke(key, "dave", "alice").orElseThrow().grants())
          .containsExactly("carol");
      assertThat(writer.grant("absent-" + key, "bob", "bob")).isEmpty();
      assertThat(writer.remove("absent-" + key, "bob")).isFalse();
      assertThat(writer.remove(key, "alice")).isTrue();
      store.put(key, "host's");
      assertThatThrownBy(() -> writer.remove(key, "alice"))
          .as("an entry without owner is no principal's to remove")
          .isInstanceOf(SecretAccessDeniedError.class);
      assertThat(writer.remove(key, null)).isTrue();
    }

    @Test
    void aValueNeverAppearsInMetadataToStringLogsOrErrors() {
      assertThat(CapturingLogs.isActive()).as("CapturingLogs is the SLF4J provider").isTrue();
      String value = canary();
      String key = key();
      Secrets secrets = secrets();
      StoredSecret stored = store.put(key, value, SecretMetadata.builder().label("l", "x").build());
      store.put(key, value);
      List<Object> printed = new ArrayList<>(List.of(stored, stored.metadata(), store,
          store.list(), store.describe(key), store.secret(key), secrets));
      List<Throwable> failures = new ArrayList<>();
      failures.add(catchThrowableOfType(
          () -> secrets.forPrincipal("eve").store(slug()).secret(key).getValue(),
          SecretAccessDeniedError.class));
      failures.add(catchThrowableOfType(
          () -> secrets.forPrincipal("eve").store(slug()).put(key, value),
          SecretAccessDeniedError.class));
      failures.add(catchThrowableOfType(() -> store.put(key + "\n", value),
          IllegalArgumentException.class));
      for (Object object : printed) {
        assertThat(String.valueOf(object)).doesNotContain(value);
      }
      for (Throwable failure : failures) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
          assertThat(String.valueOf(t.getMessage())).doesNotContain(value);
        }
      }
      for (String event : CapturingLogs.events()) {
        assertThat(event).as("log event").doesNotContain(value);
      }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentPutsToDifferentKeysAllLand() throws Exception {
      String prefix = key();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int thread = t;
          tasks.add(() -> {
            for (int n = 0; n < 25; n++) {
              assertThat(store.put(prefix + "-" + thread + "-" + n, "v" + n).version()).isEqualTo(1);
            }
            return null;
          });
        }
        for (Future<Void> result : pool.invokeAll(tasks)) {
          result.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(store.list()).filteredOn(e -> e.key().startsWith(prefix + "-")).hasSize(200);
      assertThat(store.secret(prefix + "-3-7").getValue()).isEqualTo("v7");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentPutsToOneKeyLoseNoVersion() throws Exception {
      String key = key();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      Set<Long> versions = ConcurrentHashMap.newKeySet();
      try {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          tasks.add(() -> {
            long last = 0;
            for (int n = 0; n < 25; n++) {
              long version = store.put(key, "v").version();
              assertThat(version).as("versions seen by one thread increase").isGreaterThan(last);
              last = version;
              versions.add(version);
            }
            return null;
          });
        }
        for (Future<Void> result : pool.invokeAll(tasks)) {
          result.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(versions).as("every put got its own version").hasSize(200);
      assertThat(store.describe(key).orElseThrow().version()).isEqualTo(200);
    }
  }

  @Nested
  class Discovery {
    @Test
    void factoryIsFoundByServiceLoader() {
      List<SecretsProviderFactory> factories = new ArrayList<>();
      ServiceLoader.load(SecretsProviderFactory.class).forEach(factories::add);
      if (discoverable()) {
        assertThat(factories).extracting(SecretsProviderFactory::slug).contains(slug());
      } else {
        assertThat(factories).extracting(SecretsProviderFactory::slug).doesNotContain(slug());
      }
    }

    @Test
    void discoveredRuntimeListsTheSlug() {
      try (Secrets discovered = Secrets.builder().build()) {
        if (discoverable()) {
          assertThat(discovered.providerSlugs()).contains(slug());
        } else {
          assertThat(discovered.providerSlugs()).doesNotContain(slug());
        }
      }
    }
  }
}
