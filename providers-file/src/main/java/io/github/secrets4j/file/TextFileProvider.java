package io.github.secrets4j.file;

import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.ProviderContext;
import io.github.secrets4j.spi.Restriction;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretWriter;
import io.github.secrets4j.spi.SecretsProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a secret from a text file: slug {@code text-file}, parameter {@code path}.
 *
 * <p>The <em>rendered</em> path must be absolute and free of {@code ..} segments (Nautobot checks
 * only the raw template). With the setting {@code secrets4j.text-file.allowed-roots} (a
 * comma-separated list of directories), the file's real path, symbolic links resolved, must be
 * proven to lie under one of them, or {@link #getValue} refuses the request with a
 * {@link io.github.secrets4j.SecretAccessDeniedError} before the file is opened: on every call,
 * also when the provider is called directly rather than through a runtime. A path whose
 * resolution fails (a link loop, a resolution longer than PATH_MAX, a directory that cannot be
 * read) or passes through a link in procfs ({@code /proc/self/fd/N}, {@code /dev/fd/N},
 * {@code /proc/self/root}, ...) is refused. The file is then opened at the real path that was
 * checked, without following a link at its last component, so a link swapped in after the check
 * is not followed; a directory on the way swapped for a link in that instant still is (Java
 * cannot open relative to a directory handle), so allowed roots must not be writable by
 * untrusted users.
 *
 * <p>The content is read as UTF-8 and stripped of leading and trailing whitespace. A missing path,
 * or one that is not a regular file, is a {@link io.github.secrets4j.SecretValueNotFoundError}
 * ({@code File "PATH" not found!}); an unreadable file, content that is not UTF-8, or a file larger
 * than {@link #MAX_SIZE} bytes is a {@link io.github.secrets4j.SecretProviderError} that says so.
 * Thread-safe; caches nothing.
 *
 * <p>With the setting {@value #STORE_ROOT} (an absolute directory, created with mode 0700 when
 * missing) the provider can also write ({@link #writer()}): a key is stored as the file
 * {@code <store-root>/<key>} (mode 0600, replaced atomically) with its metadata in
 * {@code <store-root>/.meta/<key>.json}, and read back with the parameter
 * {@code path=<store-root>/<key>}. Keys must be plain file names: no {@code /}, not starting
 * with {@code .}, at most 250 bytes in UTF-8. Without the setting the provider only reads.
 */
public final class TextFileProvider implements SecretsProvider {
  /** The slug, {@code text-file}. */
  public static final String SLUG = "text-file";

  /** The setting that restricts which directories files may be read from. */
  public static final String ALLOWED_ROOTS = "secrets4j.text-file.allowed-roots";

  /**
   * The setting that makes the provider writable: the directory it stores keys in, one file per
   * key. It must be absolute and, when {@value #ALLOWED_ROOTS} is set, inside an allowed root.
   */
  public static final String STORE_ROOT = "secrets4j.text-file.store-root";

  /** The largest file read, in bytes (1 MiB): secrets are small, and memory is not unbounded. */
  public static final int MAX_SIZE = 1024 * 1024;

  private static final LinkOption[] FOLLOW_LINKS = {};
  private static final LinkOption[] NOFOLLOW_LINKS = {LinkOption.NOFOLLOW_LINKS};
  private static final OpenOption[] READ = {StandardOpenOption.READ};
  private static final OpenOption[] READ_NOFOLLOW =
      {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS};

  private static final List<ParameterSpec> PARAMETERS =
      List.of(ParameterSpec.required("path", "The absolute path of the file holding the value"));

  private final ProviderContext context;
  private final List<Path> roots;
  private final Restriction restriction;
  private final TextFileStore store;

  private TextFileProvider(ProviderContext context, List<Path> roots, TextFileStore store) {
    this.context = context;
    this.roots = List.copyOf(roots);
    this.store = store;
    this.restriction = Restriction.under(SLUG, "path",
        roots.stream().map(Path::toString).toList(), ALLOWED_ROOTS);
  }

  /**
   * Creates the provider for a runtime, reading {@value #ALLOWED_ROOTS} and {@value #STORE_ROOT};
   * with a store root, creates it (mode 0700) when missing and deletes the temporary files a
   * crashed write may have left in it.
   *
   * @param context the runtime's settings and environment
   * @return the provider
   * @throws io.github.secrets4j.SecretProviderError if a root is not an absolute path, the store
   *     root cannot be created or read, or it lies outside the allowed roots
   */
  public static TextFileProvider create(ProviderContext context) {
    Objects.requireNonNull(context, "context");
    List<Path> roots = new ArrayList<>();
    for (String root : context.listSetting(ALLOWED_ROOTS)) {
      Path path;
      try {
        path = Path.of(root);
      } catch (InvalidPathException e) {
        throw new io.github.secrets4j.SecretProviderError("", SLUG,
            "Setting " + ALLOWED_ROOTS + " holds an invalid path \"" + context.escape(root)
                + "\"");
      }
      if (!path.isAbsolute()) {
        throw new io.github.secrets4j.SecretProviderError("", SLUG,
            "Setting " + ALLOWED_ROOTS + " must list absolute directories; \""
                + context.escape(root) + "\" is not");
      }
      roots.add(path.normalize());
    }
    return new TextFileProvider(context, roots, openStore(context, roots));
  }

  private static TextFileStore openStore(ProviderContext context, List<Path> roots) {
    Optional<String> setting = context.setting(STORE_ROOT);
    if (setting.isEmpty()) {
      return null;
    }
    Path root;
    try {
      root = Path.of(setting.get());
    } catch (InvalidPathException e) {
      throw new io.github.secrets4j.SecretProviderError("", SLUG, "Setting " + STORE_ROOT
          + " holds an invalid path \"" + context.escape(setting.get()) + "\"");
    }
    if (!root.isAbsolute()) {
      throw new io.github.secrets4j.SecretProviderError("", SLUG, "Setting " + STORE_ROOT
          + " must be an absolute directory; \"" + context.escape(setting.get()) + "\" is not");
    }
    TextFileStore store;
    try {
      store = TextFileStore.open(context, root.normalize());
    } catch (IOException e) {
      throw new io.github.secrets4j.SecretProviderError("", SLUG, "Setting " + STORE_ROOT
          + ": the directory \"" + context.escape(setting.get()) + "\" cannot be created or read ("
          + e.getClass().getSimpleName() + ")");
    }
    if (!roots.isEmpty() && roots.stream().noneMatch(allowed -> inside(store.root(), allowed))) {
      throw new io.github.secrets4j.SecretProviderError("", SLUG, "Setting " + STORE_ROOT
          + " \"" + context.escape(setting.get()) + "\" is not inside " + ALLOWED_ROOTS
          + ", so the provider could not read back what it stores; add it to the allowed roots");
    }
    return store;
  }

  /** Whether the real path {@code path} lies under {@code root}, its links resolved. */
  private static boolean inside(Path path, Path root) {
    try {
      return path.startsWith(root.toRealPath());
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  @Override
  public String slug() {
    return SLUG;
  }

  @Override
  public String name() {
    return "Text File";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  /**
   * Returns the directories files must lie under, from {@value #ALLOWED_ROOTS}, normalized.
   *
   * @return the directories, unmodifiable; empty when any absolute path may be read
   */
  public List<Path> allowedRoots() {
    return roots;
  }

  /**
   * Returns the directory this provider stores keys in, from {@value #STORE_ROOT}, its links
   * resolved.
   *
   * @return the store root, or empty when the provider only reads
   */
  public Optional<Path> storeRoot() {
    return store == null ? Optional.empty() : Optional.of(store.root());
  }

  /**
   * Returns the write side when {@value #STORE_ROOT} is set: one file per key under the store
   * root, its metadata in a sidecar file, every file replaced atomically and every write
   * serialised across threads and processes.
   *
   * @return the writer, or empty when {@value #STORE_ROOT} is not set
   */
  @Override
  public Optional<SecretWriter> writer() {
    return Optional.ofNullable(store);
  }

  /**
   * Reads the file; with {@value #ALLOWED_ROOTS} set, only after proving its real path inside
   * one of them, and then from that real path without following a link at its last component.
   *
   * @throws io.github.secrets4j.SecretAccessDeniedError if the path is not proven inside an
   *     allowed root
   */
  @Override
  public String getValue(SecretRequest request) {
    String rendered = request.parameter("path");
    Path path;
    LinkOption[] options;
    if (roots.isEmpty()) {
      path = checkedPath(request, rendered);
      options = FOLLOW_LINKS;
    } else {
      path = restriction.realPath(request);
      options = NOFOLLOW_LINKS;
    }
    if (store != null) {
      refuseStoreFiles(request, rendered, path);
    }
    // One stat tells existence, kind and size.
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class, options);
    } catch (NoSuchFileException e) {
      throw notFound(request, rendered);
    } catch (AccessDeniedException e) {
      throw request.providerError(
          "File \"" + context.escape(rendered) + "\" cannot be read: permission denied");
    } catch (IOException e) {
      throw request.providerError(
          "File \"" + context.escape(rendered) + "\" cannot be read: " + e.getClass().getSimpleName());
    }
    if (!attributes.isRegularFile()) {
      throw notFound(request, rendered);
    }
    if (attributes.size() > MAX_SIZE) {
      throw request.providerError(
          "File \"" + context.escape(rendered) + "\" is larger than " + MAX_SIZE + " bytes");
    }
    return read(request, rendered, path, options, (int) attributes.size()).strip();
  }

  /** The store's own files (sidecars, lock, temporary files) are not secrets; see the store. */
  private void refuseStoreFiles(SecretRequest request, String rendered, Path path) {
    boolean own = store.isOwnFile(path);
    if (!own) {
      try {
        own = store.isOwnFile(path.toRealPath());
      } catch (IOException | SecurityException e) {
        // Missing or unreadable: the read below says so.
      }
    }
    if (own) {
      throw request.accessDenied("Access denied: \"" + context.escape(rendered) + "\" is one of"
          + " the text-file store's own files (metadata, lock or temporary file), not a secret");
    }
  }

  private static Path checkedPath(SecretRequest request, String rendered) {
    Optional<String> malformed = Restriction.malformedPath("path", rendered);
    if (malformed.isPresent()) {
      throw request.parametersError(malformed.get());
    }
    return Path.of(rendered).normalize();
  }

  private RuntimeException notFound(SecretRequest request, String rendered) {
    return request.notFound("File \"" + context.escape(rendered) + "\" not found!");
  }

  private String read(SecretRequest request, String rendered, Path real, LinkOption[] options,
      int expected) {
    byte[] bytes;
    int length;
    try (InputStream in = Files.newInputStream(real, open(options))) {
      // Sized by the stat just made; one byte more tells a file that grew since.
      bytes = new byte[Math.min(expected, MAX_SIZE) + 1];
      length = in.readNBytes(bytes, 0, bytes.length);
      if (length == bytes.length) {
        byte[] all = appendRest(bytes, in);
        Arrays.fill(bytes, (byte) 0);
        bytes = all;
        length = all.length;
      }
    } catch (AccessDeniedException e) {
      throw request.providerError(
          "File \"" + context.escape(rendered) + "\" cannot be read: permission denied");
    } catch (IOException e) {
      throw request.providerError(
          "File \"" + context.escape(rendered) + "\" cannot be read: " + e.getClass().getSimpleName());
    }
    try {
      if (length > MAX_SIZE) {
        throw request.providerError(
            "File \"" + context.escape(rendered) + "\" is larger than " + MAX_SIZE + " bytes");
      }
      String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
      if (text.indexOf('\uFFFD') < 0) {
        return text;
      }
      // A replacement character: either in the file, or standing for bytes that are not UTF-8.
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw request.providerError("File \"" + context.escape(rendered) + "\" is not valid UTF-8 text");
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static OpenOption[] open(LinkOption[] options) {
    return options.length == 0 ? READ : READ_NOFOLLOW;
  }

  /** The file grew after the stat: read on, up to one byte past the limit. */
  private static byte[] appendRest(byte[] head, InputStream in) throws IOException {
    byte[] rest = in.readNBytes(Math.max(0, MAX_SIZE + 1 - head.length));
    byte[] all = Arrays.copyOf(head, head.length + rest.length);
    System.arraycopy(rest, 0, all, head.length, rest.length);
    Arrays.fill(rest, (byte) 0);
    return all;
  }


  @Override
  public String toString() {
    return "TextFileProvider{allowedRoots=" + roots
        + (store == null ? "" : ", storeRoot=" + store.root()) + "}";
  }
}
