package io.github.secrets4j.internal.template;

import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import java.beans.FeatureDescriptor;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * The only way a template reaches values: read an entry of a map (our {@link ObjectView}s) or an
 * element of a list. Method calls are refused, except the engine's own filter and test objects
 * (that is how {@code |upper} or {@code is defined} are evaluated); nothing can be written.
 */
final class SandboxElResolver extends ELResolver {
  private final ELResolver delegate = JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY;

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (base == null || base instanceof Map || base instanceof List || base.getClass().isArray()
        || base instanceof Filter || base instanceof ExpTest) {
      return delegate.getValue(context, base, property);
    }
    refuse("property \"" + Properties.printable(String.valueOf(property)) + "\" of a "
        + describe(base) + " cannot be read");
    context.setPropertyResolved(true);
    return null;
  }

  @Override
  public Object invoke(
      ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    if (base instanceof Filter || base instanceof ExpTest) {
      return delegate.invoke(context, base, method, paramTypes, params);
    }
    refuse("method calls are not allowed (\"" + Properties.printable(String.valueOf(method))
        + "\" called on " + article(describe(base)) + ")");
    context.setPropertyResolved(true);
    return null;
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    return delegate.getType(context, base, property);
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    refuse("templates cannot assign to properties");
    context.setPropertyResolved(true);
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return true;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return Collections.emptyIterator();
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return delegate.getCommonPropertyType(context, base);
  }

  private static String describe(Object base) {
    if (base == null) {
      return "null value";
    }
    if (base instanceof CharSequence) {
      return "string";
    }
    if (base instanceof Number) {
      return "number";
    }
    if (base instanceof Boolean) {
      return "boolean";
    }
    if (base instanceof Map) {
      return "object";
    }
    if (base instanceof List) {
      return "list";
    }
    return "value";
  }

  private static String article(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  private static void refuse(String what) {
    throw RenderState.refusal(what);
  }

  /** Thrown into the engine to stop evaluating a refused expression. */
  static final class SandboxViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SandboxViolation(String message) {
      super(message, null, false, false);
    }
  }
}
