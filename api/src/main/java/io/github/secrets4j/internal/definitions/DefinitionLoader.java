package io.github.secrets4j.internal.definitions;

import io.github.secrets4j.SecretDefinitions;
import io.github.secrets4j.SecretDefinitionsException;
import io.github.secrets4j.internal.registry.ProviderRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Loads definition files: reads each (at most 1 MiB), parses it (JSON when its name ends in
 * {@code .json} or its first character is <code>{</code>, else YAML), binds and checks all of them
 * together, and reports every problem of every file at once.
 */
public final class DefinitionLoader {
  private DefinitionLoader() {}

  /** One file to load: its bytes, or the problem met reading them. */
  public static final class Input {
    private final String source;
    private final Path folder;
    private final Path path;
    private final byte[] bytes;
    private final String failure;

    private Input(String source, Path folder, Path path, byte[] bytes, String failure) {
      this.source = source;
      this.folder = folder;
      this.path = path;
      this.bytes = bytes;
      this.failure = failure;
    }

    /**
     * A file read when the definitions are loaded; relative {@code fromFile} paths in it resolve
     * against its folder.
     *
     * @param path the file
     * @return the input
     */
    public static Input of(Path path) {
      Path absolute = path.toAbsolutePath();
      return new Input(path.toString(), absolute.getParent(), path, null, null);
    }

    /**
     * A stream read now, to its end or just past 1 MiB; not closed. An I/O failure or a stream
     * above 1 MiB becomes a problem reported when the definitions are loaded.
     *
     * @param in the stream
     * @param source the name problems give it
     * @return the input
     */
    public static Input read(InputStream in, String source) {
      try {
        byte[] bytes = in.readNBytes(TreeReader.MAX_BYTES + 1);
        if (bytes.length > TreeReader.MAX_BYTES) {
          return new Input(source, null, null, null, tooLarge());
        }
        return new Input(source, null, null, bytes, null);
      } catch (IOException e) {
        return new Input(source, null, null, null, "cannot be read: " + e.getClass().getName());
      }
    }
  }

  /**
   * What was loaded.
   *
   * @param definitions the definitions
   * @param readParameters for each store-managed secret (by name), the parameters its store
   *     reads its key with
   */
  public record Loaded(SecretDefinitions definitions,
      Map<String, Map<String, String>> readParameters) {}

  private static String tooLarge() {
    return "the file is larger than 1 MiB (" + TreeReader.MAX_BYTES + " bytes)";
  }

  /**
   * Loads {@code inputs}, creating the providers they name in {@code registry}.
   *
   * @param inputs the files, in order
   * @param registry the runtime's providers
   * @param kinds the names of the runtime's kinds (built-in, wired and discovered)
   * @return the definitions
   * @throws SecretDefinitionsException with every problem of every file
   */
  public static Loaded load(List<Input> inputs, ProviderRegistry registry, Set<String> kinds) {
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      order.putIfAbsent(inputs.get(i).source, i);
    }
    Problems problems = new Problems(order);
    Binder binder = new Binder(registry, kinds, problems);
    Sections sections = new Sections(binder);
    for (Input input : inputs) {
      byte[] bytes = bytes(input, problems);
      if (bytes == null) {
        continue;
      }
      Optional<Node> root = TreeReader.read(bytes, input.source, isJson(input.source, bytes),
          problems);
      if (root.isPresent()) {
        binder.document(new Scope(input.source, input.folder, problems), root.get(), sections);
      }
    }
    binder.resolveReferences();
    problems.throwIfAny();
    return new Loaded(SecretDefinitions.of(binder.documents, binder.secrets, sections.groups,
        sections.targets, sections.grants), Map.copyOf(binder.readParameters));
  }

  private static byte[] bytes(Input input, Problems problems) {
    if (input.failure != null) {
      problems.add(input.source, 1, 1, input.failure);
      return null;
    }
    if (input.bytes != null) {
      return input.bytes;
    }
    try (InputStream in = Files.newInputStream(input.path)) {
      byte[] bytes = in.readNBytes(TreeReader.MAX_BYTES + 1);
      if (bytes.length > TreeReader.MAX_BYTES) {
        problems.add(input.source, 1, 1, tooLarge());
        return null;
      }
      return bytes;
    } catch (IOException e) {
      problems.add(input.source, 1, 1, "cannot be read: " + e.getClass().getName());
      return null;
    }
  }

  private static boolean isJson(String source, byte[] bytes) {
    if (source.toLowerCase(Locale.ROOT).endsWith(".json")) {
      return true;
    }
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return b == '{';
      }
    }
    return false;
  }
}
