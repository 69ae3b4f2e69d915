package io.github.secrets4j.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateEngineTest {
  record Site(String slug) {}

  record Device(String name, Site site) {}

  public static final class Bean {
    public String getName() {
      return "csr1";
    }

    public boolean isActive() {
      return true;
    }

    public String secretMethod() {
      return "nope";
    }
  }

  private static String render(String template, Object obj) {
    TemplateEngine engine = TemplateEngine.get();
    return engine.render(engine.compile(template), obj);
  }

  @Test
  void rendersRecordsMapsAndBeans() {
    assertThat(render("/opt/{{ obj.site.slug }}/{{ obj.name }}.txt", new Device("csr1", new Site("nyc"))))
        .isEqualTo("/opt/nyc/csr1.txt");
    assertThat(render("{{ obj.site.slug }}-{{ obj.n }}", Map.of("site", Map.of("slug", "nyc"), "n", 3)))
        .isEqualTo("nyc-3");
    assertThat(render("{{ obj.name }}{{ obj.active }}", new Bean())).isEqualTo("csr1true");
    assertThat(render("GIT_TOKEN_{{ obj.slug | replace('-', '_') | upper }}", Map.of("slug", "golden-config")))
        .isEqualTo("GIT_TOKEN_GOLDEN_CONFIG");
    assertThat(render("{{ obj.tags[1] }}", Map.of("tags", List.of("a", "b")))).isEqualTo("b");
    assertThat(render("{% if obj.name is defined %}x{% endif %}", Map.of("name", "a"))).isEqualTo("x");
    assertThat(render("{% for t in obj.tags %}{{ t }}{% endfor %}", Map.of("tags", List.of("a", "b")))).isEqualTo("ab");
  }

  @Test
  void strict() {
    assertThatThrownBy(() -> render("{{ obj.nope }}", Map.of("a", "b"))).hasMessageContaining("obj.nope is undefined");
    assertThatThrownBy(() -> render("{{ obj.site.nope }}", new Device("a", new Site("s")))).hasMessageContaining("obj.site.nope is undefined");
    assertThatThrownBy(() -> render("{{ obj.name }}", null)).isInstanceOf(TemplateException.class).hasMessage("obj.name is undefined");
    assertThatThrownBy(() -> render("{{ foo }}", Map.of())).isInstanceOf(TemplateException.class).hasMessage("foo is undefined");
    Map<String, Object> nulls = new LinkedHashMap<>();
    nulls.put("x", null);
    assertThatThrownBy(() -> render("{{ obj.x }}", nulls)).hasMessageContaining("obj.x is undefined");
  }

  @Test
  void sandbox() {
    for (String t : List.of("{{ obj.getClass() }}", "{{ obj.toString() }}", "{{ obj.secretMethod() }}",
        "{{ obj.name.getClass() }}", "{{ obj.class }}", "{{ obj.name.bytes }}", "{{ obj.name.upper() }}",
        "{% include 'META-INF/MANIFEST.MF' %}", "{% import 'x' as y %}", "{% extends 'x' %}", "{% from 'x' import y %}",
        "{% for i in range(100000000) %}{{ i }}{% endfor %}", "{{ obj }}", "{{ obj|tojson }}",
        "{% for i in range(1000) %}{% for j in range(1000) %}x{% endfor %}{% endfor %}",
        "{{ obj.keys() }}", "{{ obj.items() }}")) {
      assertThatThrownBy(() -> render(t, new Bean()))
          .as(t).isInstanceOf(TemplateException.class);
    }
  }

  @Test
  void noNestedInterpretation() {
    assertThat(render("{{ obj.name }}", Map.of("name", "{{ 7*7 }}"))).isEqualTo("{{ 7*7 }}");
  }

  @Test
  void syntax() {
    assertThatThrownBy(() -> TemplateEngine.get().compile("{{ obj.name ")).isInstanceOf(TemplateException.class);
    assertThatThrownBy(() -> TemplateEngine.get().compile("{% if %}")).isInstanceOf(TemplateException.class);
  }

  @Test
  void cycles() {
    Map<String, Object> a = new java.util.HashMap<>();
    a.put("self", a);
    a.put("name", "n");
    assertThat(render("{{ obj.self.self.self.name }}", a)).isEqualTo("n");
  }
}
