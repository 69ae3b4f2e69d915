package io.github.secrets4j;

import io.github.secrets4j.internal.Text;
import io.github.secrets4j.internal.store.StoreNames;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link SecretStore} knows about one stored secret: its key, version, times, metadata,
 * owner and grants. Never its value: values are read through a {@link Secret}
 * ({@link SecretStore#secret(String)}).
 *
 * <p>Immutable and thread-safe. Providers that can write make one with {@link #builder(String)}.
 * {@link #toString()} names the key and version only.
 */
public final class StoredSecret {
  private final String key;
  private final long version;
  private final Instant created;
  private final Instant updated;
  private final SecretMetadata metadata;
  private final String owner;
  private final Set<String> grants;

  private StoredSecret(Builder builder) {
    this.key = builder.key;
    this.version = builder.version;
    this.created = builder.created;
    this.updated = builder.updated;
    this.metadata = builder.metadata;
    this.owner = builder.owner;
    this.grants = Collections.unmodifiableSet(new TreeSet<>(builder.grants));
  }

  /**
   * Returns a builder of an entry, for providers that can write.
   *
   * @param key the entry's key (checked as {@link SecretStore#put(String, String)} checks it)
   * @return a new builder: version 1, no metadata, owner or grants; set both times before
   *     {@code build()}
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException if {@code key} is not a valid key
   */
  public static Builder builder(String key) {
    return new Builder(StoreNames.requireKey(key));
  }

  /**
   * Returns a builder holding this entry's fields, to make the next version or change grants.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder builder = new Builder(key);
    builder.version = version;
    builder.created = created;
    builder.updated = updated;
    builder.metadata = metadata;
    builder.owner = owner;
    builder.grants.addAll(grants);
    return builder;
  }

  /**
   * Returns the key the entry is stored under.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Returns the version: 1 for the first put of the key, one more for every put after it.
   *
   * @return the version, at least 1
   */
  public long version() {
    return version;
  }

  /**
   * Returns when the key was first put (kept across later puts).
   *
   * @return the creation time
   */
  public Instant created() {
    return created;
  }

  /**
   * Returns when this version was put.
   *
   * @return the time of the last put, never before {@link #created()}
   */
  public Instant updated() {
    return updated;
  }

  /**
   * Returns the metadata put with this version.
   *
   * @return the metadata, never a value
   */
  public SecretMetadata metadata() {
    return metadata;
  }

  /**
   * Returns the principal that put the key first, through a {@link Secrets#forPrincipal} view.
   *
   * @return the owner, or empty for an entry the host application put
   */
  public Optional<String> owner() {
    return Optional.ofNullable(owner);
  }

  /**
   * Returns the principals granted read access besides the owner.
   *
   * @return the principals, sorted, unmodifiable
   */
  public Set<String> grants() {
    return grants;
  }

  /**
   * Returns whether {@code principal} may read the entry through its principal view: it owns it
   * or was granted it.
   *
   * @param principal the principal
   * @return whether it may read the entry
   * @throws NullPointerException if {@code principal} is null
   */
  public boolean readableBy(String principal) {
    Objects.requireNonNull(principal, "principal");
    return principal.equals(owner) || grants.contains(principal);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof StoredSecret)) {
      return false;
    }
    StoredSecret that = (StoredSecret) other;
    return key.equals(that.key) && version == that.version && created.equals(that.created)
        && updated.equals(that.updated) && metadata.equals(that.metadata)
        && Objects.equals(owner, that.owner) && grants.equals(that.grants);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, version, created, updated, metadata, owner, grants);
  }

  /** Names the key (escaped, bounded) and version; nothing else. */
  @Override
  public String toString() {
    return "StoredSecret{key=\"" + Text.escape(key) + "\", version=" + version + "}";
  }

  /** Builds a {@link StoredSecret}; every setter checks its argument at once. */
  public static final class Builder {
    private final String key;
    private long version = 1;
    private Instant created;
    private Instant updated;
    private SecretMetadata metadata = SecretMetadata.empty();
    private String owner;
    private final Set<String> grants = new TreeSet<>();

    private Builder(String key) {
      this.key = key;
    }

    /**
     * Sets the version.
     *
     * @param version at least 1
     * @return this builder
     * @throws IllegalArgumentException if it is less than 1
     */
    public Builder version(long version) {
      if (version < 1) {
        throw new IllegalArgumentException("version must be at least 1, not " + version);
      }
      this.version = version;
      return this;
    }

    /**
     * Sets when the key was first put.
     *
     * @param created the creation time
     * @return this builder
     * @throws NullPointerException if it is null
     */
    public Builder created(Instant created) {
      this.created = Objects.requireNonNull(created, "created");
      return this;
    }

    /**
     * Sets when this version was put.
     *
     * @param updated the time of the put
     * @return this builder
     * @throws NullPointerException if it is null
     */
    public Builder updated(Instant updated) {
      this.updated = Objects.requireNonNull(updated, "updated");
      return this;
    }

    /**
     * Sets the metadata.
     *
     * @param metadata the metadata
     * @return this builder
     * @throws NullPointerException if it is null
     */
    public Builder metadata(SecretMetadata metadata) {
      this.metadata = Objects.requireNonNull(metadata, "metadata");
      return this;
    }

    /**
     * Sets the owner, or clears it with {@code null}.
     *
     * @param owner the principal that owns the entry, or {@code null} for none
     * @return this builder
     * @throws IllegalArgumentException if it is not a valid principal name
     */
    public Builder owner(String owner) {
      this.owner = owner == null ? null : StoreNames.requirePrincipal(owner);
      return this;
    }

    /**
     * Replaces the grants.
     *
     * @param grants the principals granted read access
     * @return this builder
     * @throws NullPointerException if the set or an element is null
     * @throws IllegalArgumentException if an element is not a valid principal name
     */
    public Builder grants(Set<String> grants) {
      Objects.requireNonNull(grants, "grants");
      Set<String> checked = new TreeSet<>();
      for (String principal : grants) {
        checked.add(StoreNames.requirePrincipal(principal));
      }
      this.grants.clear();
      this.grants.addAll(checked);
      return this;
    }

    /**
     * Builds the entry.
     *
     * @return the immutable entry
     * @throws IllegalStateException if a time is missing or {@code updated} is before
     *     {@code created}
     */
    public StoredSecret build() {
      if (created == null || updated == null) {
        throw new IllegalStateException("StoredSecret \"" + Text.escape(key)
            + "\": created and updated are required");
      }
      if (updated.isBefore(created)) {
        throw new IllegalStateException("StoredSecret \"" + Text.escape(key)
            + "\": updated must not be before created");
      }
      return new StoredSecret(this);
    }
  }
}
