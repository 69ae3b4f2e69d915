package io.github.secrets4j;

import io.github.secrets4j.internal.Text;
import io.github.secrets4j.internal.definitions.EnvNames;
import io.github.secrets4j.internal.process.FolderRoots;
import io.github.secrets4j.internal.process.Injection;
import io.github.secrets4j.internal.process.SecretFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands secrets to a child process as environment variables and files, for a host application
 * that starts processes with {@link ProcessBuilder}.
 *
 * <pre>{@code
 * ProcessSecrets injection = ProcessSecrets.builder(secrets)
 *     .env("DB_PASSWORD", secrets.defined("db-password"))
 *     .fileEnv("API_TOKEN_FILE", secrets.defined("api-token"))
 *     .build();
 * ProcessBuilder pb = new ProcessBuilder("./job.sh").inheritIO();
 * try (ProcessSecrets.Session session = injection.open(pb)) {
 *   int code = pb.start().waitFor();
 * }
 * }</pre>
 *
 * <p>{@link #open(ProcessBuilder)} resolves every value before it writes anything; it writes the
 * files with mode 0400 (a file in the private folder is created with that mode; a file at an
 * absolute path is written whole next to the path, then hard-linked into place: only where nothing
 * is, never over an existing file or link) and the private folder
 * with mode 0700, on tmpfs when one is available; then it sets the variables on the
 * {@link ProcessBuilder}. Values never go on a command line, and are never logged or printed,
 * also not by {@code toString} or in an exception message. The caller starts the process and
 * must {@link Session#close() close} the session afterwards: no shutdown hook is registered, so
 * the files of a session that is never closed (the host JVM killed with {@code SIGKILL}, say)
 * stay where they are. Files need a POSIX file system.
 *
 * <p>Immutable and thread-safe; {@link #open(ProcessBuilder)} may be called from several threads,
 * each session getting a private folder of its own. A file at an absolute path is never
 * overwritten: a second session open at the same time with the same path fails to open.
 */
public final class ProcessSecrets {
  private enum Kind { ENV, FILE, PRIVATE_FILE, FILE_ENV }

  /** One binding: an env variable, a file at a path or a file in the private folder. */
  private static final class Binding {
    final Kind kind;
    /** The variable's name (ENV, FILE_ENV), the file's name (PRIVATE_FILE, FILE_ENV), or null. */
    final String name;
    /** The absolute path (FILE), or null. */
    final Path path;
    final Secret secret;

    Binding(Kind kind, String name, Path path, Secret secret) {
      this.kind = kind;
      this.name = name;
      this.path = path;
      this.secret = secret;
    }

    boolean writesFile() {
      return kind != Kind.ENV;
    }

    String describe() {
      switch (kind) {
        case ENV:
          return name;
        case FILE:
          return path.toString();
        case PRIVATE_FILE:
          return "<private>/" + name;
        default:
          return name + "=<private>/" + name;
      }
    }
  }

  private final Secrets secrets;
  private final List<Binding> bindings;
  private final Object obj;
  /** The candidates for the private folder's parent; null: {@link FolderRoots#system()} at open. */
  private final FolderRoots roots;

  private ProcessSecrets(Builder builder) {
    this.secrets = builder.secrets;
    this.bindings = List.copyOf(builder.bindings);
    this.obj = builder.obj;
    this.roots = builder.roots;
  }

  /**
   * Starts a description of what a child process gets, resolved through {@code secrets} (a
   * runtime or a view: its policies apply to every value).
   *
   * @param secrets the runtime that resolves the values
   * @return a new builder
   * @throws NullPointerException if {@code secrets} is null
   */
  public static Builder builder(Secrets secrets) {
    return new Builder(Objects.requireNonNull(secrets, "secrets"));
  }

  /**
   * Resolves every value, writes the files and sets the environment variables on {@code pb}, in
   * that order. If a value cannot be had, its {@link SecretError} is thrown before anything is
   * written, and {@code pb} is left as it was; if a file cannot be written, the files already
   * written and the private folder are removed, {@code pb} is left as it was and an
   * {@link UncheckedIOException} is thrown.
   *
   * <p>Each secret is resolved once, however many bindings it has. The private folder (only
   * made when a file goes there) is a new folder, mode 0700, in {@code $XDG_RUNTIME_DIR} if that
   * is a directory owned by this process's user and writable, else in {@code /dev/shm} if that is
   * a writable directory, else in {@code java.io.tmpdir}. Every file is written with mode 0400,
   * its content the value's UTF-8 bytes, exactly (a trailing newline included). A file at an
   * absolute path is written only where nothing is (the folder must exist at this call): a file,
   * a symbolic link or anything else already at that path is refused, never overwritten or
   * followed.
   *
   * @param pb the process builder whose environment gets the variables; the caller starts it
   * @return the open session; close it once the process is done
   * @throws NullPointerException if {@code pb} is null
   * @throws SecretError if a value cannot be had (as {@link Secrets#getValue(Secret, Object)}),
   *     or, as a {@link SecretValueInvalidError}, if a value bound to an environment variable holds
   *     a NUL character, which no environment variable can carry
   * @throws UncheckedIOException if the private folder or a file cannot be written, naming the
   *     path and why (for example: the folder of an absolute path does not exist, or a symbolic
   *     link is there)
   * @throws UnsupportedOperationException if files are bound and the file system has no POSIX
   *     permissions; nothing is written then
   * @throws IllegalStateException if the runtime is closed
   */
  public Session open(ProcessBuilder pb) {
    Objects.requireNonNull(pb, "pb");
    Map<Secret, String> values = new HashMap<>();
    for (Binding binding : bindings) {
      if (!values.containsKey(binding.secret)) {
        values.put(binding.secret, secrets.getValue(binding.secret, obj));
      }
    }
    boolean files = false;
    for (Binding binding : bindings) {
      files |= binding.writesFile();
      if (binding.kind == Kind.ENV && values.get(binding.secret).indexOf('\0') >= 0) {
        throw new SecretValueInvalidError(binding.secret.name(), binding.secret.provider(),
            "The value holds a NUL character, which an environment variable cannot carry"
                + " (bind it to a file instead)");
      }
    }
    if (files && !SecretFiles.supported()) {
      throw new UnsupportedOperationException(
          "Secret files need a file system with POSIX permissions");
    }
    Injection changes = new Injection(pb);
    Map<Secret, Path> written;
    try {
      written = write(values, changes);
      for (Binding binding : bindings) {
        if (binding.kind == Kind.ENV) {
          changes.setEnv(binding.name, values.get(binding.secret));
        } else if (binding.kind == Kind.FILE_ENV) {
          changes.setEnv(binding.name, written.get(binding.secret).toString());
        }
      }
    } catch (RuntimeException | Error e) {
      changes.undo(e);
      throw e;
    }
    return new Session(changes, written);
  }

  /** Writes the files, recording each in {@code changes}; returns them by secret. */
  private Map<Secret, Path> write(Map<Secret, String> values, Injection changes) {
    // Every absolute path is checked before the first write, so a missing folder or a link there
    // leaves nothing behind.
    for (Binding binding : bindings) {
      if (binding.kind == Kind.FILE) {
        try {
          SecretFiles.checkAbsent(binding.path);
        } catch (IOException e) {
          throw Injection.failure("Cannot write the file", binding.path, binding.secret.name(), e);
        }
      }
    }
    Map<Secret, Path> files = new LinkedHashMap<>();
    for (Binding binding : bindings) {
      if (!binding.writesFile()) {
        continue;
      }
      byte[] bytes = values.get(binding.secret).getBytes(StandardCharsets.UTF_8);
      Path path = binding.kind == Kind.FILE ? binding.path
          : changes.folder(roots != null ? roots : FolderRoots.system()).resolve(binding.name);
      try {
        changes.written(binding.kind == Kind.FILE ? SecretFiles.writeNewAt(path, bytes)
            : SecretFiles.writeNew(path, bytes));
      } catch (IOException e) {
        throw Injection.failure("Cannot write the file", path, binding.secret.name(), e);
      }
      files.put(binding.secret, path);
    }
    return files;
  }

  /** Lists the bindings by variable name and path; never a value. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("ProcessSecrets{");
    String separator = "";
    for (Binding binding : bindings) {
      text.append(separator).append(Text.escape(binding.describe())).append("=\"")
          .append(Text.escape(binding.secret.name())).append('"');
      separator = ", ";
    }
    return text.append('}').toString();
  }

  /**
   * What {@link ProcessSecrets#open(ProcessBuilder)} wrote and set: {@link #close()} removes the
   * files and the private folder. Close it once the process is done, with try-with-resources or
   * in a {@code finally}; nothing closes it for you (no shutdown hook, no finalizer).
   *
   * <p>Thread-safe: {@link #close()} may be called from any thread (a signal handler's, say)
   * and more than once. Holds no value: {@code toString} names the folder, the file count and
   * the variables.
   */
  public static final class Session implements AutoCloseable {
    private final Injection changes;
    private final Map<Secret, Path> files;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Session(Injection changes, Map<Secret, Path> files) {
      this.changes = changes;
      this.files = Collections.unmodifiableMap(files);
    }

    /**
     * Returns the files written: each bound secret's file, in the private folder or at its
     * absolute path. After {@link #close()} the paths are still returned, but no longer exist.
     *
     * @return secret to path, in binding order; unmodifiable
     */
    public Map<Secret, Path> files() {
      return files;
    }

    /**
     * Removes the files written (a file at an absolute path only while it is still the file this
     * session wrote: one replaced since is left alone), the private folder with whatever is in it,
     * and takes the variables back off the {@link ProcessBuilder} (each one still holding the
     * value set gets back the value it had before, or is removed). A process already started
     * keeps its environment. Idempotent: only the first call does anything, and a call made
     * while another is removing (a shutdown hook, say) returns only once that one is done.
     *
     * @throws UncheckedIOException if a file or the folder cannot be removed, naming it; every
     *     other removal was still tried
     */
    @Override
    public synchronized void close() {
      if (closed.compareAndSet(false, true)) {
        changes.undo(null);
      }
    }

    /** Names the private folder, the number of files and the variables; never a value. */
    @Override
    public String toString() {
      return "ProcessSecrets.Session{folder="
          + changes.folder().map(folder -> "\"" + Text.escape(folder.toString()) + "\"")
              .orElse("none")
          + ", files=" + files.size() + ", env=" + changes.envNames()
          + (closed.get() ? ", closed" : "") + "}";
    }
  }

  /**
   * Describes what a child process gets. Every setter checks its arguments at once
   * ({@link NullPointerException} naming a null one, {@link IllegalArgumentException} for an
   * invalid name or path); {@link #build()} checks the bindings together. Not thread-safe.
   */
  public static final class Builder {
    private final Secrets secrets;
    private final List<Binding> bindings = new ArrayList<>();
    private Object obj;
    private FolderRoots roots;

    private Builder(Secrets secrets) {
      this.secrets = secrets;
    }

    /**
     * Sets environment variable {@code name} to the value of {@code secret}.
     *
     * @param name the variable's name, {@code [A-Za-z_][A-Za-z0-9_]*}
     * @param secret the secret whose value it gets
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is not a valid variable name
     */
    public Builder env(String name, Secret secret) {
      checkEnvName(name);
      bindings.add(new Binding(Kind.ENV, name, null, Objects.requireNonNull(secret, "secret")));
      return this;
    }

    /**
     * Writes the value of {@code secret} to {@code path}, used as given (not resolved against
     * anything, links in its folders followed). Its folder must exist when
     * {@link ProcessSecrets#open(ProcessBuilder)} is called, and nothing may be at the path then
     * (a file there is never overwritten: open fails); {@link Session#close()} removes the file.
     *
     * @param secret the secret whose value the file holds
     * @param path an absolute path
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code path} is not absolute or names no file
     */
    public Builder file(Secret secret, Path path) {
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(path, "path");
      if (!path.isAbsolute() || path.getFileName() == null) {
        throw new IllegalArgumentException("A secret file's path must be absolute and name a file:"
            + " \"" + Text.escape(path.toString()) + "\"");
      }
      bindings.add(new Binding(Kind.FILE, null, path, secret));
      return this;
    }

    /**
     * Writes the value of {@code secret} to a file named {@code fileName} in the session's
     * private folder ({@link Session#files()} tells where).
     *
     * @param secret the secret whose value the file holds
     * @param fileName a plain file name: not empty, not {@code .} or {@code ..}, no {@code /} or
     *     {@code \}, no control character, at most 255 bytes in UTF-8
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code fileName} is not a plain file name
     */
    public Builder file(Secret secret, String fileName) {
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(fileName, "fileName");
      checkFileName(fileName);
      bindings.add(new Binding(Kind.PRIVATE_FILE, fileName, null, secret));
      return this;
    }

    /**
     * Writes the value of {@code secret} to a file named {@code name} in the session's private
     * folder and sets environment variable {@code name} to that file's absolute path (the
     * {@code NAME_FILE} convention of container images: {@code fileEnv("DB_PASSWORD_FILE", s)}).
     *
     * @param name the variable's name, {@code [A-Za-z_][A-Za-z0-9_]*}; also the file's name
     * @param secret the secret whose value the file holds
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is not a valid variable name
     */
    public Builder fileEnv(String name, Secret secret) {
      checkEnvName(name);
      bindings.add(new Binding(Kind.FILE_ENV, name, null, Objects.requireNonNull(secret, "secret")));
      return this;
    }

    /**
     * Adds every binding of {@code target}: each of its environment variables as
     * {@link #env(String, Secret)} and each of its files as {@link #file(Secret, Path)}.
     *
     * @param target a target of a definition file, from {@link Secrets#target(String)}
     * @return this builder
     * @throws NullPointerException if {@code target} is null
     */
    public Builder target(SecretsTarget target) {
      Objects.requireNonNull(target, "target");
      target.env().forEach(this::env);
      target.files().forEach((path, secret) -> file(secret, path));
      return this;
    }

    /**
     * Sets the object templated parameters are rendered with, for every secret; without it they
     * are rendered without one.
     *
     * @param obj the object (a map, a record or a JavaBean)
     * @return this builder
     * @throws NullPointerException if {@code obj} is null
     */
    public Builder obj(Object obj) {
      this.obj = Objects.requireNonNull(obj, "obj");
      return this;
    }

    /** Sets where the private folder may go, instead of this process's candidates. */
    Builder folderRoots(FolderRoots roots) {
      this.roots = Objects.requireNonNull(roots, "roots");
      return this;
    }

    /**
     * Checks the bindings together and returns the description. Nothing is resolved or
     * written yet.
     *
     * @return the description, immutable
     * @throws IllegalArgumentException naming every problem: a variable set more than once (by
     *     {@link #env}, {@link #fileEnv} or a target), an absolute path written more than once
     *     (compared normalized), a private file name used more than once ({@link #fileEnv} uses
     *     the variable's name), or a secret written to more than one file ({@link Session#files()}
     *     maps each secret to one path)
     */
    public ProcessSecrets build() {
      Set<String> problems = new LinkedHashSet<>();
      Set<String> variables = new HashSet<>();
      Set<Path> paths = new HashSet<>();
      Set<String> privateNames = new HashSet<>();
      Set<Secret> written = new HashSet<>();
      for (Binding binding : bindings) {
        if ((binding.kind == Kind.ENV || binding.kind == Kind.FILE_ENV)
            && !variables.add(binding.name)) {
          problems.add("environment variable \"" + binding.name + "\" is set more than once");
        }
        if (binding.kind == Kind.FILE && !paths.add(binding.path.normalize())) {
          problems.add("path \"" + Text.escape(binding.path.normalize().toString())
              + "\" is written more than once");
        }
        if ((binding.kind == Kind.PRIVATE_FILE || binding.kind == Kind.FILE_ENV)
            && !privateNames.add(binding.name)) {
          problems.add("file name \"" + Text.escape(binding.name)
              + "\" is used more than once in the private folder");
        }
        if (binding.writesFile() && !written.add(binding.secret)) {
          problems.add("secret \"" + Text.escape(binding.secret.name())
              + "\" is written to more than one file");
        }
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            "Cannot inject these secrets: " + String.join("; ", problems));
      }
      return new ProcessSecrets(this);
    }

    private static void checkEnvName(String name) {
      Objects.requireNonNull(name, "name");
      if (!EnvNames.isValid(name)) {
        throw new IllegalArgumentException("Invalid environment variable name \""
            + Text.escape(name) + "\": it must match [A-Za-z_][A-Za-z0-9_]*");
      }
    }

    private static void checkFileName(String fileName) {
      boolean control = fileName.codePoints().anyMatch(Character::isISOControl);
      if (fileName.isEmpty() || fileName.equals(".") || fileName.equals("..")
          || fileName.indexOf('/') >= 0 || fileName.indexOf('\\') >= 0 || control
          || fileName.getBytes(StandardCharsets.UTF_8).length > 255) {
        throw new IllegalArgumentException("Invalid secret file name \"" + Text.escape(fileName)
            + "\": it must be a plain file name (not . or .., no / or \\, no control character,"
            + " at most 255 bytes)");
      }
    }
  }
}
