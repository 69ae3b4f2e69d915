package io.github.secrets4j.internal.template;

import java.lang.reflect.Array;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only, lazy view of the object given to a template as {@code obj}: a map from property
 * names to values, where a value is a scalar, another view or a {@link ListView}.
 *
 * <p>Templates never see the application's objects themselves, only these views, so the only
 * thing a template can do with an object is read a property: a map entry, a record component or
 * a JavaBean getter. No other method is reachable. The view is built lazily, one property at a
 * time, so cycles in the object graph cost nothing. An absent or null property is recorded as
 * undefined in the {@link RenderState}, which makes rendering fail (strict mode).
 */
final class ObjectView extends AbstractMap<String, Object> {
  private final Object target;
  private final RenderState state;
  private final String path;
  private final int depth;

  ObjectView(Object target, RenderState state, String path, int depth) {
    this.target = target;
    this.state = state;
    this.path = path;
    this.depth = depth;
  }

  @Override
  public Object get(Object key) {
    String name = String.valueOf(key);
    String childPath = path + "." + Properties.printable(name);
    Object value = Properties.read(target, name);
    if (value == Properties.MISSING || value == null) {
      state.undefined(childPath);
      return null;
    }
    return wrap(value, state, childPath, depth + 1);
  }

  @Override
  public boolean containsKey(Object key) {
    Object value = Properties.read(target, String.valueOf(key));
    return value != Properties.MISSING && value != null;
  }

  @Override
  public int size() {
    try {
      return Properties.count(target);
    } catch (RuntimeException | StackOverflowError e) {
      throw Properties.failure(path, e);
    }
  }

  @Override
  public boolean isEmpty() {
    return size() == 0;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    // Listing an object's properties (|tojson, |list, for-loops over obj) would walk arbitrary
    // graphs; templates name the property they need instead.
    state.wholeObject(path + " cannot be listed or rendered as a whole; name one of its properties");
    return Set.of();
  }

  @Override
  public String toString() {
    state.wholeObject(path + " is an object; name one of its properties");
    return "";
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  /** Deepest path a template may follow into the object (a self-containing list is endless). */
  static final int MAX_DEPTH = 64;

  static Object wrap(Object value, RenderState state, String path, int depth) {
    if (depth > MAX_DEPTH) {
      // Filters that walk a whole value (tojson, pprint) would otherwise recurse into a cycle
      // until the stack overflows.
      String what = path.substring(0, Math.min(path.length(), 80))
          + "... is nested deeper than " + MAX_DEPTH + " levels";
      throw RenderState.refusal(what);
    }
    try {
      return wrapUnchecked(value, state, path, depth);
    } catch (Properties.PropertyReadException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      // The application's object failed: a toString, an iterator, a size.
      throw Properties.failure(path, e);
    }
  }

  private static Object wrapUnchecked(Object value, RenderState state, String path, int depth) {
    if (value instanceof Optional) {
      Optional<?> optional = (Optional<?>) value;
      if (optional.isEmpty()) {
        state.undefined(path);
        return null;
      }
      value = optional.get();
    }
    if (Properties.isOwn(value)) {
      // A Secret, a group, a runtime, a provider, an error: reading it could resolve a value.
      throw RenderState.refusal(path + " is a secrets4j " + value.getClass().getSimpleName()
          + " and cannot be read from a template");
    }
    if (Properties.isScalar(value)) {
      return Properties.scalar(value);
    }
    if (value instanceof List) {
      return new ListView((List<?>) value, state, path, depth);
    }
    if (value instanceof Collection) {
      // A copy that keeps null elements (List.copyOf throws on them): they read as undefined.
      return new ListView(
          Collections.unmodifiableList(new ArrayList<>((Collection<?>) value)), state, path, depth);
    }
    if (value.getClass().isArray()) {
      return new ListView(new ArrayView(value), state, path, depth);
    }
    return new ObjectView(value, state, path, depth);
  }

  /** A lazy, read-only view of a list, an array or a collection. */
  static final class ListView extends AbstractList<Object> {
    private final List<?> target;
    private final RenderState state;
    private final String path;
    private final int depth;

    ListView(List<?> target, RenderState state, String path, int depth) {
      this.target = target;
      this.state = state;
      this.path = path;
      this.depth = depth;
    }

    @Override
    public Object get(int index) {
      String childPath = path + "[" + index + "]";
      Object value;
      try {
        if (index < 0 || index >= target.size()) {
          state.undefined(childPath);
          return null;
        }
        value = target.get(index);
      } catch (RuntimeException | StackOverflowError e) {
        throw Properties.failure(childPath, e);
      }
      if (value == null) {
        state.undefined(childPath);
        return null;
      }
      return wrap(value, state, childPath, depth + 1);
    }

    @Override
    public int size() {
      try {
        return target.size();
      } catch (RuntimeException | StackOverflowError e) {
        throw Properties.failure(path, e);
      }
    }

    @Override
    public String toString() {
      state.wholeObject(path + " is a list; name one of its elements");
      return "";
    }
  }

  /** A list over any array, primitive or not. */
  private static final class ArrayView extends AbstractList<Object> {
    private final Object array;

    ArrayView(Object array) {
      this.array = array;
    }

    @Override
    public Object get(int index) {
      return Array.get(array, index);
    }

    @Override
    public int size() {
      return Array.getLength(array);
    }
  }

  static Map<String, Object> root(Object obj, RenderState state) {
    Object wrapped = wrap(obj, state, "obj", 0);
    return wrapped == null ? Map.of() : Map.of("obj", wrapped);
  }
}
