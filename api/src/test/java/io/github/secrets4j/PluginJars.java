package io.github.secrets4j;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a plugin jar at test time: compiles Java sources against the api's classes and packs
 * the classes with a {@code META-INF/services} entry, so that the plugin's classes exist only in
 * the jar (no copy on the test class path).
 */
final class PluginJars {
  private PluginJars() {}

  /**
   * @param dir a scratch folder
   * @param name the jar's file name
   * @param sources Java sources by fully qualified class name
   * @param services service interface name to implementation class names
   */
  static Path build(Path dir, String name, Map<String, String> sources,
      Map<String, List<String>> services) throws IOException {
    Path src = Files.createDirectories(dir.resolve(name + "-src"));
    Path classes = Files.createDirectories(dir.resolve(name + "-classes"));
    List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(),
        "-classpath", location(SecretKind.class).toString(), "--release", "17"));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      arguments.add(file.toString());
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    int result = compiler.run(null, null, null, arguments.toArray(String[]::new));
    assertThat(result).as("javac of the plugin " + errors).isZero();
    Path jar = dir.resolve(name + ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Map.Entry<String, List<String>> service : services.entrySet()) {
        out.putNextEntry(new JarEntry("META-INF/services/" + service.getKey()));
        out.write((String.join("\n", service.getValue()) + "\n").getBytes(UTF_8));
        out.closeEntry();
      }
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
      }
    }
    return jar;
  }

  static Path location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
