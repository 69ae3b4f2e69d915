package io.github.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Applications whose templates have the common shape never load the template engine. */
class TemplateEngineLoadingTest {
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void commonTemplatesRenderWithoutLoadingTheEngine() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "-verbose:class", "-cp",
        System.getProperty("java.class.path"), NoEngineMain.class.getName()))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    assertThat(output).contains("rendered without the engine")
        .contains("io.github.secrets4j.internal.template.FastTemplate")
        .doesNotContain("com.hubspot.jinjava");
  }
}
