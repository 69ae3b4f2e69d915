package io.github.secrets4j.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Regression tests for the sandbox holes of issue 10: memory kept per resolved name, constructs
 * outside the allow-list, unbounded work, the engine's own objects reachable by a computed key,
 * allocations before the output bound, raw control characters in messages.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SandboxRegressionTest {
  private static String render(String template, Object obj) {
    TemplateEngine engine = TemplateEngine.get();
    return engine.render(engine.compile(template), obj);
  }

  /** A map that has every key: each render reads a new name. */
  private static final Map<String, Object> ANY_KEY = new AbstractMap<>() {
    @Override
    public boolean containsKey(Object key) {
      return true;
    }

    @Override
    public Object get(Object key) {
      return "v";
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return Set.of();
    }
  };

  private static long usedHeapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      Runtime runtime = Runtime.getRuntime();
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }

  @Test
  void pooledInterpretersRetainNothingPerResolvedName() throws InterruptedException {
    // Before: every name the engine resolved was kept by the pooled interpreter's root context,
    // ~10 KB per render here, about 1 GB after 100,000 renders.
    var template = TemplateEngine.get().compile("{{ obj.map[obj.site] }}");
    String filler = "k".repeat(10 * 1024);
    for (int i = 0; i < 10_000; i++) {
      TemplateEngine.get().render(template, Map.of("map", ANY_KEY, "site", i + filler));
    }
    long before = usedHeapAfterGc();
    for (int i = 10_000; i < 100_000; i++) {
      assertThat(TemplateEngine.get().render(template, Map.of("map", ANY_KEY, "site", i + filler)))
          .isEqualTo("v");
    }
    long grown = usedHeapAfterGc() - before;
    assertThat(grown).as("heap retained by 90,000 renders with distinct 10 KB keys")
        .isLessThan(32L * 1024 * 1024);
  }

  @Test
  void constructsOutsideTheAllowListAreRefusedWhenTheTemplateIsParsedNamingThem() {
    Map<String, String> refused = new java.util.LinkedHashMap<>();
    refused.put("{% macro m() %}x{% endmacro %}{{ m() }}", "{% macro %}");
    refused.put("{% macro a() %}{{ b() }}{{ b() }}{% endmacro %}{% macro b() %}x{% endmacro %}"
        + "{{ a() }}", "{% macro %}");
    refused.put("{% call m() %}x{% endcall %}", "{% call %}");
    refused.put("{% do obj.x %}", "{% do %}");
    refused.put("{% print obj.name %}", "{% print %}");
    refused.put("{% block b %}x{% endblock %}", "{% block %}");
    refused.put("{% set x = 1 %}", "{% set %}");
    refused.put("{% raw %}x{% endraw %}", "{% raw %}");
    refused.put("{% filter upper %}x{% endfilter %}", "{% filter %}");
    refused.put("{% cycle 'a', 'b' %}", "{% cycle %}");
    refused.put("{{ type(obj) }}", "type()");
    refused.put("{{ unixtimestamp() }}", "unixtimestamp()");
    refused.put("{% if true %}{{ super() }}{% endif %}", "super()");
    refused.put("{{ caller() }}", "caller()");
    refused.put("{{ namespace(a=1) }}", "namespace()");
    refused.put("{{ obj.name|render }}", "|render");
    refused.put("{{ obj.name|tojson }}", "|tojson");
    refused.put("{{ obj.name|attr('x') }}", "|attr");
    refused.put("{{ '%999999999d'|format(1) }}", "|format");
    refused.put("{{ obj.name|center(1000000000) }}", "|center");
    refused.put("{{ obj.name|indent(1000000000) }}", "|indent");
    refused.put("{{ [1]|batch(100000000) }}", "|batch");
    refused.put("{{ obj.name|fromyaml }}", "|fromyaml");
    refused.put("{{ obj.name is sameas obj.name }}", "is sameas");
    refused.put("{{ filter:render.filter(obj.name, 1) }}", "|render");
    refused.put("{% for i in obj.items|tojson %}{% endfor %}", "|tojson");
    refused.put("{% if obj.name|pprint %}{% endif %}", "|pprint");
    for (Map.Entry<String, String> attack : refused.entrySet()) {
      assertThatThrownBy(() -> TemplateEngine.get().compile(attack.getKey()))
          .as(attack.getKey())
          .isInstanceOf(TemplateException.class)
          .hasMessageContaining(attack.getValue())
          .hasMessageContaining("not allowed");
    }
    assertThatThrownBy(() -> TemplateEngine.get().compile("{{ obj.name.toString() }}"))
        .hasMessage("method calls are not allowed (\"toString\" called in a parameter template)");
  }

  @Test
  void theAllowListStillRendersWhatTheReadmeShows() {
    Map<String, Object> obj = Map.of("name", " Csr-1 ", "tags", List.of("a", "b"), "n", 4);
    assertThat(render("{{ obj.name|trim|lower|replace('-', '_')|upper }}", obj)).isEqualTo("CSR_1");
    assertThat(render("{{ obj.tags|join(',') }}/{{ obj.tags|first }}{{ obj.tags|last }}"
        + "/{{ obj.tags|length }}/{{ obj.name|default('d')|trim }}", obj)).isEqualTo("a,b/ab/2/Csr-1");
    assertThat(render("{% if obj.n is even and obj.name is defined %}{% for t in obj.tags %}"
        + "{{ t|title }}{% endfor %}{% elif obj.n > 1 %}x{% else %}y{% endif %}", obj))
        .isEqualTo("AB");
    assertThat(render("{{ obj.name|regex_replace('[^a-z]', '') }}{{ range(3)|join }}", obj))
        .isEqualTo("sr012");
    // Operators and literals (the jars excluded from the engine's dependencies are never loaded).
    assertThat(render("{{ 2 ** 10 }} {{ 7 // 2 }} {{ 7 % 4 }} {{ 1.5 * 2 }} {{ 'a' ~ obj.n }}"
        + " {{ 'b' in obj.tags }} {{ 'z' not in obj.tags }} {{ {'k': 'v'}['k'] }} {{ [1, 2][1] }}"
        + " {{ obj.tags[-1] }}{{ obj.name[1:3] }} {{ obj.n is divisibleby 2 }} {{ -obj.n if false"
        + " else obj.n - 1 }} {{ '12'|int + 1 }} {{ obj.n == 4 and not (obj.n != 4) or false }}"
        + " {{ 9999999999 * 9999999999 > 1 }} {{ 10 / 4 }}", obj))
        .isEqualTo("1024 3 3 3.0 a4 true true v 2 bCs true 3 13 true true 2.5");
  }

  @Test
  void theTotalWorkOfOneRenderIsBounded() {
    // 10,000 iterations (within the loop budget), each filtering a 16,000-character value twice.
    String burn = "{% for i in range(1000) %}{% for j in range(10) %}"
        + "{% if obj.s|upper|length > 0 %}{% endif %}{% endfor %}{% endfor %}";
    assertThatThrownBy(() -> render(burn, Map.of("s", "x".repeat(16_000))))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("rendering took more than 100000 steps");
    // Many expressions per iteration, no output.
    String wide = "{% for i in range(1000) %}{% for j in range(10) %}"
        + "{% if obj.a %}{% endif %}".repeat(20) + "{% endfor %}{% endfor %}";
    assertThatThrownBy(() -> render(wide, Map.of("a", "")))
        .hasMessageStartingWith("rendering took more than 100000 steps");
    // A regular expression from obj that backtracks: its reads of the text are counted.
    assertThatThrownBy(() -> render("{{ obj.s|regex_replace(obj.p, '') }}",
        Map.of("s", "x".repeat(40), "p", "(.*x){12}y")))
        .hasMessageStartingWith("rendering took more than 100000 steps");
  }

  @Test
  void computedKeysCannotReachTheEnginesOwnObjects() {
    for (String key : List.of("____int3rpr3t3r____", "filter:upper", "exptest:defined")) {
      Map<String, Object> obj = Map.of("lookup", Map.of("a", "b"), "site", key,
          "items", List.of(Map.of("a", "b")));
      assertThatThrownBy(() -> render("{{ obj.lookup[obj.site] }}", obj))
          .as(key)
          .isInstanceOf(TemplateException.class)
          .hasMessage("the key \"" + key + "\" is reserved by the template engine");
      assertThatThrownBy(() -> render("{{ obj.lookup[obj.site ~ ''] }}", obj)).as(key)
          .hasMessageContaining("is reserved by the template engine");
      assertThatThrownBy(() -> render("{{ obj.items|join(',', obj.site) }}", obj)).as(key)
          .hasMessageContaining("is reserved by the template engine");
    }
  }

  @Test
  void amplifyingFiltersAreRefusedBeforeTheyAllocate() {
    Map<String, Object> obj = Map.of("s", "x".repeat(16_000), "big", "a".repeat(1_000_000));
    for (String template : List.of(
        "{{ obj.s|replace('x', obj.s) }}",
        "{{ obj.s|replace('x', 'yy')|length }}",
        "{{ obj.s|regex_replace('x', '$0$0$0$0')|length }}",
        "{{ range(1000)|join(obj.s)|length }}",
        "{{ obj.big|upper|length }}")) {
      assertThatThrownBy(() -> render(template, obj))
          .as(template)
          .isInstanceOf(TemplateException.class)
          .hasMessageMatching("the result of \\|\\w+ would be longer than 16384 characters");
    }
    assertThat(render("{{ obj.s|replace('x', 'y', 3)|length }}", obj)).isEqualTo("16000");
  }

  @Test
  void textFromObjInMessagesIsEscapedAndBounded() {
    String key = "a\nFORGED\u202e" + "k".repeat(1_000_000);
    Map<String, Object> obj = Map.of("map", Map.of(), "site", key);
    assertThatThrownBy(() -> render("{{ obj.map[obj.site] }}", obj))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("obj.map.a\\u000aFORGED\\u202ekkk")
        .hasMessageEndingWith("... is undefined")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200)
            .doesNotContain("\n").doesNotContain("\u202e"));
    assertThatThrownBy(() -> render("{{ obj.name|int|center }}", Map.of("name", key)))
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400)
            .doesNotContain("\n").doesNotContain("\u202e"));
    assertThatThrownBy(() -> render("{{ obj.name.x }}", Map.of("name", Map.of(key, "v"))))
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400)
            .doesNotContain("\n").doesNotContain("\u202e"));
  }
}
