package io.github.secrets4j.internal.policy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves an absolute path as the kernel does, one component at a time, and gives up (returns
 * {@code null}) on whatever it cannot prove, where {@link Path#toRealPath} would throw and leave
 * the caller to guess:
 *
 * <ul>
 *   <li>more than {@value #MAX_LINKS} links (Linux's own limit: loops end here);
 *   <li>a component that cannot be examined (permission denied, a resolved path longer than
 *       PATH_MAX although the kernel, following the links itself, could still open it);
 *   <li>a link that lives in procfs: {@code /proc/self/fd/N} (also reached through
 *       {@code /dev/fd/N}), {@code /proc/self/root}, {@code /proc/<pid>/cwd} and the like are magic:
 *       the kernel follows them to an open object, not to the text they show, which may be
 *       {@code pipe:[123]} or a path that looks inside.
 * </ul>
 *
 * <p>Where nothing exists (a name is missing, or a file stands where a directory should), the
 * kernel cannot open the path either: the result is the real path of the deepest existing
 * directory followed by the remaining names, which the caller checks like any other real path
 * (unless a remaining name is {@code ..}: then nothing is proven and the result is {@code null}).
 */
final class RealPath {
  /** Links followed at most in one resolution, as Linux's {@code MAXSYMLINKS}. */
  static final int MAX_LINKS = 40;

  /** The longest file name on Linux file systems, in bytes: a longer name cannot exist. */
  private static final int NAME_MAX = 255;

  private static final Path PROC = Path.of("/proc");

  /** Whether each device (the {@code unix:dev} of a directory) is a procfs mount. */
  private static final Map<Object, Boolean> PROCFS = new ConcurrentHashMap<>();

  private RealPath() {}

  /** Returns the real path of {@code absolute} (normalized, absolute), or null if not proven. */
  static Path of(Path absolute) {
    try {
      // The common case, in one native call: no link on the way, so nothing to distrust.
      Path real = absolute.toRealPath();
      if (real.equals(absolute)) {
        return real;
      }
    } catch (IOException | SecurityException e) {
      // Missing, or not resolvable by realpath(3): resolved below, one component at a time.
    }
    Path root = absolute.getRoot();
    Path current = root;
    ArrayDeque<String> todo = new ArrayDeque<>();
    pushFront(todo, absolute);
    int links = 0;
    while (!todo.isEmpty()) {
      String name = todo.pollFirst();
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (name.equals("..")) {
        Path parent = current.getParent();
        current = parent == null ? root : parent;
        continue;
      }
      Path next = current.resolve(name);
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(next, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        return missing(next, todo);
      } catch (IOException | SecurityException e) {
        // A name no file system holds cannot be there (ENAMETOOLONG on the name itself); any
        // other failure leaves the path unproven.
        return name.getBytes(StandardCharsets.UTF_8).length > NAME_MAX ? missing(next, todo) : null;
      }
      if (attributes.isSymbolicLink()) {
        if (++links > MAX_LINKS || inProcfs(current)) {
          return null;
        }
        Path target;
        try {
          target = Files.readSymbolicLink(next);
        } catch (IOException | SecurityException e) {
          return null;
        }
        if (target.isAbsolute()) {
          current = root;
        }
        pushFront(todo, target);
      } else if (!todo.isEmpty() && !attributes.isDirectory()) {
        // A file where a directory should be: the kernel's open fails (ENOTDIR).
        return missing(next, todo);
      } else {
        current = next;
      }
    }
    return current;
  }

  /** The names of {@code path}, in order, ahead of what is still to resolve. */
  private static void pushFront(ArrayDeque<String> todo, Path path) {
    for (int i = path.getNameCount() - 1; i >= 0; i--) {
      todo.addFirst(path.getName(i).toString());
    }
  }

  /** Nothing exists at {@code next}: where the path would be, unless a {@code ..} follows. */
  private static Path missing(Path next, ArrayDeque<String> rest) {
    Path path = next;
    for (String name : rest) {
      if (name.equals("..")) {
        return null;
      }
      if (!name.isEmpty() && !name.equals(".")) {
        path = path.resolve(name);
      }
    }
    return path;
  }

  /** Whether the real directory {@code dir} is in procfs (true when that cannot be told). */
  private static boolean inProcfs(Path dir) {
    if (dir.startsWith(PROC)) {
      return true;
    }
    Object device;
    try {
      device = Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      // Not a Unix file system: no procfs.
      return false;
    } catch (IOException | SecurityException e) {
      return true;
    }
    Boolean procfs = PROCFS.get(device);
    if (procfs == null) {
      try {
        procfs = "proc".equals(Files.getFileStore(dir).type());
      } catch (IOException | SecurityException e) {
        return true;
      }
      if (PROCFS.size() > 1024) {
        PROCFS.clear();
      }
      PROCFS.put(device, procfs);
    }
    return procfs;
  }
}
