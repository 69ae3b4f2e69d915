package io.github.secrets4j;

import io.github.secrets4j.internal.Text;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An instance a definition file declares under {@code targets:}, returned by
 * {@link Secrets#target(String)}: which defined secret each of its environment variables and files
 * gets. Environment variable names are {@code [A-Za-z_][A-Za-z0-9_]*} and unique within the
 * target; file paths are absolute and normalized. Its secrets are bound to the runtime (or view)
 * it came from. Immutable; holds no value.
 */
public final class SecretsTarget {
  private final String name;
  private final Map<String, Secret> env;
  private final Map<Path, Secret> files;

  SecretsTarget(String name, Map<String, Secret> env, Map<Path, Secret> files) {
    this.name = name;
    this.env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    this.files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /**
   * Returns the target's name.
   *
   * @return the name given in the file
   */
  public String name() {
    return name;
  }

  /**
   * Returns the environment variables and the secrets they get.
   *
   * @return variable name to secret, in file order; unmodifiable
   */
  public Map<String, Secret> env() {
    return env;
  }

  /**
   * Returns the files and the secrets they get.
   *
   * @return absolute path to secret, in file order; unmodifiable
   */
  public Map<Path, Secret> files() {
    return files;
  }

  /** Names the target, its variables and files and their secrets' names; never a value. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("SecretsTarget{name=\"").append(Text.escape(name))
        .append("\", env={");
    String separator = "";
    for (Map.Entry<String, Secret> entry : env.entrySet()) {
      text.append(separator).append(entry.getKey()).append("=\"")
          .append(Text.escape(entry.getValue().name())).append('"');
      separator = ", ";
    }
    text.append("}, files={");
    separator = "";
    for (Map.Entry<Path, Secret> entry : files.entrySet()) {
      text.append(separator).append(Text.escape(entry.getKey().toString())).append("=\"")
          .append(Text.escape(entry.getValue().name())).append('"');
      separator = ", ";
    }
    return text.append("}}").toString();
  }
}
