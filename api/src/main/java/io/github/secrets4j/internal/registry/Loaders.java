package io.github.secrets4j.internal.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Where plugins (provider factories, kind providers) are looked for. */
final class Loaders {
  private Loaders() {}

  /**
   * In {@code classLoader} if one was given; else in secrets4j's own place, never the calling
   * thread's context class loader (whichever thread came first would decide, for the whole JVM):
   * the module layer of the api module when it is a named module (its modules and those of its
   * parent layers), and the class loader that defined the api classes with its parents (named
   * modules and {@code META-INF/services} on the class path).
   */
  static <S> List<ServiceLoader<S>> of(Class<S> service, ClassLoader classLoader) {
    if (classLoader != null) {
      return List.of(ServiceLoader.load(service, classLoader));
    }
    List<ServiceLoader<S>> loaders = new ArrayList<>(2);
    Module api = Loaders.class.getModule();
    if (api.isNamed() && api.getLayer() != null) {
      loaders.add(ServiceLoader.load(api.getLayer(), service));
    }
    ClassLoader own = Loaders.class.getClassLoader();
    loaders.add(ServiceLoader.load(service,
        own != null ? own : ClassLoader.getSystemClassLoader()));
    return loaders;
  }
}
