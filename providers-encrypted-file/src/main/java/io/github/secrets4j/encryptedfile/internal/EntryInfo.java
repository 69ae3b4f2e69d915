package io.github.secrets4j.encryptedfile.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the engine tells about one entry: metadata only, never a value nor a ciphertext. The SPI
 * glue maps it to the API's {@code StoredSecret}.
 */
public final class EntryInfo {
  private final String key;
  private final long version;
  private final Instant created;
  private final Instant updated;
  private final String kind;
  private final Optional<String> description;
  private final Map<String, String> labels;
  private final Optional<String> owner;
  private final Set<String> grants;
  private final List<Long> versions;

  EntryInfo(String key, long version, Instant created, Instant updated, String kind,
      Optional<String> description, Map<String, String> labels, Optional<String> owner,
      Set<String> grants, List<Long> versions) {
    this.key = key;
    this.version = version;
    this.created = created;
    this.updated = updated;
    this.kind = kind;
    this.description = description;
    this.labels = labels;
    this.owner = owner;
    this.grants = grants;
    this.versions = List.copyOf(versions);
  }

  /** @return the key */
  public String key() {
    return key;
  }

  /** @return the latest version's number (1 for the first put, +1 per put) */
  public long version() {
    return version;
  }

  /** @return when the key was first put */
  public Instant created() {
    return created;
  }

  /** @return when the latest version was put */
  public Instant updated() {
    return updated;
  }

  /** @return the kind ({@code "opaque"} unless set) */
  public String kind() {
    return kind;
  }

  /** @return the description, if any */
  public Optional<String> description() {
    return description;
  }

  /** @return the labels, sorted by name, unmodifiable */
  public Map<String, String> labels() {
    return labels;
  }

  /** @return the principal that owns the entry, if any */
  public Optional<String> owner() {
    return owner;
  }

  /** @return the principals granted read access, sorted, unmodifiable */
  public Set<String> grants() {
    return grants;
  }

  /** @return the numbers of the versions kept, oldest first */
  public List<Long> versions() {
    return versions;
  }

  /** Names the key and the version only. */
  @Override
  public String toString() {
    return "EntryInfo[" + key + ", version " + version + "]";
  }
}
