package io.github.secrets4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.SecretAccessDeniedError;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.testkit.CapturingLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.Banner;
import org.springframework.boot.BootstrapContext;
import org.springframework.boot.BootstrapRegistry;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Real Spring Boot application contexts importing {@code secrets4j:}. */
class SpringBootImportTest {
  private static final String CANARY = "canary-Zq8w-value";

  @TempDir
  Path dir;
  private Path store;

  @Configuration(proxyBeanMethods = false)
  static class App {
  }

  @Configuration(proxyBeanMethods = false)
  static class FailingApp {
    @Bean
    String failingBean() {
      throw new IllegalStateException("this bean fails on purpose");
    }
  }

  @BeforeEach
  void storeInTempDir() {
    store = dir.resolve("store.json");
    CapturingLogs.clear();
  }

  private Secrets storeRuntime() {
    return Secrets.builder().setting("secrets4j.encrypted-file.path", store.toString()).build();
  }

  private void put(String key, String value) {
    try (Secrets secrets = storeRuntime()) {
      secrets.store().put(key, value);
    }
  }

  private ConfigurableApplicationContext run(String... args) {
    return run(null, args);
  }

  private ConfigurableApplicationContext run(Secrets own, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--secrets4j.encrypted-file.path=" + store);
    SpringApplicationBuilder builder = new SpringApplicationBuilder(App.class)
        .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false);
    if (own != null) {
      builder.addBootstrapRegistryInitializer(
          registry -> registry.register(Secrets.class, BootstrapRegistry.InstanceSupplier.of(own)));
    }
    return builder.run(all.toArray(String[]::new));
  }

  @Test
  void anEnvironmentVariableBecomesAProperty() {
    String path = System.getenv("PATH");
    assertThat(path).isNotBlank();
    try (ConfigurableApplicationContext context =
        run("--spring.config.import=secrets4j:app.path=env:PATH")) {
      assertThat(context.getEnvironment().getProperty("app.path")).isEqualTo(path);
    }
  }

  @Test
  void storedSecretsResolveWithSettingsFromSpringProperties() {
    put("db-password", CANARY);
    put("db-user", "orders");
    try (ConfigurableApplicationContext context = run("--spring.config.import="
        + "secrets4j:db.password=secret:db-password;db.username=db-user@encrypted-file")) {
      Environment environment = context.getEnvironment();
      assertThat(environment.getProperty("db.password")).isEqualTo(CANARY);
      assertThat(environment.getProperty("db.username")).isEqualTo("orders");
      // ${...} placeholders resolve through it too.
      assertThat(environment.resolvePlaceholders("user=${db.username}")).isEqualTo("user=orders");
    }
    assertThat(String.join("\n", CapturingLogs.events())).doesNotContain(CANARY);
  }

  @Test
  void aRotatedValueShowsWithoutARefresh() {
    put("db-password", "first");
    try (ConfigurableApplicationContext context =
        run("--spring.config.import=secrets4j:db.password=secret:db-password")) {
      Environment environment = context.getEnvironment();
      assertThat(environment.getProperty("db.password")).isEqualTo("first");
      put("db-password", "second");
      assertThat(environment.getProperty("db.password")).isEqualTo("second");
    }
  }

  @Test
  void aCachedValueShowsTheRotationOnceInvalidated() {
    put("db-password", "first");
    try (ConfigurableApplicationContext context = run("--secrets4j.cache.ttl=1h",
        "--spring.config.import=secrets4j:db.password=secret:db-password")) {
      Environment environment = context.getEnvironment();
      assertThat(environment.getProperty("db.password")).isEqualTo("first");
      put("db-password", "second");
      assertThat(environment.getProperty("db.password")).isEqualTo("first");
      context.getBean(Secrets.class).invalidateAll();
      assertThat(environment.getProperty("db.password")).isEqualTo("second");
    }
  }

  @Test
  void aValueWhoseTtlPassedIsReadAgain() {
    put("db-password", "first");
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    InstantSource clock = now::get;
    try (Secrets own = Secrets.builder().timeSource(clock).random(() -> 0L)
        .setting("secrets4j.encrypted-file.path", store.toString())
        .setting("secrets4j.cache.ttl", "10m").build()) {
      try (ConfigurableApplicationContext context =
          run(own, "--spring.config.import=secrets4j:db.password=secret:db-password")) {
        Environment environment = context.getEnvironment();
        assertThat(context.getBean(Secrets.class)).isSameAs(own);
        assertThat(environment.getProperty("db.password")).isEqualTo("first");
        put("db-password", "second");
        now.set(now.get().plus(Duration.ofMinutes(9)));
        assertThat(environment.getProperty("db.password")).isEqualTo("first");
        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertThat(environment.getProperty("db.password")).isEqualTo("second");
      }
      // Registered by the application: the context leaves it open.
      assertThat(own.store().list()).hasSize(1);
    }
  }

  @Test
  void theRuntimeIsABeanClosedWithTheContext() {
    put("db-password", CANARY);
    Secrets secrets;
    try (ConfigurableApplicationContext context =
        run("--spring.config.import=secrets4j:db.password=secret:db-password")) {
      secrets = context.getBean(SecretsConfigDataLocationResolver.BEAN_NAME, Secrets.class);
      assertThat(secrets.store().secret("db-password").getValue()).isEqualTo(CANARY);
    }
    assertThatThrownBy(() -> secrets.store()).isInstanceOf(IllegalStateException.class)
        .hasMessage("This Secrets runtime is closed");
  }

  /**
   * Starts {@code source} with the bootstrap context put in {@code bootstrap}, so a test can find
   * the runtime an import built even when start-up fails.
   */
  private ConfigurableApplicationContext runKeepingBootstrap(
      AtomicReference<BootstrapContext> bootstrap, Class<?> source, Secrets own, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--secrets4j.encrypted-file.path=" + store);
    return new SpringApplicationBuilder(source).web(WebApplicationType.NONE)
        .bannerMode(Banner.Mode.OFF).logStartupInfo(false)
        .addBootstrapRegistryInitializer(registry -> {
          bootstrap.set((BootstrapContext) registry);
          if (own != null) {
            registry.register(Secrets.class, BootstrapRegistry.InstanceSupplier.of(own));
          }
        })
        .run(all.toArray(String[]::new));
  }

  @Test
  void aStartUpThatFailsBeforeTheContextHasTheRuntimeClosesIt() {
    put("db-user", "orders");
    AtomicReference<BootstrapContext> bootstrap = new AtomicReference<>();
    assertThatThrownBy(() -> runKeepingBootstrap(bootstrap, App.class, null,
        "--spring.config.import=secrets4j:db.username=secret:db-user;db.password=secret:db-password"))
        .hasMessageStartingWith("secrets4j could not resolve property \"db.password\"");
    // Built by the import (it read db-user), never the context's bean: closed all the same.
    Secrets secrets = bootstrap.get().get(Secrets.class);
    assertThatThrownBy(() -> secrets.store()).isInstanceOf(IllegalStateException.class)
        .hasMessage("This Secrets runtime is closed");
  }

  @Test
  void aStartUpThatFailsOnceTheRuntimeIsABeanClosesItWithTheContext() {
    put("db-password", CANARY);
    AtomicReference<BootstrapContext> bootstrap = new AtomicReference<>();
    assertThatThrownBy(() -> runKeepingBootstrap(bootstrap, FailingApp.class, null,
        "--spring.config.import=secrets4j:db.password=secret:db-password"))
        .hasStackTraceContaining("this bean fails on purpose");
    Secrets secrets = bootstrap.get().get(Secrets.class);
    assertThatThrownBy(() -> secrets.store()).isInstanceOf(IllegalStateException.class)
        .hasMessage("This Secrets runtime is closed");
  }

  @Test
  void aRuntimeTheApplicationRegisteredStaysOpenWhenStartUpFails() {
    put("db-user", "orders");
    try (Secrets own = storeRuntime()) {
      AtomicReference<BootstrapContext> bootstrap = new AtomicReference<>();
      assertThatThrownBy(() -> runKeepingBootstrap(bootstrap, App.class, own,
          "--spring.config.import=secrets4j:db.password=secret:db-password"))
          .hasMessageStartingWith("secrets4j could not resolve property \"db.password\"");
      assertThat(own.store().list()).hasSize(1);
    }
  }

  @Test
  void anImportWithoutPropertiesStillGivesTheBean() {
    try (ConfigurableApplicationContext context = run("--spring.config.import=secrets4j:")) {
      assertThat(context.getBean(Secrets.class).setting("secrets4j.encrypted-file.path"))
          .contains(store.toString());
    }
  }

  @Test
  void anOptionalImportOfAMissingStoreIsSkipped() {
    assertThat(store).doesNotExist();
    try (ConfigurableApplicationContext context = run("--spring.config.import="
        + "optional:secrets4j:db.password=secret:db-password")) {
      assertThat(context.getEnvironment().getProperty("db.password")).isNull();
      assertThat(context.getEnvironment().containsProperty("db.password")).isFalse();
    }
  }

  @Test
  void anOptionalImportOfAMissingSecretIsSkipped() {
    put("other", CANARY);
    try (ConfigurableApplicationContext context = run("--spring.config.import="
        + "optional:secrets4j:db.password=secret:db-password")) {
      assertThat(context.getEnvironment().getProperty("db.password")).isNull();
    }
  }

  @Test
  void aMissingSecretFailsStartUpNamingThePropertyAndTheSecret() {
    put("db-user", CANARY);
    assertThatThrownBy(() -> run("--spring.config.import="
        + "secrets4j:db.username=secret:db-user;db.password=secret:db-password"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("secrets4j could not resolve property \"db.password\" from secret "
            + "\"db-password\" (secret:db-password)")
        .satisfies(e -> assertNoCanary(e))
        .hasCauseInstanceOf(SecretValueNotFoundError.class);
    assertThat(String.join("\n", CapturingLogs.events())).doesNotContain(CANARY);
  }

  @Test
  void anErrorOtherThanNotFoundFailsStartUpEvenWhenOptional() throws Exception {
    Path allowed = Files.createDirectory(dir.resolve("allowed"));
    Path outside = Files.writeString(dir.resolve("outside.txt"), CANARY);
    assertThatThrownBy(() -> run("--secrets4j.text-file.allowed-roots=" + allowed,
        "--spring.config.import=optional:secrets4j:app.token=file:" + outside))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("secrets4j could not resolve property \"app.token\" from secret "
            + "\"file:" + outside + "\"")
        .hasCauseInstanceOf(SecretAccessDeniedError.class)
        .satisfies(e -> assertNoCanary(e));
  }

  @Test
  void springPropertiesWinOverSystemPropertiesSecrets4jReadsItself() {
    put("db-password", CANARY);
    System.setProperty("secrets4j.encrypted-file.path", dir.resolve("elsewhere.json").toString());
    try (ConfigurableApplicationContext context =
        run("--spring.config.import=secrets4j:db.password=secret:db-password")) {
      assertThat(context.getEnvironment().getProperty("db.password")).isEqualTo(CANARY);
    } finally {
      System.clearProperty("secrets4j.encrypted-file.path");
    }
  }

  @Test
  void anInvalidImportFailsStartUpNamingTheEntry() {
    assertThatThrownBy(() -> run("--spring.config.import=secrets4j:db.password"))
        .hasStackTraceContaining("Invalid secrets4j: import entry \"db.password\": expected "
            + "PROPERTY=REFERENCE");
    assertThatThrownBy(() -> run("--spring.config.import=secrets4j:a=file:relative"))
        .hasStackTraceContaining("the path of file: must be absolute");
  }

  @Test
  void definedSecretsAndGroupsResolveFromDefinitionFiles() throws Exception {
    put("napalm-user", "netops");
    put("napalm-password", CANARY);
    Path definitions = dir.resolve("secrets.yaml");
    Files.writeString(definitions, """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: spring-test }
        secrets:
          - name: napalm-user
            provider: encrypted-file
            parameters: { key: napalm-user }
          - name: napalm-password
            provider: encrypted-file
            parameters: { key: napalm-password }
        groups:
          - name: napalm
            secrets:
              - { access: Generic, type: username, secret: napalm-user }
              - { access: HTTP(S), type: password, secret: napalm-password }
        """);
    try (ConfigurableApplicationContext context = run("--secrets4j.definitions=" + definitions,
        "--spring.config.import=secrets4j:app.password=napalm-password;napalm=group:napalm")) {
      Environment environment = context.getEnvironment();
      assertThat(environment.getProperty("app.password")).isEqualTo(CANARY);
      assertThat(environment.getProperty("napalm.generic.username")).isEqualTo("netops");
      assertThat(environment.getProperty("napalm.https.password")).isEqualTo(CANARY);
    }
  }

  @Test
  void anUnknownDefinedSecretFailsStartUpNamingTheProperty() throws Exception {
    assertThatThrownBy(() -> run("--spring.config.import=secrets4j:app.password=napalm-password"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("secrets4j could not resolve property \"app.password\" "
            + "(napalm-password), secrets4j:app.password=napalm-password: \"napalm-password\" "
            + "names a defined secret but no definition file is loaded (secrets4j.definitions)");
  }

  @Test
  void anUnknownDefinedNameFailsStartUpNamingThePropertyAndTheClosestNames() throws Exception {
    Path definitions = dir.resolve("secrets.yaml");
    Files.writeString(definitions, """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: spring-test }
        secrets:
          - name: napalm-password
            provider: encrypted-file
            parameters: { key: napalm-password }
        """);
    assertThatThrownBy(() -> run("--secrets4j.definitions=" + definitions,
        "--spring.config.import=secrets4j:app.password=napalm-pasword"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("secrets4j could not resolve property \"app.password\" "
            + "(napalm-pasword), secrets4j:app.password=napalm-pasword: ")
        .hasMessageContaining("napalm-password");
  }

  @Test
  void theRuntimeIsClosedWithTheContextEvenWhenItsBeanNameIsTaken() {
    put("db-password", CANARY);
    AtomicReference<BootstrapContext> bootstrap = new AtomicReference<>();
    List<String> all = List.of("--spring.config.import=secrets4j:db.password=secret:db-password",
        "--secrets4j.encrypted-file.path=" + store);
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
        .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
        .addBootstrapRegistryInitializer(registry -> bootstrap.set((BootstrapContext) registry))
        .initializers(c -> c.getBeanFactory().registerSingleton(
            SecretsConfigDataLocationResolver.BEAN_NAME, "the application's own bean"))
        .run(all.toArray(String[]::new))) {
      assertThat(context.getEnvironment().getProperty("db.password")).isEqualTo(CANARY);
      assertThat(context.getBean(SecretsConfigDataLocationResolver.BEAN_NAME))
          .isEqualTo("the application's own bean");
    }
    Secrets secrets = bootstrap.get().get(Secrets.class);
    assertThatThrownBy(() -> secrets.store()).isInstanceOf(IllegalStateException.class)
        .hasMessage("This Secrets runtime is closed");
  }

  @Test
  void anInvalidDefinitionPathFailsStartUpQuotingItEscaped() {
    assertThatThrownBy(() -> run("--secrets4j.definitions=/tmp/a\u0000b\u202e.yaml",
        "--spring.config.import=secrets4j:"))
        .hasStackTraceContaining("Definition file \"/tmp/a\\0b\\u202e.yaml\" of "
            + "secrets4j.definitions is not a valid path: Nul character not allowed")
        .satisfies(e -> {
          for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("\u0000");
          }
        });
  }

  @Test
  void aFileReferenceCannotClimbOutOfTheAllowedRoots() throws Exception {
    Path allowed = Files.createDirectory(dir.resolve("allowed"));
    Files.writeString(dir.resolve("outside.txt"), CANARY);
    Files.createSymbolicLink(allowed.resolve("link.txt"), dir.resolve("outside.txt"));
    for (String path : List.of(allowed + "/../outside.txt", allowed + "/link.txt",
        allowed + "/./../outside.txt")) {
      assertThatThrownBy(() -> run("--secrets4j.text-file.allowed-roots=" + allowed,
          "--spring.config.import=secrets4j:app.token=file:" + path))
          .as(path)
          .isInstanceOf(IllegalStateException.class)
          // Refused: ".." as a parameters error, a link out of the roots as access denied.
          .hasCauseInstanceOf(io.github.secrets4j.SecretError.class)
          .satisfies(e -> assertNoCanary(e));
    }
  }

  @Test
  void twoSlotsOfAGroupGivingOnePropertyFailStartUpNamingBoth() throws Exception {
    put("a", CANARY);
    put("b", "other");
    Path definitions = dir.resolve("secrets.yaml");
    Files.writeString(definitions, """
        apiVersion: secrets4j/v1
        kind: SecretsDefinition
        metadata: { name: spring-test }
        secrets:
          - { name: a, provider: encrypted-file, parameters: { key: a } }
          - { name: b, provider: encrypted-file, parameters: { key: b } }
        groups:
          - name: napalm
            secrets:
              - { access: HTTP(S), type: password, secret: a }
              - { access: https, type: password, secret: b }
          - name: odd
            secrets:
              - { access: "\\u00e9\\u00e9", type: password, secret: a }
        """);
    assertThatThrownBy(() -> run("--secrets4j.definitions=" + definitions,
        "--spring.config.import=secrets4j:napalm=group:napalm"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("The slots \"HTTP(S)/password\" and \"https/password\" of group "
            + "\"napalm\" both give property \"napalm.https.password\"")
        .satisfies(e -> assertNoCanary(e));
    assertThatThrownBy(() -> run("--secrets4j.definitions=" + definitions,
        "--spring.config.import=secrets4j:odd=group:odd"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("The slot \"\u00e9\u00e9/password\" of group \"odd\" gives no "
            + "property name");
  }

  private static void assertNoCanary(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(CANARY);
      assertThat(t.toString()).doesNotContain(CANARY);
    }
  }
}
