package io.github.secrets4j;

import io.github.secrets4j.internal.Slugs;
import io.github.secrets4j.internal.Text;
import io.github.secrets4j.internal.store.StoreNames;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a store keeps about a secret besides its value: a kind, a description and labels. Never a
 * value: metadata is stored and listed in the clear by every store.
 *
 * <p>Immutable and thread-safe. Made with {@link #builder()} (whose setters check their argument
 * at once) or {@link #empty()}. Limits: the kind is a slug (lower-case letters, digits, {@code -}
 * and {@code _}) of at most 64 chars; the description at most 1,000 chars; at most 64 labels, a
 * label's name not blank and at most 128 chars, its value at most 512 chars; no control
 * characters anywhere. Providers may restrict further (a backend's own limits).
 */
public final class SecretMetadata {
  /** The kind of a secret whose metadata names none. */
  public static final String DEFAULT_KIND = "opaque";

  private static final SecretMetadata EMPTY = new SecretMetadata(DEFAULT_KIND, null, Map.of());

  private final String kind;
  private final String description;
  private final Map<String, String> labels;

  private SecretMetadata(String kind, String description, Map<String, String> labels) {
    this.kind = kind;
    this.description = description;
    this.labels = labels;
  }

  /**
   * Returns metadata with the default kind, no description and no labels.
   *
   * @return the empty metadata
   */
  public static SecretMetadata empty() {
    return EMPTY;
  }

  /**
   * Returns a builder of metadata, starting empty.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder starting from this metadata, to change a part of it.
   *
   * @return a new builder holding this metadata's kind, description and labels
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.kind = kind;
    builder.description = description;
    builder.labels.putAll(labels);
    return builder;
  }

  /**
   * Returns what kind of secret this is: the name of a {@link SecretKind}, such as {@code opaque},
   * {@code env} or {@code tls}. {@link SecretStore#put(String, String, SecretMetadata)} checks the
   * value with that kind and refuses a kind name its runtime does not know.
   *
   * @return the kind; {@value #DEFAULT_KIND} unless set
   */
  public String kind() {
    return kind;
  }

  /**
   * Returns the description.
   *
   * @return the description, or empty when none was set
   */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /**
   * Returns the labels.
   *
   * @return the labels by name, sorted by name, unmodifiable
   */
  public Map<String, String> labels() {
    return labels;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof SecretMetadata)) {
      return false;
    }
    SecretMetadata that = (SecretMetadata) other;
    return kind.equals(that.kind) && Objects.equals(description, that.description)
        && labels.equals(that.labels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, description, labels);
  }

  /** Shows the kind and how many labels there are; not the description nor the labels. */
  @Override
  public String toString() {
    return "SecretMetadata{kind=" + kind + ", labels=" + labels.size() + "}";
  }

  /** Builds {@link SecretMetadata}; every setter checks its argument at once. */
  public static final class Builder {
    private String kind = DEFAULT_KIND;
    private String description;
    private final Map<String, String> labels = new TreeMap<>();

    private Builder() {}

    /**
     * Sets the kind: the name of a {@link SecretKind}. Only its form is checked here; a store
     * checks that its runtime knows the kind, and the value, at the put.
     *
     * @param kind a slug of at most 64 chars, such as {@code env}
     * @return this builder
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is not such a slug
     */
    public Builder kind(String kind) {
      Objects.requireNonNull(kind, "kind");
      if (kind.length() > StoreNames.MAX_KIND) {
        throw new IllegalArgumentException("kind is " + kind.length() + " chars long; at most "
            + StoreNames.MAX_KIND + " are allowed");
      }
      this.kind = Slugs.requireValid(kind, "kind");
      return this;
    }

    /**
     * Sets the description, free text shown by tools that list a store (never a value).
     *
     * @param description at most 1,000 chars without control characters
     * @return this builder
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is blank, too long or holds a control character
     */
    public Builder description(String description) {
      Objects.requireNonNull(description, "description");
      this.description =
          StoreNames.requireName(description, "description", StoreNames.MAX_DESCRIPTION);
      return this;
    }

    /**
     * Sets one label, replacing a label of that name.
     *
     * @param name the label's name: not blank, at most 128 chars
     * @param value the label's value: at most 512 chars (may be empty)
     * @return this builder
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if either is invalid or there would be more than 64 labels
     */
    public Builder label(String name, String value) {
      Objects.requireNonNull(name, "label name");
      if (value == null) {
        throw new NullPointerException("value of label \"" + Text.escape(name) + "\"");
      }
      StoreNames.requireName(name, "label name", StoreNames.MAX_LABEL_NAME);
      if (value.length() > StoreNames.MAX_LABEL_VALUE) {
        throw new IllegalArgumentException("value of label \"" + Text.escape(name) + "\" is "
            + value.length() + " chars long; at most " + StoreNames.MAX_LABEL_VALUE
            + " are allowed");
      }
      for (int i = 0; i < value.length(); i++) {
        if (Character.isISOControl(value.charAt(i))) {
          // The message is built only for a value it refuses.
          StoreNames.requireNoControl(value, "value of label \"" + Text.escape(name) + "\"");
        }
      }
      if (!labels.containsKey(name) && labels.size() >= StoreNames.MAX_LABELS) {
        throw new IllegalArgumentException("at most " + StoreNames.MAX_LABELS
            + " labels are allowed");
      }
      labels.put(name, value);
      return this;
    }

    /**
     * Sets several labels, as {@link #label(String, String)} does for each.
     *
     * @param labels the labels' names and values
     * @return this builder
     * @throws NullPointerException if the map, a name or a value is null
     * @throws IllegalArgumentException if a name or value is invalid or not a string (raw maps),
     *     or there would be more than 64 labels
     */
    public Builder labels(Map<String, String> labels) {
      Objects.requireNonNull(labels, "labels");
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) labels).entrySet()) {
        Object name = entry.getKey();
        Object value = entry.getValue();
        if (name != null && !(name instanceof String)) {
          throw new IllegalArgumentException("label names must be strings, not "
              + name.getClass().getSimpleName());
        }
        if (value != null && !(value instanceof String)) {
          throw new IllegalArgumentException("label \"" + Text.escape((String) name)
              + "\" must be a string, not a " + value.getClass().getSimpleName());
        }
        label((String) name, (String) value);
      }
      return this;
    }

    /**
     * Builds the metadata.
     *
     * @return immutable metadata
     */
    public SecretMetadata build() {
      return new SecretMetadata(kind, description,
          Collections.unmodifiableMap(new TreeMap<>(labels)));
    }
  }
}
