package io.github.secrets4j;

import io.github.secrets4j.internal.Text;
import io.github.secrets4j.internal.reconcile.Values;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link SecretsPlan#apply()} does for one {@link PlannedChange}, and the versions the plan
 * saw. May hold a wanted value read from its source (never printed: {@link #toString()} names
 * the change only).
 */
final class PlanStep {
  /** Where the value of a put comes from. */
  enum Value {
    /** No put. */
    NONE,
    /** The value read from the source, or generated, when planning. */
    GIVEN,
    /** The current value of {@code keepStore}/{@code keepKey}, read when applying. */
    KEEP
  }

  /**
   * An entry the plan saw: its version, creation time and managed marker, or {@code null}s when
   * it was absent. All three are compared: a store whose versions restart at 1 when a key is
   * removed and put again (encrypted-file) would fool a check of the version alone.
   */
  record Seen(String store, String key, Long version, Instant created, String managedBy) {
    /** An entry the plan found absent. */
    static Seen absent(String store, String key) {
      return new Seen(store, key, null, null, null);
    }

    /** An entry as the plan saw it. */
    static Seen of(String store, StoredSecret entry) {
      return new Seen(store, entry.key(), entry.version(), entry.created(),
          entry.metadata().labels().get(SecretsPlan.MANAGED_BY_LABEL));
    }
  }

  final PlannedChange change;
  final SecretMetadata metadata;
  final Value value;
  /** The value read or generated when planning; dropped by {@link #forget()}. */
  private String given;
  final String keepStore;
  final String keepKey;
  final Set<String> grants;
  /**
   * A replace that moves the entry: the old one, removed only after the put (and the grants)
   * succeeded, so a failure never loses the value; else null. A replace under the same store and
   * key puts over the entry (which keeps its owner, creation time and grants): it never removes.
   */
  final Seen moveFrom;
  final List<Seen> seen;

  PlanStep(PlannedChange change, SecretMetadata metadata, Value value, String given,
      String keepStore, String keepKey, Set<String> grants, Seen moveFrom, List<Seen> seen) {
    this.change = change;
    this.metadata = metadata;
    this.value = value;
    this.given = given;
    this.keepStore = keepStore;
    this.keepKey = keepKey;
    this.grants = Set.copyOf(grants);
    this.moveFrom = moveFrom;
    this.seen = List.copyOf(seen);
  }

  /** A step that writes nothing: a no-op, a conflict, or a delete. */
  static PlanStep of(PlannedChange change, List<Seen> seen) {
    return new PlanStep(change, null, Value.NONE, null, null, null, Set.of(), null, seen);
  }

  /**
   * Throws if an entry this step touches is not as the plan saw it: its version, creation time
   * or managed marker differs (or it was created or removed).
   */
  void verify(Secrets runtime) {
    for (Seen entry : seen) {
      Optional<StoredSecret> now = runtime.store(entry.store()).describe(entry.key());
      Long version = now.map(StoredSecret::version).orElse(null);
      String what = null;
      if (!Objects.equals(version, entry.version())) {
        what = version == null ? "was removed"
            : entry.version() == null ? "was created" : "is at version " + version
                + ", the plan saw version " + entry.version();
      } else if (now.isPresent()) {
        String marker = now.get().metadata().labels().get(SecretsPlan.MANAGED_BY_LABEL);
        if (!Objects.equals(marker, entry.managedBy())) {
          what = marker == null ? "is no longer managed by \"" + Text.escape(entry.managedBy())
              + "\"" : "is now managed by \"" + Text.escape(marker) + "\"";
        } else if (!now.get().created().equals(entry.created())) {
          what = "was removed and created again";
        }
      }
      if (what != null) {
        throw new IllegalStateException("Store \"" + Text.escape(entry.store())
            + "\" changed since the plan: key \"" + Text.escape(entry.key()) + "\" " + what
            + "; nothing was applied from this change on: make a new plan");
      }
    }
  }

  /**
   * Returns the value this step puts: the one the plan holds, or the kept entry's read now (past
   * any cached one); {@code null} when it puts none.
   */
  String value(Secrets runtime) {
    return switch (value) {
      case GIVEN -> given;
      case KEEP -> read(runtime, keepStore, keepKey);
      default -> null;
    };
  }

  /**
   * Throws if the kind of the metadata this step puts refuses {@code wanted} (as the store's put
   * would, but before anything is written); parses in memory only.
   */
  void check(Secrets runtime, String wanted) {
    Optional<SecretKind<?>> kind = runtime.kind(metadata.kind());
    Optional<String> refusal = kind.isEmpty()
        ? Optional.of("cannot be checked: this runtime knows no kind \"" + metadata.kind() + "\"")
        : Values.refusal(kind.get(), wanted);
    if (refusal.isPresent()) {
      throw new IllegalStateException("The value of secret \"" + Text.escape(change.secret())
          + "\" (" + Text.escape(change.store()) + ", key \"" + Text.escape(change.key()) + "\") "
          + refusal.get() + "; nothing was applied: make a new plan");
    }
  }

  /**
   * Performs the step through {@code runtime}'s stores, putting {@code wanted} (from
   * {@link #value}, checked); the caller verified the versions just before. {@code written} is
   * run after each write that succeeded, before the next one.
   */
  void perform(Secrets runtime, String wanted, Runnable written) {
    String store = change.store();
    String key = change.key();
    switch (change.action()) {
      case DELETE:
        runtime.store(store).remove(key);
        written.run();
        return;
      case CREATE:
      case UPDATE:
      case REPLACE:
        break;
      default:
        return;
    }
    SecretStore target = runtime.store(store);
    if (value != Value.NONE) {
      // Over the entry when there is one: no moment without the key, nothing lost if it fails.
      target.put(key, wanted, metadata);
      written.run();
    }
    for (String principal : grants) {
      target.grant(key, principal);
      written.run();
    }
    if (moveFrom != null) {
      runtime.store(moveFrom.store()).remove(moveFrom.key());
      written.run();
    }
  }

  /** Drops the value this step holds, once the plan it belongs to is spent. */
  void forget() {
    given = null;
  }

  /** Whether this step still holds a value read or generated when planning. */
  boolean holdsValue() {
    return given != null;
  }

  /** Reads the stored value of a key now, past any cached one. */
  static String read(Secrets runtime, String store, String key) {
    Secret secret = runtime.store(store).secret(key);
    runtime.invalidate(secret);
    return secret.getValue();
  }

  /** Names the change; never the value. */
  @Override
  public String toString() {
    return "PlanStep{" + change + "}";
  }
}
