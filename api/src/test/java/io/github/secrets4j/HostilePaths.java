package io.github.secrets4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds, with real files and links, paths inside a root whose real path cannot be resolved (or
 * resolves through procfs) although the kernel can open them. The same layouts are in the file
 * provider's {@code HostileFileTest}.
 */
final class HostilePaths {
  private HostilePaths() {}

  /**
   * A chain of links inside {@code root} through directories whose names add up to more than
   * PATH_MAX (so {@code realpath(3)} fails with "File name too long"), ending in a link to
   * {@code target}. The returned path is short and the kernel opens it.
   */
  static Path longChainTo(Path root, Path target) throws IOException {
    String name = "d".repeat(250);
    Path shortcut = root;
    for (int i = 0; i < 20; i++) {
      Path next = Files.createDirectory(shortcut.resolve(name));
      shortcut = Files.createSymbolicLink(root.resolve("s" + i), next);
    }
    return Files.createSymbolicLink(shortcut.resolve("evil"), target);
  }

  /**
   * Removes what {@link #longChainTo} made, through the links, since {@code @TempDir} cannot
   * delete directories nested deeper than PATH_MAX.
   */
  static void removeLongChain(Path root) throws IOException {
    String name = "d".repeat(250);
    Files.deleteIfExists(root.resolve("s19").resolve("evil"));
    for (int i = 19; i >= 0; i--) {
      Files.deleteIfExists(root.resolve("s" + i));
      Files.deleteIfExists((i == 0 ? root : root.resolve("s" + (i - 1))).resolve(name));
    }
  }

  /** A link to itself: resolving it fails with ELOOP. */
  static Path loop(Path root) throws IOException {
    Path loop = root.resolve("loop");
    return Files.createSymbolicLink(loop, loop);
  }

  /**
   * Links inside {@code root} into procfs magic links that all lead back to {@code inside} (a
   * file inside the root): through {@code /proc/self/root}, {@code /proc/thread-self/root} and,
   * for the descriptor {@code open} holds on it, {@code /proc/self/fd/N} and {@code /dev/fd/N}.
   * A resolver that follows the links as text finds the file inside; the kernel follows the magic.
   */
  static List<Path> procfsLinks(Path root, Path inside) throws IOException {
    List<Path> links = new ArrayList<>();
    links.add(Files.createSymbolicLink(root.resolve("via-root"),
        Path.of("/proc/self/root" + inside)));
    links.add(Files.createSymbolicLink(root.resolve("via-thread"),
        Path.of("/proc/thread-self/root" + inside)));
    String fd = descriptorOf(inside);
    links.add(Files.createSymbolicLink(root.resolve("via-fd"), Path.of("/proc/self/fd/" + fd)));
    links.add(Files.createSymbolicLink(root.resolve("via-dev-fd"), Path.of("/dev/fd/" + fd)));
    return links;
  }

  /** The number of a descriptor this process holds open on {@code file} (the caller opened one). */
  private static String descriptorOf(Path file) throws IOException {
    Path real = file.toRealPath();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          if (Files.readSymbolicLink(fd).equals(real)) {
            return fd.getFileName().toString();
          }
        } catch (IOException e) {
          // Closed since the listing: not ours.
        }
      }
    }
    throw new IllegalStateException("no descriptor open on " + file);
  }
}
