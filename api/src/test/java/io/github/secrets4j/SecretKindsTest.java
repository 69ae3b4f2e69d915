package io.github.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.spi.SecretKindProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kinds on a runtime: reads parsed by kind ({@link SecretValueInvalidError}), puts checked by the
 * metadata's kind, kinds wired on the builder, and kinds discovered in plugin jars.
 */
class SecretKindsTest {
  private static final String CANARY = "canary-7f3a9c-hunter2";

  @TempDir Path dir;

  private final AtomicReference<String> value = new AtomicReference<>("A=1\nB=two");
  private final TestProviders.Scripted scripted =
      new TestProviders.Scripted("scripted", request -> value.get());
  private final WritableTestProvider writable =
      new WritableTestProvider("writable", () -> Instant.parse("2024-01-01T00:00:00Z"));
  private final Secrets secrets = Secrets.builder().discoverProviders(false).provider(scripted)
      .provider(writable).kind(new UpperCase("upper-case")).build();

  @AfterEach
  void close() {
    secrets.close();
  }

  /** A kind named {@code name} that accepts any text. */
  static SecretKind<String> anyText(String name) {
    return new SecretKind<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String parse(String value) {
        return value;
      }
    };
  }

  /** A kind that accepts upper-case text only. */
  static final class UpperCase implements SecretKind<String> {
    private final String name;

    UpperCase(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String parse(String value) {
      if (!value.equals(value.toUpperCase(Locale.ROOT))) {
        throw new IllegalArgumentException("letters must be upper case");
      }
      return value;
    }
  }

  private Secret secret() {
    return secrets.secret("Db Env").provider("scripted").build();
  }

  private static void noCanary(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(CANARY);
      assertThat(t.toString()).doesNotContain(CANARY);
    }
  }

  @Test
  void getValueParsesTheValueByKind() {
    Secret secret = secret();
    assertThat(secret.getValue(null, SecretKind.ENV))
        .containsExactly(Map.entry("A", "1"), Map.entry("B", "two"));
    assertThat(secrets.getValue(secret, Map.of("x", 1), SecretKind.ENV)).containsEntry("B", "two");
    assertThat(secret.getValue(null, SecretKind.OPAQUE)).isEqualTo("A=1\nB=two");
    assertThatThrownBy(() -> secret.getValue(null, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void aValueTheKindRefusesIsSecretValueInvalidErrorNamingSecretProviderAndKindNeverTheValue() {
    value.set("A=1\n" + CANARY);
    Secret secret = secret();
    assertThatThrownBy(() -> secret.getValue(null, SecretKind.ENV))
        .isInstanceOf(SecretValueInvalidError.class)
        .hasMessage("Secret \"Db Env\" (provider \"scripted\"): The value is not of the kind "
            + "\"env\": line 2: expected NAME=VALUE")
        .satisfies(e -> {
          SecretValueInvalidError error = (SecretValueInvalidError) e;
          assertThat(error.secretName()).isEqualTo("Db Env");
          assertThat(error.provider()).isEqualTo("scripted");
          assertThat(error.reason()).startsWith("The value is not of the kind \"env\"");
          noCanary(e);
        });
    assertThat(secret.getValue()).as("the raw value is still readable").endsWith(CANARY);
    assertThatThrownBy(() -> secrets.getValue(secret, null, new UpperCase("upper-case")))
        .isInstanceOf(SecretValueInvalidError.class)
        .hasMessageEndingWith("The value is not of the kind \"upper-case\": letters must be upper "
            + "case");
  }

  @Test
  void aKindThatFailsOtherwiseIsSecretUnexpectedErrorWithoutItsMessage() {
    SecretKind<String> failing = new SecretKind<>() {
      @Override
      public String name() {
        return "failing";
      }

      @Override
      public String parse(String value) {
        throw new IllegalStateException("echoes " + value);
      }
    };
    value.set(CANARY);
    assertThatThrownBy(() -> secret().getValue(null, failing))
        .isInstanceOf(SecretUnexpectedError.class)
        .hasMessageEndingWith("The kind \"failing\" failed to parse the value: "
            + "java.lang.IllegalStateException")
        .satisfies(SecretKindsTest::noCanary);
    SecretKind<String> none = new SecretKind<>() {
      @Override
      public String name() {
        return "none";
      }

      @Override
      public String parse(String value) {
        return null;
      }
    };
    assertThatThrownBy(() -> secret().getValue(null, none))
        .isInstanceOf(SecretUnexpectedError.class)
        .hasMessageEndingWith("The kind \"none\" returned no value");
  }

  @Test
  void aPutIsCheckedByTheMetadatasKindBeforeAnythingIsWritten() {
    SecretStore store = secrets.store("writable");
    SecretMetadata env = SecretMetadata.builder().kind("env").build();
    StoredSecret stored = store.put("app", "A=1", env);
    assertThat(stored.metadata().kind()).isEqualTo("env");
    assertThat(store.secret("app").getValue(null, SecretKind.ENV)).containsEntry("A", "1");

    assertThatThrownBy(() -> store.put("app", "A=1\n" + CANARY, env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Key \"app\": the value is not of the kind \"env\": line 2: expected "
            + "NAME=VALUE; nothing was written")
        .hasNoCause()
        .satisfies(SecretKindsTest::noCanary);
    assertThatThrownBy(() -> store.put("other", CANARY, env))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.describe("app").orElseThrow().version()).isEqualTo(1);
    assertThat(store.describe("other")).isEmpty();
    assertThat(store.secret("app").getValue()).isEqualTo("A=1");

    assertThat(store.put("up", "LOUD", SecretMetadata.builder().kind("upper-case").build())
        .version()).isEqualTo(1);
    assertThatThrownBy(() -> store.put("up", "quiet",
        SecretMetadata.builder().kind("upper-case").build()))
        .hasMessage("Key \"up\": the value is not of the kind \"upper-case\": letters must be "
            + "upper case; nothing was written");
    assertThat(store.put("any", CANARY).metadata().kind()).as("opaque takes anything")
        .isEqualTo("opaque");
  }

  @Test
  void aPutChecksWithValidateWhichAKindMayMakeMoreLenientThanParse() {
    SecretKind<String> sealed = new SecretKind<>() {
      @Override
      public String name() {
        return "sealed";
      }

      @Override
      public String parse(String value) {
        throw new IllegalArgumentException("needs a key to open");
      }

      @Override
      public void validate(String value) {
        if (!value.startsWith("SEALED:")) {
          throw new IllegalArgumentException("not sealed");
        }
      }
    };
    SecretKind<String> none = new SecretKind<>() {
      @Override
      public String name() {
        return "none";
      }

      @Override
      public String parse(String value) {
        return null;
      }
    };
    try (Secrets runtime = Secrets.builder().discoverProviders(false).provider(writable)
        .kind(sealed).kind(none).build()) {
      SecretStore store = runtime.store("writable");
      store.put("box", "SEALED:" + CANARY, SecretMetadata.builder().kind("sealed").build());
      assertThatThrownBy(() -> store.secret("box").getValue(null, sealed))
          .isInstanceOf(SecretValueInvalidError.class)
          .hasMessageEndingWith("The value is not of the kind \"sealed\": needs a key to open")
          .satisfies(SecretKindsTest::noCanary);
      assertThatThrownBy(() -> store.put("box", CANARY,
          SecretMetadata.builder().kind("sealed").build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Key \"box\": the value is not of the kind \"sealed\": not sealed; nothing "
              + "was written");
      assertThatThrownBy(() -> store.put("void", CANARY,
          SecretMetadata.builder().kind("none").build()))
          .as("the default validate parses, and a null parse fails it")
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Key \"void\": the kind \"none\" failed to check the value: "
              + "java.lang.IllegalStateException; nothing was written")
          .satisfies(SecretKindsTest::noCanary);
      assertThat(store.describe("void")).isEmpty();
      assertThat(store.describe("box").orElseThrow().version()).isEqualTo(1);
    }
    assertThatThrownBy(() -> SecretKind.ENV.validate("A=1\n" + CANARY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line 2: expected NAME=VALUE");
    SecretKind.ENV.validate("A=1");
  }

  @Test
  void aPutNamingAnUnknownKindIsRefused() {
    SecretStore store = secrets.store("writable");
    assertThatThrownBy(() -> store.put("db", CANARY, SecretMetadata.builder().kind("password")
        .build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Key \"db\": unknown kind \"password\" (known: env, opaque, upper-case); "
            + "other kinds come from plugins (SecretKindProvider) or Secrets.builder().kind(...); "
            + "nothing was written");
    assertThat(store.describe("db")).isEmpty();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void wiredKindsAreFoundByNameAndCheckedOnTheBuilder() {
    assertThat(secrets.kind("upper-case")).get().isInstanceOf(UpperCase.class);
    assertThat(secrets.kindNames()).containsExactly("env", "opaque", "upper-case");
    assertThat(secrets.withPolicy(SecretsPolicy.parse("scripted")).kind("upper-case"))
        .as("a view shares the kinds").isPresent();
    Secrets.Builder builder = Secrets.builder().kind(new UpperCase("a"));
    assertThatThrownBy(() -> builder.kind(new UpperCase("a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a kind named \"a\" is already wired");
    assertThatThrownBy(() -> builder.kind(new UpperCase("env")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the kind \"env\" is built in and cannot be replaced");
    assertThatThrownBy(() -> builder.kind(new UpperCase("Not A Slug")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("its name \"Not A Slug\" is not a slug");
    assertThatThrownBy(() -> builder.kind(new UpperCase("k".repeat(65))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.kind(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> secrets.kind(null)).isInstanceOf(NullPointerException.class);
  }

  // ---- plugin jars, compiled at test time ----

  private static String kindPlugin(String className, String kindName) {
    return "package plugin;\n"
        + "import io.github.secrets4j.SecretKind;\n"
        + "import io.github.secrets4j.spi.SecretKindProvider;\n"
        + "import java.util.List;\n"
        + "public final class " + className + " implements SecretKindProvider {\n"
        + "  public List<SecretKind<?>> kinds() { return List.of(new Kind()); }\n"
        + "  static final class Kind implements SecretKind<Integer> {\n"
        + "    public String name() { return \"" + kindName + "\"; }\n"
        + "    public Integer parse(String value) {\n"
        + "      try { return Integer.valueOf(value.strip()); }\n"
        + "      catch (NumberFormatException e) {\n"
        + "        throw new IllegalArgumentException(\"not a whole number\"); }\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
  }

  private URLClassLoader plugins(String jarName, Map<String, String> sources) throws Exception {
    Path jar = PluginJars.build(dir, jarName, sources.entrySet().stream()
            .collect(java.util.stream.Collectors.toMap(e -> "plugin." + e.getKey(),
                Map.Entry::getValue)),
        Map.of(SecretKindProvider.class.getName(),
            sources.keySet().stream().map(c -> "plugin." + c).sorted().toList()));
    return new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void aKindInAPluginJarIsDiscoveredAndChecksPuts() throws Exception {
    try (URLClassLoader loader = plugins("number", Map.of("NumberKinds",
            kindPlugin("NumberKinds", "number")));
        Secrets withPlugin = Secrets.builder().classLoader(loader).discoverProviders(false)
            .provider(new WritableTestProvider("writable", Instant::now)).build()) {
      SecretKind<?> number = withPlugin.kind("number").orElseThrow();
      assertThat(number.getClass().getClassLoader()).isSameAs(loader);
      assertThat(number.parse(" 42 ")).isEqualTo(42);
      assertThat(withPlugin.kindNames()).containsExactly("env", "number", "opaque");
      SecretStore store = withPlugin.store("writable");
      SecretMetadata metadata = SecretMetadata.builder().kind("number").build();
      assertThat(store.put("n", "7", metadata).metadata().kind()).isEqualTo("number");
      assertThatThrownBy(() -> store.put("n", CANARY, metadata))
          .hasMessage("Key \"n\": the value is not of the kind \"number\": not a whole number; "
              + "nothing was written");
      assertThat(store.secret("n").getValue(null, number)).isEqualTo(7);
    }
    assertThat(secrets.kind("number")).as("only the runtime given the loader").isEmpty();
  }

  @Test
  void twoDiscoveredKindsWithOneNameFailTheBuildUnlessOneIsWired() throws Exception {
    try (URLClassLoader loader = plugins("clash", Map.of(
        "OneKinds", kindPlugin("OneKinds", "dup"), "TwoKinds", kindPlugin("TwoKinds", "dup")))) {
      assertThatThrownBy(() -> Secrets.builder().classLoader(loader).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("Two secret kinds are named \"dup\": plugin.OneKinds$Kind from "
              + "plugin.OneKinds, and plugin.TwoKinds$Kind from plugin.TwoKinds; remove one from "
              + "the class path, or wire the one to use with Secrets.builder().kind(...)");
      UpperCase chosen = new UpperCase("dup");
      try (Secrets settled = Secrets.builder().classLoader(loader).kind(chosen).build()) {
        assertThat(settled.kind("dup")).containsSame(chosen);
      }
    }
  }

  @Test
  void aDiscoveredKindMayNotTakeABuiltInNameNorAnInvalidOne() throws Exception {
    try (URLClassLoader loader = plugins("env", Map.of("EnvKinds", kindPlugin("EnvKinds", "env")))) {
      assertThatThrownBy(() -> Secrets.builder().classLoader(loader).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("Two secret kinds are named \"env\": built in, and "
              + "plugin.EnvKinds$Kind from plugin.EnvKinds");
    }
    try (URLClassLoader loader = plugins("bad", Map.of("BadKinds", kindPlugin("BadKinds", "Bad Name")))) {
      assertThatThrownBy(() -> Secrets.builder().classLoader(loader).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("Secret kind provider plugin.BadKinds offers the kind plugin.BadKinds$Kind: "
              + "its name \"Bad Name\" is not a slug (lower-case letters, digits, - and _) of at "
              + "most 64 chars");
    }
  }

  @Test
  void aKindProviderThatFailsIsSkippedAndTheOthersStillCount() throws Exception {
    String failing = "package plugin;\n"
        + "import io.github.secrets4j.SecretKind;\n"
        + "import io.github.secrets4j.spi.SecretKindProvider;\n"
        + "import java.util.List;\n"
        + "public final class FailingKinds implements SecretKindProvider {\n"
        + "  public List<SecretKind<?>> kinds() { throw new IllegalStateException(\"boom\"); }\n"
        + "}\n";
    String failingName = "package plugin;\n"
        + "import io.github.secrets4j.SecretKind;\n"
        + "import io.github.secrets4j.spi.SecretKindProvider;\n"
        + "import java.util.List;\n"
        + "public final class FailingName implements SecretKindProvider {\n"
        + "  public List<SecretKind<?>> kinds() { return List.of(new Kind()); }\n"
        + "  public static final class Kind implements SecretKind<String> {\n"
        + "    public String name() { throw new IllegalStateException(\"" + CANARY + "\"); }\n"
        + "    public String parse(String value) { return value; }\n"
        + "  }\n"
        + "}\n";
    try (URLClassLoader loader = plugins("mixed", Map.of("FailingKinds", failing,
            "FailingName", failingName, "GoodKinds", kindPlugin("GoodKinds", "good")));
        Secrets runtime = Secrets.builder().classLoader(loader).build()) {
      assertThat(runtime.kindNames()).containsExactly("env", "good", "opaque");
      // Wired, a kind whose name() throws is refused by the builder, naming its class only.
      SecretKind<?> kind = (SecretKind<?>) loader.loadClass("plugin.FailingName$Kind")
          .getConstructor().newInstance();
      assertThatThrownBy(() -> Secrets.builder().kind(kind))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("kind plugin.FailingName$Kind: its name() failed: "
              + "java.lang.IllegalStateException")
          .hasNoCause();
    }
  }
}
