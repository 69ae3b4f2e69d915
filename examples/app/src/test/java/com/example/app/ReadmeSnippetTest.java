package com.example.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README shows DevicePasswordTest as a host application's test: the same code, to the byte. */
class ReadmeSnippetTest {
  @Test
  void theReadmeShowsDevicePasswordTestAsItIs() throws Exception {
    Path base = Path.of(System.getProperty("basedir", "."));
    String readme = Files.readString(base.resolve("../../README.md"));
    String test = Files.readString(
        base.resolve("src/test/java/com/example/app/DevicePasswordTest.java"));
    assertThat(readme).contains("```java\n" + test + "```\n");
  }
}
