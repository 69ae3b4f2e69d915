package io.github.secrets4j;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.secrets4j.spi.SecretsProviderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Which providers a runtime discovers must not depend on the thread that builds it: a tenant's
 * jar on a class loader of its own, set as the context class loader of the first thread that
 * touches {@link Secrets#defaults()}, must not become a provider of the whole JVM.
 */
class DiscoveryClassLoaderTest {
  @TempDir Path dir;

  /** A jar as a tenant would bring it: TenantProviderFactory's class and its services entry. */
  private URL tenantJar() throws IOException {
    Path jar = dir.resolve("tenant.jar");
    String classFile = TenantProviderFactory.class.getName().replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        InputStream bytes =
            TenantProviderFactory.class.getClassLoader().getResourceAsStream(classFile)) {
      out.putNextEntry(new JarEntry("META-INF/services/" + SecretsProviderFactory.class.getName()));
      out.write((TenantProviderFactory.class.getName() + "\n").getBytes(UTF_8));
      out.closeEntry();
      out.putNextEntry(new JarEntry(classFile));
      bytes.transferTo(out);
      out.closeEntry();
    }
    return jar.toUri().toURL();
  }

  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }

  @Test
  @SuppressWarnings("unchecked") // the slugs come back through another copy of the api as Object
  void theSharedRuntimeIgnoresTheContextClassLoaderOfTheFirstThreadThatTouchesIt()
      throws Exception {
    // A fresh copy of the api (its own Secrets.defaults(), untouched by other tests), and a
    // tenant's loader below it that holds a provider factory.
    URL[] api = {location(Secrets.class), location(Caffeine.class), location(LoggerFactory.class)};
    try (URLClassLoader isolatedApi = new URLClassLoader(api, ClassLoader.getPlatformClassLoader());
        URLClassLoader tenant = new URLClassLoader(new URL[] {tenantJar()}, isolatedApi)) {
      Class<?> secrets = isolatedApi.loadClass(Secrets.class.getName());
      assertThat(slugsOfABuilderRuntime(secrets, tenant))
          .as("the tenant's factory can be found, through its own loader")
          .contains(TenantProviderFactory.SLUG);

      AtomicReference<Object> slugs = new AtomicReference<>();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread first = new Thread(() -> {
        try {
          Object defaults = secrets.getMethod("defaults").invoke(null);
          slugs.set(secrets.getMethod("providerSlugs").invoke(defaults));
        } catch (ReflectiveOperationException | RuntimeException e) {
          failure.set(e);
        }
      });
      first.setContextClassLoader(tenant);
      first.start();
      first.join();
      assertThat(failure.get()).isNull();
      assertThat((Set<Object>) slugs.get()).as("providers of the shared runtime")
          .doesNotContain(TenantProviderFactory.SLUG);
    }
  }

  private static Set<Object> slugsOfABuilderRuntime(Class<?> secrets, ClassLoader loader)
      throws ReflectiveOperationException {
    Object builder = secrets.getMethod("builder").invoke(null);
    builder.getClass().getMethod("classLoader", ClassLoader.class).invoke(builder, loader);
    try (AutoCloseable runtime = (AutoCloseable) builder.getClass().getMethod("build").invoke(builder)) {
      @SuppressWarnings("unchecked")
      Set<Object> slugs = (Set<Object>) secrets.getMethod("providerSlugs").invoke(runtime);
      return slugs;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aRuntimeOfYourOwnIgnoresTheContextClassLoaderUnlessItIsGivenTheLoader() throws Exception {
    try (URLClassLoader tenant =
        new URLClassLoader(new URL[] {tenantJar()}, getClass().getClassLoader())) {
      Thread thread = Thread.currentThread();
      ClassLoader before = thread.getContextClassLoader();
      thread.setContextClassLoader(tenant);
      try (Secrets secrets = Secrets.builder().build()) {
        assertThat(secrets.providerSlugs()).contains("discovered")
            .doesNotContain(TenantProviderFactory.SLUG);
      } finally {
        thread.setContextClassLoader(before);
      }
      try (Secrets explicit = Secrets.builder().classLoader(tenant).build()) {
        assertThat(explicit.providerSlugs()).contains(TenantProviderFactory.SLUG, "discovered");
      }
    }
  }
}
