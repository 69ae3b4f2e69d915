package io.github.secrets4j.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Regression tests for objects that used to break rendering or leak through its errors. */
class HostileObjectRegressionTest {
  private static String render(String template, Object obj) {
    TemplateEngine engine = TemplateEngine.get();
    return engine.render(engine.compile(template), obj);
  }

  /** A getter whose exception message holds what must never reach an error. */
  public static final class LeakyGetter {
    public String getName() {
      throw new IllegalStateException("jdbc:postgresql://db?password=hunter2");
    }
  }

  @Test
  void exceptionMessagesOfTheObjectNeverReachTheTemplateError() {
    assertThatThrownBy(() -> render("{{ obj.name }}", new LeakyGetter()))
        .isInstanceOf(TemplateException.class)
        .hasMessage("reading property \"name\" failed: java.lang.IllegalStateException")
        .hasNoCause();
    Map<String, Object> leakyMap = new HashMap<>() {
      @Override
      public boolean containsKey(Object key) {
        throw new IllegalStateException("hunter2");
      }
    };
    assertThatThrownBy(() -> render("{{ obj.name }}", leakyMap))
        .hasMessage("reading property \"name\" failed: java.lang.IllegalStateException");
  }

  @Test
  void objectsWhoseToStringThrowsAreTemplateErrors() {
    CharSequence exploding = new CharSequence() {
      @Override
      public int length() {
        return 1;
      }

      @Override
      public char charAt(int index) {
        return 'x';
      }

      @Override
      public CharSequence subSequence(int start, int end) {
        return this;
      }

      @Override
      public String toString() {
        throw new IllegalStateException("hunter2");
      }
    };
    assertThatThrownBy(() -> render("{{ obj }}", exploding))
        .isInstanceOf(TemplateException.class)
        .hasMessage("reading obj failed: java.lang.IllegalStateException");
    assertThatThrownBy(() -> render("{{ obj.name }}", Map.of("name", exploding)))
        .isInstanceOf(TemplateException.class)
        .hasMessage("reading obj.name failed: java.lang.IllegalStateException");
  }

  @Test
  void collectionsWithNullElementsReadAsUndefinedNotAsNullPointerException() {
    Set<Object> withNull = new HashSet<>(Arrays.asList("a", null));
    assertThatThrownBy(() -> render("{{ obj[0] }}{{ obj[1] }}", withNull))
        .isInstanceOf(TemplateException.class)
        .hasMessageEndingWith("is undefined");
    assertThat(render("{{ obj.tags|length }}", Map.of("tags", withNull))).isEqualTo("2");
  }

  @Test
  void aListContainingItselfIsRefusedAtDepthNotByOverflowingTheStack() {
    java.util.List<Object> list = new java.util.ArrayList<>();
    list.add(list);
    // |tojson walked it until the depth limit; it is now refused by name (not on the allow-list).
    assertThatThrownBy(() -> render("{{ obj.list|tojson }}", Map.of("list", list)))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("the filter |tojson is not allowed");
    assertThatThrownBy(() -> render("{{ obj.list" + "[0]".repeat(70) + "|length }}",
        Map.of("list", list)))
        .isInstanceOf(TemplateException.class)
        .hasMessageEndingWith("is nested deeper than 64 levels");
    assertThat(render("{{ obj.list[0][0][0]|length }}", Map.of("list", list))).isEqualTo("1");
  }
}
