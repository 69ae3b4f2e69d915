package io.github.secrets4j.encryptedfile.internal;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The content of one store file: its store id, its generation and its entries by key. Immutable. */
final class StoreState {
  final String storeId;
  /** +1 per write; sealed by the MAC, so a file cannot claim another generation than it was written with. */
  final long generation;
  final NavigableMap<String, Entry> entries;

  StoreState(String storeId, long generation, NavigableMap<String, Entry> entries) {
    this(storeId, generation, new TreeMap<>(entries));
  }

  private StoreState(String storeId, long generation, TreeMap<String, Entry> owned) {
    this.storeId = storeId;
    this.generation = generation;
    this.entries = Collections.unmodifiableNavigableMap(owned);
  }

  /** A state just parsed, without a copy of its entries: the reader hands over a map nothing else holds. */
  static StoreState parsed(String storeId, long generation, TreeMap<String, Entry> entries) {
    return new StoreState(storeId, generation, entries);
  }

  static StoreState empty(String storeId) {
    return new StoreState(storeId, 0, new TreeMap<>());
  }

  /** A mutable copy of the entries, for building the next state. */
  TreeMap<String, Entry> entriesCopy() {
    return new TreeMap<>(entries);
  }

  StoreState next(NavigableMap<String, Entry> newEntries) {
    return new StoreState(storeId, generation + 1, newEntries);
  }
}
