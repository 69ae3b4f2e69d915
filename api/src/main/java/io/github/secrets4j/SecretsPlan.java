package io.github.secrets4j;

import io.github.secrets4j.internal.Text;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What reconciling the loaded definitions with their stores does, made by {@link Secrets#plan()}:
 * one {@link PlannedChange} per store-managed secret (and per managed entry no longer declared),
 * shown by {@link #toText()}, performed by {@link #apply()}.
 *
 * <p>Entries a definition writes carry labels: {@value #MANAGED_BY_LABEL} (the file's
 * {@code metadata.name}, the managed marker), {@value #SECRET_LABEL} (the secret's name) and
 * {@value #SLUG_LABEL} (its slug). Only entries marked by a file are updated, replaced or pruned
 * for it; a definition file may not set labels starting with {@value #RESERVED_LABEL_PREFIX}.
 *
 * <p>A plan holds values read from {@code fromEnv}, {@code fromFile} and {@code fromStdin}, and
 * values generated for it, in memory only, until {@link #apply()} has written (or failed after
 * writing): then it drops them. Nothing here prints, logs or returns a value. Every value a plan would put (new, updated or kept) is parsed by the kind of
 * its definition when planning, in memory only: one the kind refuses is a {@code CONFLICT}.
 * Thread-safe.
 */
public final class SecretsPlan {
  /** The prefix of the labels reconcile reserves; a definition file cannot set them. */
  public static final String RESERVED_LABEL_PREFIX = "secrets4j.io/";
  /** The managed marker: the label naming the definition file ({@code metadata.name}). */
  public static final String MANAGED_BY_LABEL = "secrets4j.io/managed-by";
  /** The label naming the defined secret an entry was put for. */
  public static final String SECRET_LABEL = "secrets4j.io/secret";
  /** The label holding the slug of the defined secret an entry was put for. */
  public static final String SLUG_LABEL = "secrets4j.io/slug";

  private final Secrets runtime;
  private final List<PlanStep> steps;
  private final List<PlannedChange> changes;
  /** Stores prune could not list: slug, then why. */
  private final Map<String, String> unchecked;
  /** Whether prune is off for a loaded file: its entries no longer declared are kept. */
  private final boolean keeps;
  /** Set once apply returned, or failed after a write. */
  private boolean spent;
  /** Set once apply made a write. */
  private boolean wrote;
  /** Set when apply failed after its first write. */
  private boolean broken;

  SecretsPlan(Secrets runtime, List<PlanStep> steps, Map<String, String> unchecked,
      boolean keeps) {
    this.runtime = runtime;
    this.steps = List.copyOf(steps);
    this.unchecked = new TreeMap<>(unchecked);
    this.keeps = keeps;
    List<PlannedChange> changes = new ArrayList<>();
    for (PlanStep step : this.steps) {
      changes.add(step.change);
    }
    this.changes = List.copyOf(changes);
  }

  /**
   * Returns every change: the store-managed secrets in file order, then the managed entries no
   * longer declared (by store and key), unchanged ones included as {@code NOOP}.
   *
   * @return the changes; unmodifiable
   */
  public List<PlannedChange> changes() {
    return changes;
  }

  /**
   * Returns the stores a pruning plan should have listed for entries no longer declared and
   * could not (their provider could not be created, or listing failed): their managed entries
   * were not compared, so {@link #hasChanges()} says nothing about them.
   *
   * @return the slugs, sorted; empty when prune is off or every store was listed; unmodifiable
   */
  public Set<String> uncheckedStores() {
    return Collections.unmodifiableSet(unchecked.keySet());
  }

  /**
   * Returns whether the plan would do or refuse anything.
   *
   * @return {@code false} when every change is {@link PlannedChange.Action#NOOP} (stores that
   *     could not be checked are in {@link #uncheckedStores()})
   */
  public boolean hasChanges() {
    for (PlannedChange change : changes) {
      if (change.action() != PlannedChange.Action.NOOP) {
        return true;
      }
    }
    return false;
  }

  /**
   * Renders the plan for a person, one block per change that is not a {@code NOOP}: its symbol
   * ({@code +} create, {@code ~} update, {@code -/+} replace, {@code -} delete, {@code !}
   * conflict), the secret, store and key, then one reason a line; the stores a pruning plan
   * could not list ({@code Not checked for entries no longer declared (prune is on): slug
   * (cannot be listed: SecretProviderError)}); with no change, a line saying what was compared
   * ({@code No changes: the stores match the definitions.} only when prune is on for every
   * loaded file and every store of the runtime that can write was listed); and a summary line.
   * Names are escaped; values only ever show as {@code (sensitive)}.
   *
   * @return the text, lines ending with {@code \n}
   */
  public String toText() {
    StringBuilder out = new StringBuilder();
    Map<PlannedChange.Action, Integer> counts = new EnumMap<>(PlannedChange.Action.class);
    for (PlannedChange change : changes) {
      counts.merge(change.action(), 1, Integer::sum);
      if (change.action() == PlannedChange.Action.NOOP) {
        continue;
      }
      String symbol = change.action().symbol();
      out.append(" ".repeat(3 - symbol.length())).append(symbol).append(" \"")
          .append(Text.escape(change.secret())).append("\" in ").append(Text.escape(change.store()))
          .append(", key \"").append(Text.escape(change.key())).append("\"\n");
      for (String reason : change.reasons()) {
        out.append("      ").append(reason).append('\n');
      }
      out.append('\n');
    }
    if (!unchecked.isEmpty()) {
      out.append("Not checked for entries no longer declared (prune is on):");
      String separator = " ";
      for (Map.Entry<String, String> store : unchecked.entrySet()) {
        out.append(separator).append(Text.escape(store.getKey())).append(" (")
            .append(store.getValue()).append(')');
        separator = ", ";
      }
      out.append('\n');
    }
    if (!hasChanges()) {
      out.append(!unchecked.isEmpty() ? "No changes in the stores checked.\n"
          : keeps ? "No changes: the declared secrets match their stores; entries no longer "
              + "declared are kept (prune is off).\n"
          : "No changes: the stores match the definitions.\n");
    }
    out.append("Plan: ").append(count(counts, PlannedChange.Action.CREATE)).append(" to create, ")
        .append(count(counts, PlannedChange.Action.UPDATE)).append(" to update, ")
        .append(count(counts, PlannedChange.Action.REPLACE)).append(" to replace, ")
        .append(count(counts, PlannedChange.Action.DELETE)).append(" to delete, ")
        .append(count(counts, PlannedChange.Action.CONFLICT)).append(" in conflict, ")
        .append(count(counts, PlannedChange.Action.NOOP)).append(" unchanged.\n");
    return out.toString();
  }

  private static int count(Map<PlannedChange.Action, Integer> counts, PlannedChange.Action action) {
    return counts.getOrDefault(action, 0);
  }

  /**
   * Performs the plan: puts (with the managed marker and the file's metadata), grants from the
   * files' {@code grants:}, removes of moved and pruned entries, in the order of
   * {@link #changes()}. A replace under the same store and key puts over the entry (which keeps
   * its owner, creation time and grants; it is never removed first); a replace that moves the
   * entry puts it at its new store and key, grants it, and only then removes the old one. Before
   * the first write it checks that the plan has no conflict, that every entry it touches is still
   * as the plan saw it (with {@code describe}: its version, creation time and managed marker, so
   * a key removed and put again at version 1 is caught), and that the kind of each value it puts
   * accepts it (kept values are read again for this); it checks them again just before each
   * write. The check and the write are two steps: a write by someone else between them is not
   * seen (stores have no conditional put here). A plan applied once makes no change when applied
   * again. Each put is atomic; a failure between writes leaves the changes before it made, and a
   * new plan and apply converges. Once apply has written, or failed after writing, the plan drops
   * the values it held; a plan that failed after writing cannot be applied again.
   *
   * @return the changes made (no {@code NOOP}), in order; empty when there were none or the
   *     plan was applied already
   * @throws IllegalArgumentException if a store refuses a put or a grant that its check when
   *     planning could not foresee (for example AWS Secrets Manager's 50 tags, which the grants
   *     added after the put also count towards): the changes before it are made
   * @throws IllegalStateException if the plan has a {@code CONFLICT} (nothing is written), a kind
   *     refuses a value (nothing is written), a store changed since the plan (nothing is
   *     written if found by the first check; the
   *     changes before the one found are made if found just before a write), or the runtime is
   *     closed, or an earlier apply of this plan failed after writing (make a new plan)
   * @throws SecretError if a store fails: before the first write (listing, reading a kept value)
   *     nothing is written; later the changes before it are made, and a change whose put
   *     succeeded but whose grant or old entry's remove failed is made in part (a new plan
   *     finishes it)
   */
  public synchronized List<PlannedChange> apply() {
    if (broken) {
      throw new IllegalStateException("This plan failed part way through an earlier apply and "
          + "cannot be applied again; make a new plan (it finishes what is left)");
    }
    if (spent) {
      return List.of();
    }
    List<String> conflicts = new ArrayList<>();
    for (PlannedChange change : changes) {
      if (change.action() == PlannedChange.Action.CONFLICT) {
        conflicts.add("secret \"" + Text.escape(change.secret()) + "\" (" + change.store()
            + ", key \"" + Text.escape(change.key()) + "\"): " + change.reason());
      }
    }
    if (!conflicts.isEmpty()) {
      throw new IllegalStateException("The plan has " + conflicts.size() + " conflict"
          + (conflicts.size() == 1 ? "" : "s") + "; nothing was applied: "
          + String.join("; ", conflicts));
    }
    runtime.checkOpen();
    for (PlanStep step : steps) {
      if (step.change.action() != PlannedChange.Action.NOOP) {
        step.verify(runtime);
      }
    }
    // Every value is read (kept ones), and checked by its kind, before the first write.
    List<String> values = new ArrayList<>(steps.size());
    for (PlanStep step : steps) {
      String value = null;
      if (step.change.action() != PlannedChange.Action.NOOP) {
        value = step.value(runtime);
        if (value != null) {
          step.check(runtime, value);
        }
      }
      values.add(value);
    }
    List<PlannedChange> made = new ArrayList<>();
    boolean done = false;
    try {
      for (int i = 0; i < steps.size(); i++) {
        PlanStep step = steps.get(i);
        if (step.change.action() == PlannedChange.Action.NOOP) {
          continue;
        }
        step.verify(runtime);
        step.perform(runtime, values.get(i), this::markWritten);
        made.add(step.change);
      }
      done = true;
    } finally {
      if (wrote || done) {
        spent = true;
        broken = !done;
        steps.forEach(PlanStep::forget);
      }
    }
    return List.copyOf(made);
  }

  /** Called after each write apply makes. */
  private void markWritten() {
    wrote = true;
  }

  /** Whether a step still holds a value read or generated when planning (for tests). */
  synchronized boolean holdsValues() {
    return steps.stream().anyMatch(PlanStep::holdsValue);
  }

  /** Counts the changes by action; names nothing and shows no value. */
  @Override
  public String toString() {
    Map<PlannedChange.Action, Integer> counts = new EnumMap<>(PlannedChange.Action.class);
    for (PlannedChange change : changes) {
      counts.merge(change.action(), 1, Integer::sum);
    }
    return "SecretsPlan{" + counts + "}";
  }
}
