package io.github.secrets4j.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.secrets4j.SecretMetadata;
import io.github.secrets4j.StoredSecret;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metadata file of one key of a text-file store, {@code <store-root>/.meta/<key>.json}: what
 * is known about the key, never its value.
 *
 * <pre>{@code
 * {"format":1,
 *  "entry":{"version":2,"created":"...","updated":"...","kind":"opaque","description":"...",
 *           "labels":{"team":"core"},"owner":"alice","grants":["bob"],"file":"(dev=803,ino=42)"},
 *  "previous":{... the entry before the last put, same fields ...}}
 * }</pre>
 *
 * <p>{@code file} is the identity (device and inode) of the value file that version was written
 * to; {@code previous} is kept so that a put interrupted between writing the sidecar and
 * renaming the value into place reads as the version actually on disk (see
 * {@link TextFileStore}).
 *
 * @param entry the last version put (its value may not have landed, after a crash)
 * @param entryFile the identity of the value file written for {@code entry}, or {@code null}
 * @param previous the version before it, or {@code null}
 * @param previousFile the identity of the value file of {@code previous}, or {@code null}
 */
record Sidecar(StoredSecret entry, String entryFile, StoredSecret previous, String previousFile) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FORMAT = 1;

  /** Holds no value, but keys, owners and grants need not be printed either. */
  @Override
  public String toString() {
    return "Sidecar{" + entry + "}";
  }

  byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.set("entry", write(entry, entryFile));
    if (previous != null) {
      root.set("previous", write(previous, previousFile));
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a sidecar: " + e.getClass().getName());
    }
  }

  private static ObjectNode write(StoredSecret secret, String file) {
    ObjectNode node = JSON.createObjectNode();
    node.put("version", secret.version());
    node.put("created", secret.created().toString());
    node.put("updated", secret.updated().toString());
    node.put("kind", secret.metadata().kind());
    secret.metadata().description().ifPresent(d -> node.put("description", d));
    ObjectNode labels = node.putObject("labels");
    secret.metadata().labels().forEach(labels::put);
    secret.owner().ifPresent(o -> node.put("owner", o));
    ArrayNode grants = node.putArray("grants");
    secret.grants().forEach(grants::add);
    if (file != null) {
      node.put("file", file);
    }
    return node;
  }

  /**
   * Parses a sidecar.
   *
   * @throws IllegalArgumentException naming what is wrong (never quoting the content)
   */
  static Sidecar parse(String key, byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("it is not JSON (" + e.getClass().getSimpleName() + ")");
    }
    if (root == null || !root.isObject() || root.path("format").asInt() != FORMAT) {
      throw new IllegalArgumentException("it is not a format " + FORMAT + " sidecar");
    }
    JsonNode entry = root.get("entry");
    JsonNode previous = root.get("previous");
    return new Sidecar(read(key, entry), file(entry),
        previous == null ? null : read(key, previous), file(previous));
  }

  private static String file(JsonNode node) {
    return node == null || !node.hasNonNull("file") ? null : node.get("file").asText();
  }

  private static StoredSecret read(String key, JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("an entry is missing or not an object");
    }
    try {
      SecretMetadata.Builder metadata = SecretMetadata.builder().kind(text(node, "kind"));
      if (node.hasNonNull("description")) {
        metadata.description(text(node, "description"));
      }
      JsonNode labels = node.path("labels");
      for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> label = it.next();
        if (!label.getValue().isTextual()) {
          throw new IllegalArgumentException("a label is not a string");
        }
        metadata.label(label.getKey(), label.getValue().asText());
      }
      Set<String> grants = new TreeSet<>();
      for (JsonNode grant : node.path("grants")) {
        if (!grant.isTextual()) {
          throw new IllegalArgumentException("a grant is not a string");
        }
        grants.add(grant.asText());
      }
      JsonNode version = node.get("version");
      if (version == null || !version.canConvertToLong()) {
        throw new IllegalArgumentException("the version is not a number");
      }
      return StoredSecret.builder(key).version(version.asLong())
          .created(Instant.parse(text(node, "created")))
          .updated(Instant.parse(text(node, "updated")))
          .metadata(metadata.build())
          .owner(node.hasNonNull("owner") ? text(node, "owner") : null)
          .grants(grants)
          .build();
    } catch (java.time.format.DateTimeParseException | IllegalStateException e) {
      throw new IllegalArgumentException("a time is missing or invalid");
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("field " + field + " is missing or not a string");
    }
    return value.asText();
  }
}
