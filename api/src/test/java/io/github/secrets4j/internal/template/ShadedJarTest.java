package io.github.secrets4j.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import org.junit.jupiter.api.Test;

/**
 * An application that shades secrets4j into its own jar: its classes then come from the same
 * location as secrets4j-api's. Its objects stay readable from templates; secrets4j's own classes,
 * shaded alike, do not.
 */
class ShadedJarTest {
  /** Loads a copy of a compiled class as if it came from secrets4j-api's own jar. */
  private static final class ShadingLoader extends ClassLoader {
    ShadingLoader() {
      super(ShadedJarTest.class.getClassLoader());
    }

    Class<?> shade(Class<?> type) throws IOException {
      String resource = type.getName().replace('.', '/') + ".class";
      byte[] bytes;
      try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
        bytes = in.readAllBytes();
      }
      CodeSource api = Properties.class.getProtectionDomain().getCodeSource();
      return defineClass(type.getName(), bytes, 0, bytes.length, new ProtectionDomain(api, null));
    }
  }

  @Test
  void anApplicationsClassesShadedWithSecrets4jAreNotTakenForSecrets4js() throws Exception {
    Class<?> device = new ShadingLoader().shade(io.github.secrets4j.shadedapp.Device.class);
    assertThat(device.getProtectionDomain().getCodeSource().getLocation())
        .isEqualTo(Properties.class.getProtectionDomain().getCodeSource().getLocation());
    Object shaded = device.getConstructor().newInstance();

    assertThat(Properties.isOwn(shaded)).isFalse();
    TemplateEngine engine = TemplateEngine.get();
    assertThat(engine.render(engine.compile("x-{{ obj.name }}"), shaded)).isEqualTo("x-csr1");
  }

  @Test
  void secrets4jsOwnClassesShadedIntoOneJarAreStillRefused() throws Exception {
    Class<?> internal = new ShadingLoader().shade(ShadedInternal.class);
    Object shaded = internal.getConstructor().newInstance();

    assertThat(Properties.isOwn(shaded)).isTrue();
    TemplateEngine engine = TemplateEngine.get();
    assertThatThrownBy(() -> engine.render(engine.compile("{{ obj.value }}"), shaded))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("cannot be read from a template")
        .hasMessageNotContaining("hunter2");
  }
}
