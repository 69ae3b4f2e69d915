package io.github.secrets4j.encryptedfile.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One key of the store as it is in the file: metadata in the clear, the kept versions encrypted.
 * Immutable; every change makes a new entry.
 */
final class Entry {
  final String key;
  final Instant created;
  final Instant updated;
  final String kind;
  final Optional<String> description;
  final SortedMap<String, String> labels;
  final Optional<String> owner;
  final SortedSet<String> grants;
  /** Oldest first, numbers strictly increasing, never empty. */
  final List<Version> versions;

  Entry(String key, Instant created, Instant updated, String kind, Optional<String> description,
      Map<String, String> labels, Optional<String> owner, java.util.Set<String> grants,
      List<Version> versions) {
    this(key, created, updated, kind, description, new TreeMap<>(labels), owner, new TreeSet<>(grants),
        List.copyOf(versions));
  }

  private Entry(String key, Instant created, Instant updated, String kind, Optional<String> description,
      TreeMap<String, String> labels, Optional<String> owner, TreeSet<String> grants, List<Version> versions) {
    this.key = key;
    this.created = created;
    this.updated = updated;
    this.kind = kind;
    this.description = description;
    this.labels = Collections.unmodifiableSortedMap(labels);
    this.owner = owner;
    this.grants = Collections.unmodifiableSortedSet(grants);
    this.versions = versions;
  }

  /**
   * An entry just parsed, without copies of its parts: the reader hands over collections that
   * nothing else holds ({@code versions} not empty).
   */
  static Entry parsed(String key, Instant created, Instant updated, String kind, Optional<String> description,
      TreeMap<String, String> labels, Optional<String> owner, TreeSet<String> grants, ArrayList<Version> versions) {
    return new Entry(key, created, updated, kind, description, labels, owner, grants,
        Collections.unmodifiableList(versions));
  }

  Version latest() {
    return versions.get(versions.size() - 1);
  }

  Optional<Version> version(long number) {
    return versions.stream().filter(v -> v.number == number).findFirst();
  }

  Entry withGrants(java.util.Set<String> newGrants) {
    return new Entry(key, created, updated, kind, description, labels, owner, newGrants, versions);
  }

  Entry withVersions(List<Version> newVersions) {
    return new Entry(key, created, updated, kind, description, labels, owner, grants, newVersions);
  }

  EntryInfo info() {
    return new EntryInfo(key, latest().number, created, updated, kind, description, labels, owner,
        grants, versions.stream().map(v -> v.number).toList());
  }

  @Override
  public String toString() {
    return "Entry[" + key + ", version " + latest().number + "]";
  }
}
