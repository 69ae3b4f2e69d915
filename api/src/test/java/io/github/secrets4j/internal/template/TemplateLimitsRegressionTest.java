package io.github.secrets4j.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Regression tests for templates that used to hang the thread, escape as an Error or silently
 * render something else than they say. The timeout only bounds a regression: it asserts nothing
 * about speed.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TemplateLimitsRegressionTest {
  private static String render(String template, Object obj) {
    TemplateEngine engine = TemplateEngine.get();
    return engine.render(engine.compile(template), obj);
  }

  @Test
  void nestedLoopsWithoutOutputStopAtTheIterationBudget() {
    List<Integer> items = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      items.add(i);
    }
    String cubic = "{% for a in obj.items %}{% for b in obj.items %}{% for c in obj.items %}"
        + "{% endfor %}{% endfor %}{% endfor %}";
    assertThatThrownBy(() -> render(cubic, Map.of("items", items)))
        .isInstanceOf(TemplateException.class)
        .hasMessage("loops ran more than 10000 iterations in one render");
    assertThatThrownBy(() -> render("{% for a in range(1000) %}{% for b in range(1000) %}"
        + "{% endfor %}{% endfor %}", null))
        .hasMessage("loops ran more than 10000 iterations in one render");
    // Loops within the budget still work, nested or not.
    assertThat(render("{% for a in range(3) %}{% for b in obj.items[:2] %}{{ a }}{{ b }},"
        + "{% endfor %}{% endfor %}", Map.of("items", items))).isEqualTo("00,01,10,11,20,21,");
  }

  @Test
  void rangeBeyondIntIsRefusedNotSilentlyTruncated() {
    assertThatThrownBy(() -> render(
        "{% for i in range(-9223372036854775807, 9223372036854775807) %}{% endfor %}", null))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("range() takes whole numbers between");
    assertThatThrownBy(() -> render("{{ range(-2147483648, 2147483647)|length }}", null))
        .hasMessageContaining("exceeds the limit of 1000");
    assertThat(render("{{ range(2147483640, 2147483647)|length }}", null)).isEqualTo("7");
    assertThat(render("{{ range(10, 0, -3)|join(',') }}", null)).isEqualTo("10,7,4,1");
  }

  @Test
  void deeplyNestedTemplatesAreSyntaxErrorsNotStackOverflowErrors() {
    for (String template : List.of(
        "{{ " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + " }}",
        "{{ " + "[".repeat(1_000) + "1" + "]".repeat(1_000) + " }}",
        "{% if true %}".repeat(2_000) + "x" + "{% endif %}".repeat(2_000),
        "{% for i in [1] %}".repeat(1_000) + "x" + "{% endfor %}".repeat(1_000))) {
      assertThatThrownBy(() -> TemplateEngine.get().compile(template))
          .isInstanceOf(TemplateException.class)
          .hasMessage("template syntax error: nested more than 64 levels deep");
    }
    assertThat(render("{% if true %}".repeat(20) + "x" + "{% endif %}".repeat(20), null))
        .isEqualTo("x");
  }

  @Test
  void stackOverflowWhileRenderingIsATemplateError() {
    assertThatThrownBy(() -> render("{{ 'a'" + "|upper".repeat(50_000) + " }}", null))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("too deeply");
    // The engine still works afterwards.
    assertThat(render("{{ obj.a }}", Map.of("a", "b"))).isEqualTo("b");
  }

  @Test
  void theEnginesOwnInterpreterIsNotReachableFromTemplates() {
    assertThatThrownBy(() -> TemplateEngine.get().compile("{{ ____int3rpr3t3r____|string }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessage("template syntax error: ____int3rpr3t3r____ is reserved");
  }

  @Test
  void malformedTagTokensAreSyntaxErrorsNotEngineExceptions() {
    // Found by RenderingFuzzTest: jinjava's tokenizer throws TemplateSyntaxException for "{%}".
    for (String template : List.of("{%}", "x{%}y", "{% for a in range(3) %}{%}{% endfor %}")) {
      assertThatThrownBy(() -> TemplateEngine.get().compile(template))
          .isInstanceOf(TemplateException.class)
          .hasMessageStartingWith("template syntax error: ");
    }
  }
}
