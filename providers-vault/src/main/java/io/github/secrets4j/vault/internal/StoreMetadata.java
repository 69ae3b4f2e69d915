package io.github.secrets4j.vault.internal;

import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import io.github.secrets4j.SecretMetadata;
import io.github.secrets4j.StoredSecret;
import io.github.secrets4j.spi.ProviderContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The store's entry record as flat string pairs, the shape of KV v2's {@code custom_metadata}:
 * {@code kind}, {@code description}, {@code owner}, one {@code grant.<principal>} per grant
 * (value {@code read}) and one {@code label.<name>} per label.
 *
 * <p>Vault's documented limits on {@code custom_metadata} are checked before anything is sent:
 * at most 64 pairs, each key 1 to 128 bytes, each value 1 to 512 bytes (UTF-8), both printable.
 * So a label with an empty value, a description over 512 bytes or too many labels and grants
 * together are refused with an {@link IllegalArgumentException} naming what does not fit.
 */
final class StoreMetadata {
  static final int MAX_KEYS = 64;
  static final int MAX_KEY_BYTES = 128;
  static final int MAX_VALUE_BYTES = 512;
  private static final String GRANT = "grant.";
  private static final String LABEL = "label.";

  /** The decoded record; the metadata falls back to the defaults for what does not parse. */
  final SecretMetadata metadata;
  final String owner;
  final Set<String> grants;

  StoreMetadata(SecretMetadata metadata, String owner, Set<String> grants) {
    this.metadata = metadata;
    this.owner = owner;
    this.grants = Set.copyOf(grants);
  }

  /** Returns this record with {@code principal} added to or removed from the grants. */
  StoreMetadata withGrant(String principal, boolean add) {
    Set<String> changed = new TreeSet<>(grants);
    if (add) {
      changed.add(principal);
    } else {
      changed.remove(principal);
    }
    return new StoreMetadata(metadata, owner, changed);
  }

  /** Returns this record with another kind, description and labels. */
  StoreMetadata withMetadata(SecretMetadata replacement) {
    return new StoreMetadata(replacement, owner, grants);
  }

  /** Builds the entry the store reports, with this record's metadata, owner and grants. */
  StoredSecret stored(String key, long version, Instant created, Instant updated) {
    return StoredSecret.builder(key).version(version).created(created)
        .updated(updated.isBefore(created) ? created : updated)
        .metadata(metadata).owner(owner).grants(grants).build();
  }

  /**
   * Encodes the record as {@code custom_metadata} pairs.
   *
   * @param context escapes the names printed in messages
   * @throws IllegalArgumentException if the pairs do not fit Vault's limits; the message names
   *     the pair, never prints a value
   */
  Map<String, String> encode(ProviderContext context) {
    Map<String, String> pairs = new LinkedHashMap<>();
    pairs.put("kind", metadata.kind());
    metadata.description().ifPresent(description -> pairs.put("description", description));
    if (owner != null) {
      pairs.put("owner", owner);
    }
    for (String grant : new TreeSet<>(grants)) {
      pairs.put(GRANT + grant, "read");
    }
    metadata.labels().forEach((name, value) -> pairs.put(LABEL + name, value));
    if (pairs.size() > MAX_KEYS) {
      throw new IllegalArgumentException("HashiCorp Vault's custom_metadata holds at most "
          + MAX_KEYS + " entries; kind, description, owner, " + grants.size() + " grants and "
          + metadata.labels().size() + " labels need " + pairs.size());
    }
    pairs.forEach((key, value) -> {
      int keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
      if (keyBytes > MAX_KEY_BYTES || !printable(key)) {
        throw new IllegalArgumentException("HashiCorp Vault's custom_metadata keys are at most "
            + MAX_KEY_BYTES + " bytes of printable UTF-8; \"" + context.escape(key, 140) + "\" has "
            + keyBytes + " (a label name or principal too long for Vault)");
      }
      int valueBytes = value.getBytes(StandardCharsets.UTF_8).length;
      if (valueBytes == 0 || valueBytes > MAX_VALUE_BYTES || !printable(value)) {
        throw new IllegalArgumentException("HashiCorp Vault's custom_metadata values are 1 to "
            + MAX_VALUE_BYTES + " bytes of printable UTF-8; the value of \""
            + context.escape(key, 140) + "\" has " + valueBytes);
      }
    });
    return pairs;
  }

  /**
   * Decodes {@code custom_metadata} (possibly null or written by another tool): pairs it does not
   * know are ignored, and a field that does not parse falls back to the default.
   */
  static StoreMetadata decode(JsonValue custom) {
    SecretMetadata.Builder metadata = SecretMetadata.builder();
    String owner = null;
    Set<String> grants = new TreeSet<>();
    if (custom != null && custom.isObject()) {
      for (JsonObject.Member member : custom.asObject()) {
        if (!member.getValue().isString()) {
          continue;
        }
        String name = member.getName();
        String value = member.getValue().asString();
        try {
          if (name.equals("kind")) {
            metadata.kind(value);
          } else if (name.equals("description")) {
            metadata.description(value);
          } else if (name.equals("owner")) {
            StoredSecret.builder("k").owner(value);
            owner = value;
          } else if (name.startsWith(GRANT)) {
            String principal = name.substring(GRANT.length());
            StoredSecret.builder("k").owner(principal);
            grants.add(principal);
          } else if (name.startsWith(LABEL)) {
            metadata.label(name.substring(LABEL.length()), value);
          }
        } catch (IllegalArgumentException | IllegalStateException e) {
          // Not ours or edited by hand: leave the field at its default.
        }
      }
    }
    return new StoreMetadata(metadata.build(), owner, grants);
  }

  /** As Vault's check (Go's {@code strutil.Printable}): no control or format characters. */
  private static boolean printable(String text) {
    return text.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL
        || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.UNASSIGNED);
  }
}
