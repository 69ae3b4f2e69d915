package io.github.secrets4j.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The fast path renders exactly what the engine renders, or declines. */
class FastTemplateTest {
  enum Role { EDGE, CORE }

  record Site(String slug, Optional<String> region) {}

  record Device(String name, Site site, Role role, int rack, List<String> tags, Object nothing) {}

  private static final List<String> TEMPLATES = List.of(
      "/opt/{{ obj.site.slug }}/{{ obj.name }}.txt",
      "GIT_TOKEN_{{ obj.slug | replace('-', '_') | upper }}",
      "{{obj.name}}",
      "{{ obj.name|lower }}-{{ obj.name | trim | upper }}",
      "{{ obj.name | replace(\"c\", \"C\") }}",
      "{{ obj.name | replace('', 'x') }}",
      "{{ obj.role }}/{{ obj.site.region }}",
      "{{ obj.rack }}",
      "{{ obj.tags }}",
      "{{ obj.nothing }}",
      "{{ obj.site }}",
      "{{ obj.missing }}",
      "{{ obj.name.length }}",
      "{{ obj }}",
      "{{ obj.slug | upper | replace('O', '0') }}",
      "a}b{{ obj.name }}",
      "{{ obj.id }}",
      "{{ obj.class }}",
      "{{ obj.empty }}",
      "{{ obj.name | title }}",
      "{{ obj['name'] }}",
      "{{- obj.name }}",
      "x {{ obj.name }} y\n");

  private static List<Object> objects() {
    List<Object> objects = new ArrayList<>();
    Device csr1 = new Device("csr1", new Site("nyc", Optional.of("us-east")), Role.EDGE, 7,
        List.of("a", "b"), null);
    objects.add(csr1);
    objects.add(new Device(" Spaced Name ", new Site("sfo", Optional.empty()), Role.CORE, 0, List.of(), null));
    objects.add(Map.of("slug", "golden-config", "name", "ıstanbul-ß", "id", UUID.fromString("00000000-0000-0000-0000-000000000001")));
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("name", null);
    withNull.put("slug", "{{ 7 * 7 }}");
    objects.add(withNull);
    objects.add("just a string");
    objects.add(Map.of("site", Map.of("slug", "lon"), "name", "r1", "rack", 3.5));
    return objects;
  }

  @Test
  void rendersExactlyWhatTheEngineRendersOrDeclines() {
    int fastRenders = 0;
    for (String template : TEMPLATES) {
      FastTemplate fast = FastTemplate.parse(template);
      for (Object obj : objects()) {
        String engine;
        try {
          engine = TemplateEngine.get().render(TemplateEngine.get().compile(template), obj);
        } catch (TemplateException e) {
          engine = null;
        }
        if (fast == null) {
          continue;
        }
        String rendered = fast.render(obj);
        if (rendered != null) {
          fastRenders++;
          if (!rendered.equals(engine)) {
            fail("template " + template + " with " + obj + ": fast path gave [" + rendered
                + "], the engine [" + engine + "]");
          }
        }
      }
    }
    assertThat(fastRenders).as("the fast path is actually taken").isGreaterThan(15);
  }

  @Test
  void theCommonShapesTakeTheFastPath() {
    Map<String, Object> device = Map.of("name", "csr1", "slug", "golden-config", "site", Map.of("slug", "nyc"));
    assertThat(FastTemplate.parse("/opt/{{ obj.site.slug }}/{{ obj.name }}.txt").render(device))
        .isEqualTo("/opt/nyc/csr1.txt");
    assertThat(FastTemplate.parse("GIT_TOKEN_{{ obj.slug | replace('-', '_') | upper }}").render(device))
        .isEqualTo("GIT_TOKEN_GOLDEN_CONFIG");
    for (String other : List.of("{% if obj %}x{% endif %}", "{{ obj.name ~ 'x' }}", "{{ obj.a[0] }}",
        "{{ obj.name | default('x') }}", "{{ obj.name(1) }}", "{{ 'literal' }}", "{{ obj.name }}\n",
        "{{ obj.name | replace('a\\'', 'b') }}", "{{ obj.and }}")) {
      assertThat(FastTemplate.parse(other)).as(other).isNull();
    }
  }

  @Test
  void declinesWhenThereIsNoObject() {
    assertThat(FastTemplate.parse("{{ obj.name }}").render(null)).isNull();
  }
}
