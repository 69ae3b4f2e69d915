package io.github.secrets4j;

import io.github.secrets4j.internal.Text;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a {@link SecretsPlan}: what reconcile does (or would do) to one store entry, and
 * why. Immutable; names secrets, stores and keys, never a value.
 */
public final class PlannedChange {
  /** What a change does to a store entry. */
  public enum Action {
    /** A new entry is put, with the managed marker ({@code +}). */
    CREATE("+"),
    /** A managed entry is updated in place: value, description, labels, grants, or adopted
     * ({@code ~}). */
    UPDATE("~"),
    /** A managed entry whose slug, kind, store or key changed is removed and put again
     * ({@code -/+}). */
    REPLACE("-/+"),
    /** A managed entry no longer declared is removed; only with prune on ({@code -}). */
    DELETE("-"),
    /** The entry matches its definition; nothing is done. */
    NOOP(" "),
    /** The key is taken by an entry reconcile may not touch; {@link SecretsPlan#apply()}
     * refuses a plan with one ({@code !}). */
    CONFLICT("!");

    private final String symbol;

    Action(String symbol) {
      this.symbol = symbol;
    }

    /**
     * Returns the symbol {@link SecretsPlan#toText()} shows this action with.
     *
     * @return {@code +}, {@code ~}, {@code -/+}, {@code -}, a space or {@code !}
     */
    public String symbol() {
      return symbol;
    }
  }

  private final Action action;
  private final String secret;
  private final String store;
  private final String key;
  private final List<String> reasons;

  PlannedChange(Action action, String secret, String store, String key, List<String> reasons) {
    this.action = action;
    this.secret = secret;
    this.store = store;
    this.key = key;
    this.reasons = List.copyOf(reasons);
  }

  /**
   * Returns what the change does.
   *
   * @return the action
   */
  public Action action() {
    return action;
  }

  /**
   * Returns the name of the defined secret the entry belongs to; for a removed entry, the name
   * it was put under (its key when it records none).
   *
   * @return the secret's name in its definition file
   */
  public String secret() {
    return secret;
  }

  /**
   * Returns the slug of the store (provider) the entry is in.
   *
   * @return the store's slug
   */
  public String store() {
    return store;
  }

  /**
   * Returns the entry's key; for a replace that moves an entry, the new key.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Returns why: every difference found, joined with {@code "; "}. Values show only as
   * {@code (sensitive)}.
   *
   * @return the reason, such as {@code description changes; grants read access to "alice"}
   */
  public String reason() {
    return String.join("; ", reasons);
  }

  List<String> reasons() {
    return reasons;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PlannedChange that && action == that.action
        && secret.equals(that.secret) && store.equals(that.store) && key.equals(that.key)
        && reasons.equals(that.reasons);
  }

  @Override
  public int hashCode() {
    return Objects.hash(action, secret, store, key, reasons);
  }

  /** The action, the secret, the store and key (escaped) and the reason; never a value. */
  @Override
  public String toString() {
    return "PlannedChange{" + action + " \"" + Text.escape(secret) + "\" in " + store + " key \""
        + Text.escape(key) + "\": " + Text.escape(reason(), 1000) + "}";
  }
}
