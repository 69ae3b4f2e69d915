package io.github.secrets4j.encryptedfile.internal;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The metadata a put sets (the SPI glue maps the API's {@code SecretMetadata} to it). Holds no
 * value.
 */
public final class EntryMetadata {
  /** The kind of an entry put without one. */
  public static final String DEFAULT_KIND = "opaque";

  private final String kind;
  private final Optional<String> description;
  private final Map<String, String> labels;

  /**
   * Creates metadata.
   *
   * @param kind the kind, not null
   * @param description the description, if any
   * @param labels the labels, copied; no null names or values
   */
  public EntryMetadata(String kind, Optional<String> description, Map<String, String> labels) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.description = Objects.requireNonNull(description, "description");
    this.labels = new TreeMap<>(Objects.requireNonNull(labels, "labels"));
    this.labels.forEach((k, v) -> {
      Objects.requireNonNull(k, "label name");
      Objects.requireNonNull(v, "label value");
    });
  }

  /** @return kind {@value #DEFAULT_KIND}, no description, no labels */
  public static EntryMetadata empty() {
    return new EntryMetadata(DEFAULT_KIND, Optional.empty(), Map.of());
  }

  String kind() {
    return kind;
  }

  Optional<String> description() {
    return description;
  }

  Map<String, String> labels() {
    return labels;
  }

  @Override
  public String toString() {
    return "EntryMetadata[kind=" + kind + "]";
  }
}
