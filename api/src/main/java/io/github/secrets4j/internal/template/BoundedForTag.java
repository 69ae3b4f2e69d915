package io.github.secrets4j.internal.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.tree.TagNode;
import java.util.AbstractCollection;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * The engine's {@code for} tag with a budget: every iteration of every loop in one render counts
 * against {@link TemplateEngine#MAX_LOOP_ITERATIONS}. Nested loops over short sequences can
 * otherwise burn CPU for minutes without producing a byte of output, which the output limit never
 * sees.
 */
final class BoundedForTag extends ForTag {
  private static final long serialVersionUID = 1L;

  @Override
  public String renderForCollection(
      TagNode tagNode, JinjavaInterpreter interpreter, List<String> loopVars, Object collection) {
    return super.renderForCollection(tagNode, interpreter, loopVars, counted(collection));
  }

  private static Object counted(Object collection) {
    if (collection instanceof Collection) {
      return new Counted((Collection<?>) collection);
    }
    if (collection instanceof Object[]) {
      return new Counted(Arrays.asList((Object[]) collection));
    }
    // Maps are iterated through their values (a Collection); single values loop once.
    return collection;
  }

  /** A collection whose iterator spends the render's loop budget. */
  private static final class Counted extends AbstractCollection<Object> {
    private final Collection<?> target;

    Counted(Collection<?> target) {
      this.target = target;
    }

    @Override
    public int size() {
      return target.size();
    }

    @Override
    public Iterator<Object> iterator() {
      Iterator<?> iterator = target.iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          // Once the sandbox refused something the render has failed: stop working.
          RenderState state = RenderState.current();
          return (state == null || !state.hasRefused()) && iterator.hasNext();
        }

        @Override
        public Object next() {
          RenderState state = RenderState.current();
          if (state != null && !state.spendIteration()) {
            String what = "loops ran more than " + TemplateEngine.MAX_LOOP_ITERATIONS
                + " iterations in one render";
            state.refused(what);
            throw new SandboxElResolver.SandboxViolation(what);
          }
          return iterator.next();
        }
      };
    }
  }
}
