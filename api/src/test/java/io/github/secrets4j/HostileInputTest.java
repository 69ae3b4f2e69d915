package io.github.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.internal.Text;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attacks on the core through the public API: hostile templates (from a careless definition) and
 * hostile objects (from users). Each must end in a {@link SecretError} subclass, or an
 * {@link IllegalArgumentException}/{@link NullPointerException} at a builder, and must not reach
 * the provider. Every test is bounded: an attack that burns CPU fails the test instead of hanging
 * the build.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileInputTest {
  /** Records every call; it must never be reached by an attack. */
  private final TestProviders.Scripted provider =
      new TestProviders.Scripted("recording", request -> "value-" + request.parameter("key"));

  private final Secrets secrets =
      Secrets.builder().discoverProviders(false).provider(provider).build();

  @AfterEach
  void close() {
    secrets.close();
  }

  private Secret secret(String template) {
    return secrets.secret("Hostile").provider("recording").parameter("key", template).build();
  }

  /** Runs the attack end to end and returns the error it must end in; the provider is not called. */
  private SecretParametersError refused(String template, Object obj) {
    Throwable thrown = catchAny(() -> secret(template).getValue(obj));
    assertThat(thrown).as(template).isInstanceOf(SecretParametersError.class);
    Throwable rendered = catchAny(() -> secret(template).renderedParameters(obj));
    assertThat(rendered).as("renderedParameters: " + template).isInstanceOf(SecretParametersError.class);
    assertThat(provider.calls).as("provider calls").hasValue(0);
    return (SecretParametersError) thrown;
  }

  private static Throwable catchAny(Runnable action) {
    try {
      action.run();
    } catch (Throwable t) {
      return t;
    }
    return null;
  }

  /** A JavaBean with methods a template must not reach. */
  public static final class Device {
    public static int sideEffects;

    public String getName() {
      return "csr1";
    }

    public String deleteEverything() {
      sideEffects++;
      return "deleted";
    }

    public Device getSelf() {
      return this;
    }

    @Override
    public String toString() {
      sideEffects++;
      return "Device";
    }
  }

  @Nested
  class TemplateInjection {
    @ParameterizedTest
    @ValueSource(strings = {
        "{{ obj.getClass() }}",
        "{{ obj.class }}",
        "{{ obj.class.classLoader }}",
        "{{ obj.getClass().getClassLoader() }}",
        "{{ obj['class'] }}",
        "{{ obj.__class__ }}",
        "{{ obj.name.getClass() }}",
        "{{ obj.name.class.forName('java.lang.Runtime') }}",
        "{{ ''.getClass().forName('java.lang.Runtime').getRuntime().exec('touch /tmp/pwned') }}",
        "{{ obj.deleteEverything() }}",
        "{{ obj.self.deleteEverything() }}",
        "{{ obj.toString() }}",
        "{{ obj.hashCode() }}",
        "{{ obj.name.bytes }}",
        "{{ obj.name.empty }}",
        "{{ obj.name|attr('class') }}",
        "{{ obj|attr('class') }}",
        "{{ obj.name.upper() }}",
        "{{ obj }}",
        "{{ obj.self }}",
        "{{ obj|tojson }}",
        "{{ obj|pprint }}",
        "{{ obj|string }}",
        "{{ obj|list }}",
        "{{ obj.keys() }}",
        "{{ obj.items() }}",
        "{% for k in obj %}{{ k }}{% endfor %}",
        "{{ obj.undefined }}",
        "{{ nothing }}",
        "{{ __context__ }}",
        "{{ ____int3rpr3t3r____ }}",
        "{{ ____int3rpr3t3r____.config }}",
    })
    void cannotCallMethodsOrReachClasses(String template) {
      Device.sideEffects = 0;
      refused(template, new Device());
      assertThat(Device.sideEffects).as("methods of the object were called").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{% include '/etc/passwd' %}",
        "{% include 'META-INF/MANIFEST.MF' %}",
        "{% import 'x.j2' as x %}",
        "{% from 'x.j2' import y %}",
        "{% extends '/etc/passwd' %}",
        "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
        "{% call x() %}{% endcall %}",
        "{% do obj.deleteEverything() %}",
        "{% print obj.getClass() %}",
        "{% set x = obj.deleteEverything() %}{{ x }}",
        "{{ ____int3rpr3t3r____|string }}",
    })
    void cannotIncludeImportOrDefineMacros(String template) {
      Device.sideEffects = 0;
      refused(template, new Device());
      assertThat(Device.sideEffects).isZero();
    }

    @Test
    void valuesFromTheObjectAreNeverInterpretedAgain() {
      Map<String, String> rendered = secret("{{ obj.name }}")
          .renderedParameters(Map.of("name", "{{ obj.secret }}{% include '/etc/passwd' %}"));
      assertThat(rendered).containsEntry("key", "{{ obj.secret }}{% include '/etc/passwd' %}");
    }

    @Test
    void yamlFromTheObjectCannotInstantiateClasses() {
      String gadget = "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader "
          + "[[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]";
      refused("{{ (obj.name|fromyaml).x }}", Map.of("name", gadget));
    }
  }

  @Nested
  class ResourceExhaustion {
    @ParameterizedTest
    @ValueSource(strings = {
        "{% for i in range(100000000) %}{{ i }}{% endfor %}",
        "{% for i in range(100000000) %}{% endfor %}",
        "{% for i in range(-9223372036854775807, 9223372036854775807) %}{% endfor %}",
        "{% for i in range(9223372036854775807, -9223372036854775807, -1) %}{% endfor %}",
        "{% for i in range(0, 10, 0) %}{% endfor %}",
        "{% for i in range('many') %}{% endfor %}",
        "{% for i in range(1000) %}{% for j in range(1000) %}x{% endfor %}{% endfor %}",
        "{{ 'x' * 100000 }}",
        "{% for i in range(1000) %}{{ obj.name }}{% endfor %}",
    })
    void hugeRangesAndOutputsAreRefused(String template) {
      refused(template, Map.of("name", "x".repeat(1000)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
            + "{% endfor %}{% endfor %}{% endfor %}",
        "{% for a in obj.items %}{% for b in obj.items %}{% for c in obj.items %}"
            + "{% endfor %}{% endfor %}{% endfor %}",
        "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
            + "{% if c == -1 %}x{% endif %}{% endfor %}{% endfor %}{% endfor %}",
    })
    void loopsThatBurnCpuWithoutOutputAreBounded(String template) {
      List<Integer> items = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        items.add(i);
      }
      assertThat(refused(template, Map.of("items", items)).reason()).contains("loop");
    }

    @Test
    void deeplyNestedExpressionsAreRefused() {
      refused("{{ " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + " }}", Map.of());
    }

    @Test
    void deeplyNestedTagsAreRefused() {
      refused("{% if true %}".repeat(20_000) + "x" + "{% endif %}".repeat(20_000), Map.of());
    }

    @Test
    void deeplyNestedFiltersAreRefused() {
      refused("{{ obj.name" + "|upper".repeat(50_000) + " }}x{{ obj.nope }}", Map.of("name", "a"));
    }

    @Test
    void backtrackingRegexOnUserDataFinishes() {
      // java.util.regex memoizes these classic catastrophic patterns; the class timeout bounds it.
      String name = "a".repeat(64) + "!";
      for (String regex : List.of("(a+)+$", "^(a|a)+$", "^(a|aa)+$")) {
        assertThat(secret("{{ obj.name|regex_replace('" + regex + "', '') }}")
            .renderedParameters(Map.of("name", name))).containsEntry("key", name);
      }
    }
  }

  @Nested
  class HostileObjects {
    @Test
    void cyclesAreFollowedLazilyAndNeverListed() {
      Map<String, Object> node = new HashMap<>();
      node.put("self", node);
      node.put("name", "n");
      assertThat(secret("{{ obj.self.self.self.self.name }}").renderedParameters(node))
          .containsEntry("key", "n");
      refused("{{ obj.self|tojson }}", node);
      refused("{{ obj.self }}", node);
    }

    @Test
    void listContainingItselfCannotBeSerialized() {
      List<Object> list = new ArrayList<>();
      list.add(list);
      list.add("x");
      refused("{{ obj.list|tojson }}", Map.of("list", list));
      refused("{{ obj.list|string }}", Map.of("list", list));
      refused("{{ obj.list|join(',') }}", Map.of("list", list));
      refused("{{ obj.list|sort }}", Map.of("list", list));
      refused("{{ obj.list|unique }}", Map.of("list", list));
      refused("{{ obj.list|pprint }}", Map.of("list", list));
    }

    @Test
    void collectionsWithNullElements() {
      Set<Object> withNull = new HashSet<>(Arrays.asList("a", null));
      refused("{{ obj[0] }}{{ obj[1] }}", withNull);
      refused("{{ obj.tags[0] }}{{ obj.tags[1] }}", Map.of("tags", withNull));
      refused("{{ obj[1] }}", Arrays.asList("a", null));
    }

    @Test
    void mapsWithKeysOfAnotherTypeDoNotBreakLookups() {
      Map<Integer, String> sorted = new TreeMap<>(Map.of(1, "one"));
      refused("{{ obj.name }}", sorted);
      refused("{{ obj.inner.name }}", Map.of("inner", sorted));
    }

    @Test
    void gettersThatThrowAreParameterErrors() {
      Object thrower = new Object() {
        @SuppressWarnings("unused")
        public String getName() {
          throw new IllegalStateException("hunter2");
        }
      };
      SecretParametersError error = refused("{{ obj.name }}", thrower);
      assertThat(error.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void gettersThatOverflowTheStackAreParameterErrors() {
      refused("{{ obj.name }}", new Recursive());
    }

    @Test
    void hostileCharSequencesAndCollections() {
      CharSequence exploding = new CharSequence() {
        @Override
        public int length() {
          throw new IllegalStateException();
        }

        @Override
        public char charAt(int index) {
          throw new IllegalStateException();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
          throw new IllegalStateException();
        }

        @Override
        public String toString() {
          throw new IllegalStateException("hunter2");
        }
      };
      refused("{{ obj }}", exploding);
      refused("{{ obj.name }}", Map.of("name", exploding));
      Set<Object> explodingSet = new HashSet<>() {
        @Override
        public java.util.Iterator<Object> iterator() {
          throw new IllegalStateException("hunter2");
        }
      };
      refused("{{ obj[0] }}", explodingSet);
      refused("{{ obj.tags[0] }}", Map.of("tags", explodingSet));
      Map<String, Object> explodingMap = new HashMap<>() {
        @Override
        public boolean containsKey(Object key) {
          throw new IllegalStateException("hunter2");
        }
      };
      refused("{{ obj.name }}", explodingMap);
    }

    @Test
    void hugeAndDeepObjectsAreReadLazily() {
      Map<String, Object> deep = new HashMap<>();
      Map<String, Object> cursor = deep;
      for (int i = 0; i < 100_000; i++) {
        Map<String, Object> next = new HashMap<>();
        cursor.put("next", next);
        cursor = next;
      }
      cursor.put("name", "bottom");
      refused("{{ obj.next.next.nope }}", deep);
      refused("{{ obj.next.next.next.next }}", deep);
      assertThat(secret("{{ obj.next.next.next.next.next is defined }}").renderedParameters(deep))
          .containsEntry("key", "true");
    }
  }

  @Nested
  class SandboxAllowList {
    @ParameterizedTest
    @ValueSource(strings = {
        "{% macro a() %}{{ b() }}{{ b() }}{% endmacro %}{% macro b() %}x{% endmacro %}{{ a() }}",
        "{% call x() %}{% endcall %}",
        "{% do obj.name %}",
        "{% print obj.name %}",
        "{% block b %}{{ obj.name }}{% endblock %}",
        "{% set x = obj.name %}{{ x }}",
        "{% raw %}x{% endraw %}",
        "{% filter upper %}x{% endfilter %}",
        "{{ type(obj.name) }}",
        "{{ unixtimestamp() }}",
        "{% if true %}{{ super() }}{% endif %}",
        "{{ obj.name|render }}",
        "{{ obj.name|tojson }}",
        "{{ obj.name|format(1) }}",
        "{{ obj.name|center(10) }}",
        "{{ obj.name is sameas obj.name }}",
        "{{ filter:render.filter(obj.name, 1) }}",
    })
    void everythingOutsideTheAllowListIsRefusedAtBuildNamingTheConstruct(String template) {
      assertThatThrownBy(() -> secret(template))
          .isInstanceOf(SecretParametersError.class)
          .hasMessageContaining("is not allowed in a parameter template");
      assertThat(provider.calls).hasValue(0);
    }

    @Test
    void workWithoutOutputIsBoundedByTheStepBudget() {
      String wide = "{% for i in range(1000) %}{% for j in range(10) %}"
          + "{% if obj.a %}{% endif %}".repeat(20) + "{% endfor %}{% endfor %}";
      assertThat(refused(wide, Map.of("a", "")).reason()).contains("steps");
    }
  }

  @Nested
  class OtherSecretsInObj {
    @Test
    void secrets4jObjectsCannotBeReadFromATemplate() {
      Secret enable = secrets.secret("Enable").provider("recording").parameter("key", "enable").build();
      SecretsGroup group = secrets.group("G")
          .secret(AccessType.GENERIC, SecretType.PASSWORD, enable).build();
      Device.sideEffects = 0;
      for (Object holder : List.<Object>of(Map.of("enablePassword", enable),
          Map.of("enablePassword", java.util.Optional.of(enable)),
          Map.of("enablePassword", group),
          Map.of("enablePassword", secrets),
          Map.of("enablePassword", provider),
          Map.of("enablePassword", new SecretValueNotFoundError("S", "p", "r")))) {
        for (String template : List.of("{{ obj.enablePassword.value }}",
            "{{ obj.enablePassword[0].value }}", "{{ obj.enablePassword.name }}",
            "{{ obj.enablePassword }}", "{{ obj.enablePassword|string }}")) {
          assertThat(refused(template, holder).reason()).as(template)
              .containsAnyOf("obj.enablePassword is a secrets4j", "obj.enablePassword[0] is a secrets4j");
        }
      }
      for (String template : List.of("{{ obj.enablePassword[0].value }}",
          "{{ obj.enablePassword[0] }}", "{{ obj.enablePassword|first }}")) {
        assertThat(refused(template, Map.of("enablePassword", List.of(enable))).reason())
            .as(template).contains("obj.enablePassword[0] is a secrets4j Secret");
      }
      refused("{{ obj.name }}", enable);
      assertThat(provider.calls).as("a secret was resolved through a template").hasValue(0);
    }

    @Test
    void computedKeysCannotReachTheEnginesOwnObjects() {
      for (String key : List.of("____int3rpr3t3r____", "filter:render", "exptest:defined")) {
        Map<String, Object> obj = Map.of("lookup", Map.of("a", "b"), "site", key);
        assertThat(refused("{{ obj.lookup[obj.site] }}", obj).reason())
            .contains("is reserved by the template engine");
      }
    }
  }

  @Nested
  class AllocationBombs {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void filtersThatAllocateBeyondTheOutputBoundAreRefusedInA64MiBHeap() throws Exception {
      String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process process = new ProcessBuilder(List.of(launcher, "-Xmx64m", "-cp",
          System.getProperty("java.class.path"), AllocationBombMain.class.getName()))
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(output).isZero();
      for (String bomb : AllocationBombMain.BOMBS) {
        assertThat(output).contains("refused: " + bomb);
      }
    }
  }

  @Nested
  class MessageInjection {
    @Test
    void controlCharactersAndHugeKeysFromObjAreEscapedAndBoundedInErrors() {
      String key = "x\r\n[ERROR] forged\u202e" + "k".repeat(1_000_000);
      for (String template : List.of("{{ obj.map[obj.key] }}", "{{ obj.key|int|center }}",
          "{{ obj.map[obj.key].x }}", "{{ obj.key.x.y }}")) {
        SecretParametersError error = refused(template, Map.of("map", Map.of(), "key", key));
        assertThat(error.getMessage()).as(template).hasSizeLessThan(600)
            .doesNotContain("\n").doesNotContain("\r").doesNotContain("\u202e");
      }
    }
  }

  /** Its getter calls itself until the stack overflows. */
  public static final class Recursive {
    public String getName() {
      return getName();
    }
  }

  @Nested
  class DefinitionBoundaries {
    @SuppressWarnings({"unchecked", "rawtypes"})
    @Test
    void nonStringParameterValuesThroughRawTypesFailAtTheBuilderBeforeAnyProvider() {
      Map raw = new LinkedHashMap();
      raw.put("key", Map.of("nested", "object"));
      assertThatThrownBy(() -> secrets.secret("Raw").provider("recording").parameters(raw).build())
          .isInstanceOf(RuntimeException.class);
      assertThat(provider.calls).hasValue(0);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Test
    void nonStringParameterValuesThroughRawTypesAreIllegalArgumentsNamingTheParameter() {
      Map raw = new LinkedHashMap();
      raw.put("key", Map.of("nested", "object"));
      assertThatThrownBy(() -> secrets.secret("Raw").provider("recording").parameters(raw))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("\"key\"");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Test
    void nonStringSettingValuesThroughRawTypesAreIllegalArgumentsWithoutTheValue() {
      Map raw = new LinkedHashMap();
      raw.put("secrets4j.hashicorp-vault.token", 4242);
      assertThatThrownBy(() -> Secrets.builder().settings(raw))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("secrets4j.hashicorp-vault.token")
          .hasMessageNotContaining("4242");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Test
    void nonStringEnvironmentValuesThroughRawTypesAreRefusedAtTheBuilder() {
      Map raw = new HashMap();
      raw.put("SECRETS4J_X", 4242);
      assertThatThrownBy(() -> Secrets.builder().environment(raw).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("SECRETS4J_X")
          .hasMessageNotContaining("4242");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bad Slug", "UPPER", "-leading", "../x", "a/b", "a\u0000b", "\u00e9", "",
        "a\nb", "a.b"})
    void invalidSlugsAreRefused(String slug) {
      assertThatThrownBy(() -> secrets.secret("S").slug(slug))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> secrets.group("G").slug(slug))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void blankNamesAreRefused(String name) {
      assertThatThrownBy(() -> secrets.secret(name)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> secrets.group(name)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> secrets.secret("S").provider(name))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> secrets.secret("S").parameter(name, "v"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Secrets.builder().setting(name, "v"))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesWithoutASlugNeedOne() {
      assertThatThrownBy(() -> secrets.secret("!!!").provider("recording").build())
          .isInstanceOf(IllegalStateException.class);
      assertThat(secrets.secret("!!!").slug("bang").provider("recording").build().slug())
          .isEqualTo("bang");
    }

    @Test
    void veryLongNamesAreKeptAsData() {
      String name = "n".repeat(1_000_000);
      Secret secret = secrets.secret(name).provider("recording").parameter("key", "k").build();
      assertThat(secret.slug()).hasSize(1_000_000);
    }

    @Test
    void hostileProviderSlugsInADefinitionAreUnknownProviders() {
      for (String slug : List.of("../../etc", "recording\n[ERROR] forged", "RECORDING", "in memory")) {
        // Refused at build(), which knows the runtime's providers; the slug is quoted escaped.
        assertThatThrownBy(() -> secrets.secret("S").provider(slug).parameter("key", "k").build())
            .isInstanceOf(SecretProviderError.class)
            .hasMessageContaining("No registered provider")
            .hasMessageNotContaining("\n");
        Secret unbound = Secret.builder("S").provider(slug).parameter("key", "k").build();
        assertThatThrownBy(() -> secrets.getValue(unbound)).isInstanceOf(SecretProviderError.class);
      }
      assertThat(provider.calls).hasValue(0);
    }
  }

  /** Exceptions that quote a value, or hostile text, as a plugin's code might throw them. */
  static List<Arguments> leakyExceptions() {
    RuntimeException cyclic = new RuntimeException("the value is hunter2");
    IllegalStateException back = new IllegalStateException("hunter2 again");
    cyclic.initCause(back);
    back.initCause(cyclic);
    RuntimeException suppressing = new RuntimeException("the value is hunter2");
    suppressing.addSuppressed(new java.io.IOException("closing hunter2 failed"));
    return List.of(
        Arguments.of("plain", new RuntimeException("the value is hunter2")),
        Arguments.of("cause chain", new IllegalStateException("bad: hunter2",
            new java.io.UncheckedIOException("hunter2", new java.io.IOException("hunter2")))),
        Arguments.of("cycle", cyclic),
        Arguments.of("suppressed", suppressing),
        Arguments.of("overridden accessors", new SneakyException()),
        Arguments.of("getCause throws", new RuntimeException("hunter2") {
          @Override
          public synchronized Throwable getCause() {
            throw new IllegalStateException("hunter2");
          }
        }));
  }

  /** An exception whose every text accessor answers with the value. */
  static final class SneakyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SneakyException() {
      super("hunter2");
    }

    @Override
    public String getLocalizedMessage() {
      return "hunter2";
    }

    @Override
    public String toString() {
      return "hunter2";
    }
  }

  /**
   * A plugin provider is code of a third party: what it throws may quote a value (a client
   * library's exception that repeats the response) or hostile text from obj. Whatever escapes
   * it reaches the caller with types and stack traces, no foreign message, and printable text.
   */
  @Nested
  class HostileProviders {
    private void assertNoValueButTypeAndStack(Throwable error, Throwable original) throws Exception {
      assertThat(error).isInstanceOf(SecretUnexpectedError.class);
      java.io.StringWriter printed = new java.io.StringWriter();
      error.printStackTrace(new java.io.PrintWriter(printed));
      assertThat(printed.toString()).doesNotContain("hunter2")
          .contains(original.getClass().getName())
          .contains("leakyExceptions");
      for (Throwable t = error; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain("hunter2");
        assertThat(t.toString()).doesNotContain("hunter2");
      }
      assertThat(error.getCause().getMessage()).isEqualTo(original.getClass().getName());
      assertThat(error.getCause().getStackTrace()).containsExactly(original.getStackTrace());
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
        out.writeObject(error);
      }
      assertThat(bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1))
          .doesNotContain("hunter2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.secrets4j.HostileInputTest#leakyExceptions")
    void exceptionsEscapingGetValueKeepTheirTypeAndStackButNoMessage(String shape,
        RuntimeException thrown) throws Exception {
      TestProviders.Scripted leaky = new TestProviders.Scripted("leaky", request -> {
        throw thrown;
      });
      try (Secrets own = Secrets.builder().discoverProviders(false).provider(leaky).build()) {
        Throwable error = catchAny(() -> own.secret("Leaky").provider("leaky").build().getValue());
        assertNoValueButTypeAndStack(error, thrown);
      }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.secrets4j.HostileInputTest#leakyExceptions")
    void exceptionsEscapingAuthorizeKeepTheirTypeAndStackButNoMessage(String shape,
        RuntimeException thrown) throws Exception {
      TestProviders.Scripted leaky = new TestProviders.Scripted("leaky", request -> "value") {
        @Override
        public void authorize(io.github.secrets4j.spi.SecretRequest request) {
          throw thrown;
        }
      };
      try (Secrets own = Secrets.builder().discoverProviders(false).provider(leaky).build()) {
        Throwable error = catchAny(() -> own.secret("Leaky").provider("leaky").build().getValue());
        assertNoValueButTypeAndStack(error, thrown);
        assertThat(leaky.calls).hasValue(0);
      }
    }

    @Test
    void aFactoryWhoseCreateThrowsKeepsItsTypeAndStackButNoMessage() throws Exception {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("leaky-factory");
      java.nio.file.Path services = dir.resolve("META-INF/services/"
          + io.github.secrets4j.spi.SecretsProviderFactory.class.getName());
      java.nio.file.Files.createDirectories(services.getParent());
      java.nio.file.Files.writeString(services, TestProviders.LeakyFactory.class.getName());
      try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
          new java.net.URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
          Secrets own = Secrets.builder().classLoader(loader).build()) {
        Throwable error = catchAny(() -> own.secret("Leaky").provider("leaky-factory").build()
            .getValue());
        assertThat(error).isExactlyInstanceOf(SecretProviderError.class)
            .hasMessageEndingWith("Provider could not be created: java.lang.IllegalStateException");
        assertThat(error.getCause()).hasMessage("java.lang.IllegalStateException");
        for (Throwable t = error; t != null; t = t.getCause()) {
          assertThat(t.toString()).doesNotContain("hunter2");
        }
      }
    }

    @Test
    void reasonsOfAThirdPartyProviderAreEscapedAndBoundedInMessages() {
      String hostile = "line\n[ERROR] forged \u202etxt.exe\u0000 " + "x".repeat(1_000_000);
      TestProviders.Scripted careless = new TestProviders.Scripted("careless", request -> {
        throw request.providerError("No secret at " + hostile);
      });
      try (Secrets own = Secrets.builder().discoverProviders(false).provider(careless).build()) {
        Throwable error = catchAny(() -> own.secret("Name\u2028with\rbreaks" + "n".repeat(5_000))
            .provider("careless").build().getValue());
        assertThat(error).isExactlyInstanceOf(SecretProviderError.class);
        assertThat(error.getMessage())
            .doesNotContain("\n", "\r", "\u202e", "\u0000", "\u2028")
            .contains("line\\u000a[ERROR] forged \\u202etxt.exe\\0 xxx")
            .hasSizeLessThan(2_500);
        assertThat(((SecretError) error).reason()).doesNotContain("\n").hasSizeLessThan(2_100);
      }
    }
  }

  /**
   * Store keys, principal names and metadata from a hostile caller, against the host's store and
   * principal views of a writable provider. Every refusal is an {@link IllegalArgumentException}
   * (or {@link SecretError}) whose message is escaped, short and never holds the value.
   */
  @Nested
  class HostileStoreKeys {
    private static final String VALUE = "s3cr3t-store-value";
    private final WritableTestProvider writable =
        new WritableTestProvider("writable", java.time.InstantSource.system());
    private final Secrets runtime =
        Secrets.builder().discoverProviders(false).provider(writable).build();
    private final SecretStore host = runtime.store("writable");
    private final SecretStore alice = runtime.forPrincipal("alice").store("writable");
    private final SecretStore bob = runtime.forPrincipal("bob").store("writable");

    @AfterEach
    void closeRuntime() {
      runtime.close();
    }

    /** Runs {@code call}, which must fail with {@code type}, and checks the message is safe. */
    private Throwable refusedSafely(Runnable call, Class<? extends Throwable> type, String input) {
      Throwable thrown = catchAny(call);
      assertThat(thrown).as(Text.escape(input)).isInstanceOf(type);
      assertSafe(thrown.getMessage(), input);
      return thrown;
    }

    private void assertSafe(String message, String input) {
      assertThat(message).as(Text.escape(input)).doesNotContain(VALUE).hasSizeLessThan(2_000);
      assertThat(message.codePoints().filter(c -> Character.isISOControl(c)
          || Character.getType(c) == Character.FORMAT || c == 0x2028 || c == 0x2029))
          .as("raw control or format characters in: " + Text.escape(message)).isEmpty();
    }

    /** Every store operation on {@code key} is refused, through the host's store and a view. */
    private void everyOperationRefuses(String key) {
      for (SecretStore store : List.of(host, alice)) {
        refusedSafely(() -> store.put(key, VALUE), IllegalArgumentException.class, key);
        refusedSafely(() -> store.put(key, VALUE, SecretMetadata.builder().description("d")
            .build()), IllegalArgumentException.class, key);
        refusedSafely(() -> store.describe(key), IllegalArgumentException.class, key);
        refusedSafely(() -> store.remove(key), IllegalArgumentException.class, key);
        refusedSafely(() -> store.secret(key), IllegalArgumentException.class, key);
        refusedSafely(() -> store.grant(key, "bob"), IllegalArgumentException.class, key);
        refusedSafely(() -> store.revoke(key, "bob"), IllegalArgumentException.class, key);
      }
      refusedSafely(() -> StoredSecret.builder(key), IllegalArgumentException.class, key);
      assertThat(host.list()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb", "a\u0000b", "\u001b[31mred", "tab\tkey",
        "nel\u0085", "del\u007f", "k\u000b", "k\n2024-01-01 INFO forged log line"})
    void controlCharactersInKeysAreRefusedEscapedWithoutTheValue(String key) {
      everyOperationRefuses(key);
      Throwable thrown = catchAny(() -> host.put(key, VALUE));
      assertThat(thrown.getMessage()).contains("control character");
    }

    @Test
    void overlongKeysAreRefusedWithAShortMessage() {
      for (String key : List.of("x".repeat(513), "x".repeat(1 << 20), "\u202e".repeat(1 << 20))) {
        everyOperationRefuses(key);
        assertThat(catchAny(() -> host.put(key, VALUE)).getMessage())
            .isEqualTo("key is " + key.length() + " chars long; at most 512 are allowed");
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{{ obj.x }}", "{{", "a{{b", "{% if true %}x{% endif %}", "{%",
        "{# comment #}", "{{ ''.getClass() }}", "x{{\u202e"})
    void templateOpenersInKeysAreRefused(String key) {
      everyOperationRefuses(key);
      assertThat(catchAny(() -> host.put(key, VALUE)).getMessage())
          .contains("must not contain {{, {% or {#");
    }

    @Test
    void braceTextThatOpensNoTemplateIsAKeyReadBackLiterally() {
      for (String key : List.of("}}", "%}", "x{", "{ {x} }", "#}", "{x}")) {
        host.put(key, VALUE + key);
        assertThat(host.secret(key).getValue()).as(key).isEqualTo(VALUE + key);
      }
    }

    @Test
    void bidiAndInvisibleCharactersAreKeyDataAndEscapedInEveryMessage() {
      // Not control characters: accepted as part of the key, never shown raw.
      String key = "invoice\u202eexe.txt\u200b\u2066";
      alice.put(key, VALUE);
      assertThat(alice.secret(key).getValue()).isEqualTo(VALUE);
      Throwable read = refusedSafely(() -> bob.secret(key).getValue(),
          SecretAccessDeniedError.class, key);
      assertThat(read.getMessage()).contains("invoice\\u202eexe.txt\\u200b\\u2066");
      refusedSafely(() -> bob.put(key, VALUE), SecretAccessDeniedError.class, key);
      assertThat(alice.describe(key).orElseThrow().toString())
          .isEqualTo("StoredSecret{key=\"invoice\\u202eexe.txt\\u200b\\u2066\", version=1}");
      assertThat(alice.toString()).isEqualTo("SecretStore{provider=writable, principal=\"alice\"}");
    }

    @Test
    void keysDifferingOnlyByNormalisationOrCaseAreDifferentKeys() {
      // The api compares keys as Java strings: no Unicode normalisation, no case folding. Whether
      // two such keys are one entry is the backend's rule; in this provider they are two.
      List<List<String>> pairs = List.of(
          List.of("caf\u00e9", "cafe\u0301"), // NFC and NFD
          List.of("Key", "key"),
          List.of("\ufb01le", "file"), // ligature (NFKC folds it)
          List.of("\uff4b\uff45\uff59", "key"), // fullwidth
          List.of("K", "\u212a")); // Kelvin sign
      for (List<String> pair : pairs) {
        String first = pair.get(0);
        String second = pair.get(1);
        alice.put(first, "alice's");
        bob.put(second, "bob's");
        assertThat(alice.secret(first).getValue()).isEqualTo("alice's");
        assertThat(bob.secret(second).getValue()).isEqualTo("bob's");
        // The lookalike key grants nothing on the other one.
        assertThatThrownBy(() -> bob.secret(first).getValue())
            .isInstanceOf(SecretAccessDeniedError.class);
        assertThatThrownBy(() -> alice.secret(second).getValue())
            .isInstanceOf(SecretAccessDeniedError.class);
        host.remove(first);
        host.remove(second);
      }
      // Principal names are compared the same way: "Alice" is not "alice".
      alice.put("owned", VALUE);
      assertThatThrownBy(() -> runtime.forPrincipal("Alice").store("writable").secret("owned")
          .getValue()).isInstanceOf(SecretAccessDeniedError.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "\u3000", "a\nb", "a\u0000b", "\u001b[2Jroot",
        "admin\r\n", "x\u0085"})
    void principalNamesWithControlCharactersOrBlankAreRefused(String principal) {
      refusedSafely(() -> runtime.forPrincipal(principal), IllegalArgumentException.class,
          principal);
      host.put("k", VALUE);
      refusedSafely(() -> host.grant("k", principal), IllegalArgumentException.class, principal);
      refusedSafely(() -> host.revoke("k", principal), IllegalArgumentException.class, principal);
      refusedSafely(() -> alice.grant("k", principal), IllegalArgumentException.class, principal);
      refusedSafely(() -> StoredSecret.builder("k").owner(principal),
          IllegalArgumentException.class, principal);
      refusedSafely(() -> StoredSecret.builder("k").grants(Set.of(principal)),
          IllegalArgumentException.class, principal);
      assertThat(host.describe("k").orElseThrow().grants()).isEmpty();
    }

    @Test
    void hugePrincipalNamesAreRefusedWithAShortMessage() {
      for (String principal : List.of("p".repeat(257), "p".repeat(1 << 20))) {
        Throwable thrown = refusedSafely(() -> runtime.forPrincipal(principal),
            IllegalArgumentException.class, principal);
        assertThat(thrown.getMessage()).isEqualTo("principal is " + principal.length()
            + " chars long; at most 256 are allowed");
        host.put("k", VALUE);
        refusedSafely(() -> host.grant("k", principal), IllegalArgumentException.class,
            principal);
      }
      assertThat(runtime.forPrincipal("p".repeat(256)).store("writable").list()).isEmpty();
    }

    @Test
    void metadataWithControlCharactersOrHugeSizesIsRefusedEscaped() {
      String huge = "m".repeat(1 << 20);
      List<Runnable> attacks = List.of(
          () -> SecretMetadata.builder().description("line\nforged"),
          () -> SecretMetadata.builder().description("\u001b[31m"),
          () -> SecretMetadata.builder().description("a\u0000"),
          () -> SecretMetadata.builder().description(huge),
          () -> SecretMetadata.builder().description("d".repeat(1_001)),
          () -> SecretMetadata.builder().kind("a\nb"),
          () -> SecretMetadata.builder().kind(huge),
          () -> SecretMetadata.builder().kind("{{ x }}"),
          () -> SecretMetadata.builder().label("a\nb", "v"),
          () -> SecretMetadata.builder().label(huge, "v"),
          () -> SecretMetadata.builder().label("n", "v\r\nforged"),
          () -> SecretMetadata.builder().label("n", "\u0000"),
          () -> SecretMetadata.builder().label("n", huge),
          () -> SecretMetadata.builder().label("n\u202e", "\u0007".repeat(1 << 20)),
          () -> SecretMetadata.builder().labels(Map.of("x\ny", "v")));
      for (Runnable attack : attacks) {
        Throwable thrown = catchAny(attack);
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
        assertSafe(thrown.getMessage(), "metadata");
        assertThat(thrown.getMessage()).doesNotContain("m".repeat(300));
      }
      // Bidi in a description or label is data, shown escaped.
      host.put("k", VALUE, SecretMetadata.builder().description("\u202edesc")
          .label("l\u202e", "v\u2066").build());
      assertThat(host.describe("k").orElseThrow().metadata().description()).contains("\u202edesc");
    }

    @Test
    void aPrincipalViewCannotTellAnAbsentKeyFromAForbiddenOne() {
      List<String> absent = observe(bob, "k");
      alice.put("k", VALUE); // owned by alice
      assertThat(observe(bob, "k")).isEqualTo(absent);
      host.remove("k");
      host.put("k", VALUE); // no owner
      assertThat(observe(bob, "k")).isEqualTo(absent);
    }

    /** What a principal view learns about {@code key} without writing it. */
    private List<String> observe(SecretStore store, String key) {
      List<String> seen = new ArrayList<>();
      seen.add(describe(catchAny(() -> store.secret(key).getValue())));
      seen.add(describe(catchAny(() -> runtime.forPrincipal("bob").getValue(host.secret(key)))));
      seen.add(String.valueOf(store.describe(key)));
      seen.add(String.valueOf(store.list()));
      seen.add(String.valueOf(store.remove(key)));
      seen.add(describe(catchAny(() -> store.grant(key, "bob"))));
      seen.add(describe(catchAny(() -> store.revoke(key, "bob"))));
      return seen;
    }

    private String describe(Throwable thrown) {
      assertThat(thrown).isNotNull();
      assertSafe(thrown.getMessage(), "observe");
      return thrown.getClass().getName() + ": " + thrown.getMessage();
    }
  }
}
