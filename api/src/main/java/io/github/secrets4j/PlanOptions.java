package io.github.secrets4j;

import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How {@link Secrets#plan(PlanOptions)} reconciles: whether to prune and adopt (overriding each
 * file's {@code reconcile:}), which generated values to rotate, and where {@code fromStdin}
 * reads.
 *
 * <p>Immutable: every method that changes an option returns a new {@code PlanOptions}.
 */
public final class PlanOptions {
  private static final PlanOptions DEFAULTS = new PlanOptions(null, null, Set.of(), null);

  private final Boolean prune;
  private final Boolean adopt;
  private final Set<String> rotate;
  private final InputStream stdin;

  private PlanOptions(Boolean prune, Boolean adopt, Set<String> rotate, InputStream stdin) {
    this.prune = prune;
    this.adopt = adopt;
    this.rotate = rotate;
    this.stdin = stdin;
  }

  /**
   * Returns the defaults: prune and adopt as each file's {@code reconcile:} says, no rotation,
   * {@code fromStdin} read from {@link System#in}.
   *
   * @return the default options
   */
  public static PlanOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns these options with prune set for every file, whatever its {@code reconcile.prune}.
   *
   * @param prune whether to delete entries a file's definition manages that it no longer declares
   * @return new options
   */
  public PlanOptions prune(boolean prune) {
    return new PlanOptions(prune, adopt, rotate, stdin);
  }

  /**
   * Returns these options with adopt set for every file, whatever its {@code reconcile.adopt}.
   *
   * @param adopt whether to take over an entry that no definition manages when a file declares
   *     its key (an update that adds the managed marker), instead of a conflict
   * @return new options
   */
  public PlanOptions adopt(boolean adopt) {
    return new PlanOptions(prune, adopt, rotate, stdin);
  }

  /**
   * Returns these options asking to generate the values of these secrets again. Each must be a
   * defined secret whose value is {@code generate}d (checked by {@link Secrets#plan(PlanOptions)});
   * without rotation a generated value is made only when its entry is created. Calls add up.
   *
   * @param definitionNames the names of the secrets in their definition files
   * @return new options
   * @throws NullPointerException if the array or a name is null
   */
  public PlanOptions rotate(String... definitionNames) {
    Objects.requireNonNull(definitionNames, "definitionNames");
    Set<String> names = new LinkedHashSet<>(rotate);
    for (String name : definitionNames) {
      names.add(Objects.requireNonNull(name, "definitionNames"));
    }
    return new PlanOptions(prune, adopt, Collections.unmodifiableSet(names), stdin);
  }

  /**
   * Returns these options reading {@code fromStdin} values from {@code in} instead of
   * {@link System#in}. A plan reads it at most once, to its end, at most 1 MiB, and does not
   * close it.
   *
   * @param in the stream a {@code fromStdin: true} value is read from
   * @return new options
   * @throws NullPointerException if {@code in} is null
   */
  public PlanOptions stdin(InputStream in) {
    return new PlanOptions(prune, adopt, rotate, Objects.requireNonNull(in, "in"));
  }

  Optional<Boolean> pruneOverride() {
    return Optional.ofNullable(prune);
  }

  Optional<Boolean> adoptOverride() {
    return Optional.ofNullable(adopt);
  }

  Set<String> rotated() {
    return rotate;
  }

  InputStream stdinStream() {
    return stdin != null ? stdin : System.in;
  }

  /** Shows the options, not the stream. */
  @Override
  public String toString() {
    return "PlanOptions{prune=" + (prune == null ? "(file)" : prune) + ", adopt="
        + (adopt == null ? "(file)" : adopt) + ", rotate=" + rotate.size() + "}";
  }
}
