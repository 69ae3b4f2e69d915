package io.github.secrets4j.internal.template;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads one named property of an object: a map entry, a record component or a bean getter. Each
 * class's accessors are looked up once and kept as method handles, so a read is a map lookup and
 * a handle call, not a reflective {@code Method.invoke}.
 */
final class Properties {
  /** Returned by {@link #read} when the object has no property of that name. */
  static final Object MISSING = new Object();
  /** Returned by {@link #readOfObject} for a scalar, a collection or an array. */
  static final Object NOT_AN_OBJECT = new Object();

  private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

  /**
   * What a read needs to know of a class, found once per class: one lookup on the hot path (a
   * property read used to pay two, the secrets4j check and the accessors).
   */
  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          return new Shape(type, isOwnClass(type));
        }
      };

  /**
   * Whether a class is secrets4j's: loaded from secrets4j-api (as every public and internal type
   * is), or extending or implementing one of those (every provider implements
   * {@code SecretsProvider}, every error extends {@code SecretError}). Decided by where the class
   * was loaded from, not by its package name, which an application's classes may share.
   */
  private static boolean isOwnClass(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (isSecrets4jArtifact(c)) {
        return true;
      }
      for (Class<?> i : c.getInterfaces()) {
        if (SHAPES.get(i).own) {
          return true;
        }
      }
    }
    return false;
  }

  /** One class: whether it is secrets4j's, whether it is a plain object, its accessors. */
  private static final class Shape {
    final boolean own;
    /** Not a scalar, a collection or an array: an object whose properties a path may read. */
    final boolean plainObject;
    private final Class<?> type;
    // A HashMap, never changed once computed, called as one: a monomorphic call on the hot path.
    private volatile HashMap<String, Getter> accessors;

    Shape(Class<?> type, boolean own) {
      this.type = type;
      this.own = own;
      this.plainObject = !(type == String.class || CharSequence.class.isAssignableFrom(type)
          || Number.class.isAssignableFrom(type) || type == Boolean.class
          || type == Character.class || Enum.class.isAssignableFrom(type) || type == UUID.class
          || TemporalAccessor.class.isAssignableFrom(type)
          || Collection.class.isAssignableFrom(type) || type.isArray());
    }

    /** The accessors, looked up on the first read of the class (never for a map's class). */
    HashMap<String, Getter> accessors() {
      HashMap<String, Getter> found = accessors;
      if (found == null) {
        found = accessorsOf(type);
        accessors = found;
      }
      return found;
    }
  }

  private static final String API_LOCATION = location(Properties.class);

  private static String location(Class<?> type) {
    try {
      java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
      return source == null || source.getLocation() == null ? null
          : source.getLocation().toString();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * The packages of secrets4j's published artifacts. An application that shades secrets4j into
   * its own jar shares the api's location, so the location alone would refuse every class of it;
   * a package of its own (even one under {@code io.github.secrets4j}, such as the benchmarks')
   * keeps its objects readable.
   */
  private static final String[] OWN_PACKAGES = {"io.github.secrets4j.spi",
      "io.github.secrets4j.internal", "io.github.secrets4j.env", "io.github.secrets4j.file",
      "io.github.secrets4j.vault", "io.github.secrets4j.aws", "io.github.secrets4j.testkit"};

  static boolean isSecrets4jArtifact(Class<?> type) {
    return isOwnPackage(type.getPackageName()) && API_LOCATION != null
        && API_LOCATION.equals(location(type));
  }

  private static boolean isOwnPackage(String name) {
    if (name.equals("io.github.secrets4j")) {
      return true;
    }
    for (String own : OWN_PACKAGES) {
      if (name.equals(own) || name.startsWith(own) && name.charAt(own.length()) == '.') {
        return true;
      }
    }
    return false;
  }

  /** Longest property name shown in a path, in code points. */
  private static final int MAX_NAME = 64;

  private Properties() {}

  /**
   * Returns whether {@code value} is one of secrets4j's own objects (a secret, a group, a
   * runtime, a provider, an error...), which a template may never read: its getters could
   * resolve a value. Decided from the class alone; no method of the object is called.
   */
  static boolean isOwn(Object value) {
    return SHAPES.get(value.getClass()).own;
  }

  /** A property name as shown in a path: escaped, at most 64 code points. */
  static String printable(String name) {
    if (name.length() <= MAX_NAME) {
      boolean plain = true;
      for (int i = 0; i < name.length() && plain; i++) {
        char c = name.charAt(i);
        plain = c >= 0x20 && c < 0x7f;
      }
      if (plain) {
        return name;
      }
    }
    return io.github.secrets4j.internal.Text.escape(name, MAX_NAME);
  }

  static boolean isScalar(Object value) {
    // Exact class tests first: interface tests on a hot path cost a scan of the class's
    // interfaces each time they miss.
    return value instanceof String
        || value instanceof CharSequence
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof Character
        || value instanceof Enum
        || value instanceof UUID
        || value instanceof TemporalAccessor;
  }

  /** Scalars reach the template as strings, numbers or booleans, never as the object itself. */
  static Object scalar(Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Enum) {
      return ((Enum<?>) value).name();
    }
    return value.toString();
  }

  /** Returns how many properties {@code target} has, without reading any. */
  static int count(Object target) {
    if (target instanceof Map) {
      return ((Map<?, ?>) target).size();
    }
    return SHAPES.get(target.getClass()).accessors().size();
  }

  /**
   * Reads a property of {@code target} as {@link #read} does, or returns {@link #NOT_AN_OBJECT}
   * when {@code target} is a scalar, a collection or an array (whose properties a path does not
   * read), with one lookup of what its class is.
   */
  static Object readOfObject(Object target, String name) {
    Shape shape = SHAPES.get(target.getClass());
    return shape.plainObject ? read(target, shape, name) : NOT_AN_OBJECT;
  }

  static Object read(Object target, String name) {
    return read(target, SHAPES.get(target.getClass()), name);
  }

  private static Object read(Object target, Shape shape, String name) {
    if (shape.own) {
      throw RenderState.refusal("property \"" + printable(name) + "\" of a secrets4j "
          + target.getClass().getSimpleName() + " cannot be read from a template");
    }
    try {
      return readUnchecked(target, shape, name);
    } catch (PropertyReadException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      // A hostile or broken map (a getter, containsKey, a key's toString) failed.
      throw failure("property \"" + printable(name) + "\"", e);
    }
  }

  private static Object readUnchecked(Object target, Shape shape, String name) {
    if (target instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) target;
      if (map.containsKey(name)) {
        return map.get(name);
      }
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        Object key = entry.getKey();
        // Scalar keys only: another key's toString is the application's (or secrets4j's) code.
        if (key != null && isScalar(key) && !isOwn(key) && name.equals(key.toString())) {
          return entry.getValue();
        }
      }
      return MISSING;
    }
    Getter getter = shape.accessors().get(name);
    if (getter == null) {
      return MISSING;
    }
    try {
      return getter.read(target);
    } catch (Throwable e) {
      // The application's getter threw.
      throw failure("property \"" + printable(name) + "\"", e);
    }
  }

  /**
   * Records, and returns to throw, the failure of the application's code while a template read
   * {@code what}. Only the exception's class is kept: its message, and its cause, may hold
   * anything (a connection string, a password) and must not reach a {@code SecretError}.
   */
  static PropertyReadException failure(String what, Throwable cause) {
    String reason = "reading " + what + " failed: " + cause.getClass().getName();
    RenderState state = RenderState.current();
    if (state != null) {
      state.refused(reason);
    }
    return new PropertyReadException(reason);
  }

  private static HashMap<String, Getter> accessorsOf(Class<?> type) {
    HashMap<String, Getter> accessors = new HashMap<>();
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        Getter accessor = Getter.of(component.getAccessor());
        if (accessor != null) {
          accessors.put(component.getName(), accessor);
        }
      }
      return accessors;
    }
    for (Method method : type.getMethods()) {
      if (method.getParameterCount() != 0
          || Modifier.isStatic(method.getModifiers())
          || method.getReturnType() == void.class
          || method.getDeclaringClass() == Object.class) {
        continue;
      }
      String property = beanProperty(method);
      if (property != null && !property.equals("class") && !accessors.containsKey(property)) {
        Getter accessor = Getter.of(method);
        if (accessor != null) {
          accessors.put(property, accessor);
        }
      }
    }
    return accessors;
  }

  private static String beanProperty(Method method) {
    String name = method.getName();
    if (name.startsWith("get") && name.length() > 3) {
      return decapitalize(name.substring(3));
    }
    if (name.startsWith("is")
        && name.length() > 2
        && (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class)) {
      return decapitalize(name.substring(2));
    }
    return null;
  }

  private static String decapitalize(String name) {
    // java.beans.Introspector's rule: "URL" stays "URL", "Name" becomes "name".
    if (name.length() > 1 && Character.isUpperCase(name.charAt(1))
        && Character.isUpperCase(name.charAt(0))) {
      return name;
    }
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /**
   * One getter: its method handle, found when the class is first read, and the function that
   * calls it, generated on the first read of this very property (a class with many getters does
   * not pay for the ones no template reads).
   */
  private static final class Getter {
    private final Method method;
    private final MethodHandle handle;
    private volatile Function<Object, Object> function;

    private Getter(Method method, MethodHandle handle) {
      this.method = method;
      this.handle = handle;
    }

    /** Returns the getter, or null if it cannot be reached. */
    static Getter of(Method method) {
      try {
        method.setAccessible(true);
      } catch (RuntimeException e) {
        if (!Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
          return null;
        }
        // Public method of a public class in an exported package: reachable without it.
      }
      try {
        return new Getter(method, MethodHandles.publicLookup().unreflect(method));
      } catch (IllegalAccessException e) {
        try {
          return new Getter(method, MethodHandles.lookup().unreflect(method));
        } catch (IllegalAccessException inaccessible) {
          return null;
        }
      }
    }

    Object read(Object target) {
      Function<Object, Object> call = function;
      if (call == null) {
        call = generated(method, handle);
        if (call == null) {
          call = new HandleCall(handle.asType(GETTER));
        }
        function = call;
      }
      return call.apply(target);
    }
  }

  /** Calls a getter through its method handle, where no function class can be generated. */
  private static final class HandleCall implements Function<Object, Object> {
    private final MethodHandle getter;

    HandleCall(MethodHandle getter) {
      this.getter = getter;
    }

    @Override
    public Object apply(Object target) {
      try {
        return (Object) getter.invokeExact(target);
      } catch (Throwable e) {
        // Rethrown as it is (checked ones too), so the read reports the getter's own exception.
        throw Properties.<RuntimeException>rethrow(e);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T rethrow(Throwable e) throws T {
    throw (T) e;
  }

  /**
   * A {@link Function} class generated for the getter: a direct, inlinable call. Needs a lookup
   * with full access to the getter's class (its module must be open to secrets4j, as the class
   * path is); else null, and the method handle is used.
   */
  @SuppressWarnings("unchecked")
  private static Function<Object, Object> generated(Method method, MethodHandle handle) {
    try {
      MethodHandles.Lookup lookup =
          MethodHandles.privateLookupIn(method.getDeclaringClass(), MethodHandles.lookup());
      MethodType type = handle.type();
      return (Function<Object, Object>) LambdaMetafactory.metafactory(lookup, "apply",
              MethodType.methodType(Function.class), GETTER.erase(), handle,
              type.changeReturnType(type.returnType().isPrimitive()
                  ? type.wrap().returnType() : type.returnType()))
          .getTarget().invokeExact();
    } catch (Throwable e) {
      return null;
    }
  }


  /** The application's object failed while a template read it; carries no cause on purpose. */
  static final class PropertyReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PropertyReadException(String reason) {
      super(reason, null, false, false);
    }
  }
}
