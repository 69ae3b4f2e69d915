package io.github.secrets4j.internal.template;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.tag.Tag;
import java.util.HashMap;
import java.util.Map;

/**
 * The root context of a pooled interpreter: it hands out only the allowed tags, filters and tests
 * ({@link AllowList}), and counts the work of a render instead of remembering it.
 *
 * <p>The engine reports every name it resolves, every expression it evaluates and every function
 * it calls to the current context, which passes it on to its parent and keeps it: on a pooled
 * interpreter the root context kept every property name ever read, computed keys from
 * {@code obj} included, for the life of the process. Here the root keeps nothing; each report
 * spends the current render's step budget instead ({@link RenderState#spend}). The scopes below
 * it live for one render only.
 */
final class SandboxContext extends Context {
  private final Map<String, Filter> filters = new HashMap<>();
  private final Tag forTag = new BoundedForTag();
  private RenderState state;

  SandboxContext() {
    for (String name : AllowList.FILTERS) {
      filters.put(name, new BoundedFilter(super.getFilter(name)));
    }
  }

  /** Starts counting the work of one render against {@code state}; {@code null} stops. */
  void attach(RenderState state) {
    this.state = state;
  }

  @Override
  public Tag getTag(String name) {
    if (!AllowList.TAGS.contains(name)) {
      throw new SandboxElResolver.SandboxViolation(
          "the {% " + io.github.secrets4j.internal.Text.escape(name, 80)
              + " %} tag is not allowed in a parameter template (see the README's template section)");
    }
    return name.equals("for") ? forTag : super.getTag(name);
  }

  @Override
  public Filter getFilter(String name) {
    Filter filter = filters.get(name);
    if (filter == null) {
      throw RenderState.refusal("the filter |" + io.github.secrets4j.internal.Text.escape(name, 80)
          + " is not allowed in a parameter template");
    }
    return filter;
  }

  @Override
  public ExpTest getExpTest(String name) {
    if (!AllowList.TESTS.contains(name)) {
      throw RenderState.refusal("the test \"is " + io.github.secrets4j.internal.Text.escape(name, 80)
          + "\" is not allowed in a parameter template");
    }
    return super.getExpTest(name);
  }

  @Override
  public void addResolvedValue(String value) {
    spend(1 + value.length() / 256);
  }

  @Override
  public void addResolvedExpression(String expression) {
    spend(1);
  }

  @Override
  public void addResolvedFunction(String function) {
    spend(1);
  }

  private void spend(int steps) {
    RenderState current = state;
    if (current != null) {
      current.spend(steps);
    }
  }
}
