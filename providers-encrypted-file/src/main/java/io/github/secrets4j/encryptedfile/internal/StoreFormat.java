package io.github.secrets4j.encryptedfile.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The store file's JSON layout, and the canonical bytes its MAC and each value's associated data
 * are computed over. See the package documentation of {@code io.github.secrets4j.encryptedfile}
 * for the format.
 */
final class StoreFormat {
  static final String FORMAT = "secrets4j-encrypted-file/1";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Set<String> TOP_FIELDS = Set.of("format", "store", "generation", "entries", "mac");
  private static final Set<String> ENTRY_FIELDS = Set.of(
      "key", "created", "updated", "kind", "description", "labels", "owner", "grants", "versions");
  private static final Set<String> VERSION_FIELDS = Set.of("version", "created", "value");

  private StoreFormat() {}

  /** A store file that cannot be read as one; the reason quotes no content of the file. */
  static final class FormatException extends Exception {
    private static final long serialVersionUID = 1L;

    FormatException(String reason) {
      super(reason, null, false, false);
    }
  }

  /** A parsed file: the state and the tag the file carries. */
  static final class Sealed {
    final StoreState state;
    final byte[] mac;

    Sealed(StoreState state, byte[] mac) {
      this.state = state;
      this.mac = mac;
    }
  }

  static byte[] write(StoreState state, byte[] mac) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("store", state.storeId);
    root.put("generation", state.generation);
    ArrayNode entries = root.putArray("entries");
    for (Entry e : state.entries.values()) {
      ObjectNode n = entries.addObject();
      n.put("key", e.key);
      n.put("created", e.created.toString());
      n.put("updated", e.updated.toString());
      n.put("kind", e.kind);
      e.description.ifPresent(d -> n.put("description", d));
      ObjectNode labels = n.putObject("labels");
      e.labels.forEach(labels::put);
      e.owner.ifPresent(o -> n.put("owner", o));
      ArrayNode grants = n.putArray("grants");
      e.grants.forEach(grants::add);
      ArrayNode versions = n.putArray("versions");
      for (Version v : e.versions) {
        ObjectNode vn = versions.addObject();
        vn.put("version", v.number);
        vn.put("created", v.created.toString());
        vn.put("value", Base64.getEncoder().encodeToString(v.ciphertext()));
      }
    }
    root.put("mac", Base64.getEncoder().encodeToString(mac));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the store", e);
    }
  }

  static Sealed read(byte[] bytes) throws FormatException {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the token it choked on, which might be anything (a plaintext
      // file given as the store by mistake): only the location is kept.
      JsonLocation at = e.getLocation();
      throw new FormatException("is not valid JSON (line " + (at == null ? "?" : at.getLineNr())
          + ", column " + (at == null ? "?" : at.getColumnNr()) + "); truncated, or not a store file");
    } catch (IOException e) {
      throw new FormatException("cannot be parsed as JSON");
    }
    if (root == null || !root.isObject()) {
      throw new FormatException("is empty or not a JSON object");
    }
    fields(root, TOP_FIELDS, "the top level");
    if (!FORMAT.equals(text(root, "format", "the top level"))) {
      throw new FormatException("is not a " + FORMAT + " store file (field format)");
    }
    String storeId = text(root, "store", "the top level");
    JsonNode generation = root.get("generation");
    if (generation == null || !generation.canConvertToExactIntegral() || generation.asLong() < 1) {
      throw new FormatException("has no valid generation");
    }
    JsonNode entriesNode = root.get("entries");
    if (entriesNode == null || !entriesNode.isArray()) {
      throw new FormatException("has no entries array");
    }
    TreeMap<String, Entry> entries = new TreeMap<>();
    String previous = null;
    int index = 0;
    for (JsonNode n : entriesNode) {
      String where = "entry #" + (index + 1);
      if (!n.isObject()) {
        throw new FormatException("has an " + where + " that is not an object");
      }
      fields(n, ENTRY_FIELDS, where);
      String key = text(n, "key", where);
      if (previous != null && previous.compareTo(key) >= 0) {
        throw new FormatException("has its entries out of order or duplicated at " + where);
      }
      previous = key;
      entries.put(key, entry(n, key, where));
      index++;
    }
    byte[] mac = base64(text(root, "mac", "the top level"), "the mac");
    return new Sealed(new StoreState(storeId, generation.asLong(), entries), mac);
  }

  private static Entry entry(JsonNode n, String key, String where) throws FormatException {
    Instant created = instant(n, "created", where);
    Instant updated = instant(n, "updated", where);
    String kind = text(n, "kind", where);
    Optional<String> description = optionalText(n, "description", where);
    Optional<String> owner = optionalText(n, "owner", where);
    JsonNode labelsNode = n.get("labels");
    if (labelsNode == null || !labelsNode.isObject()) {
      throw new FormatException("has no labels object in " + where);
    }
    TreeMap<String, String> labels = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = labelsNode.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> label = it.next();
      if (!label.getValue().isTextual()) {
        throw new FormatException("has a label that is not a string in " + where);
      }
      labels.put(label.getKey(), label.getValue().asText());
    }
    JsonNode grantsNode = n.get("grants");
    if (grantsNode == null || !grantsNode.isArray()) {
      throw new FormatException("has no grants array in " + where);
    }
    TreeSet<String> grants = new TreeSet<>();
    for (JsonNode g : grantsNode) {
      if (!g.isTextual() || !grants.add(g.asText())) {
        throw new FormatException("has a grant that is not a string or is repeated in " + where);
      }
    }
    JsonNode versionsNode = n.get("versions");
    if (versionsNode == null || !versionsNode.isArray() || versionsNode.isEmpty()) {
      throw new FormatException("has no versions in " + where);
    }
    List<Version> versions = new ArrayList<>();
    long last = 0;
    for (JsonNode v : versionsNode) {
      if (!v.isObject()) {
        throw new FormatException("has a version that is not an object in " + where);
      }
      fields(v, VERSION_FIELDS, where);
      JsonNode number = v.get("version");
      if (number == null || !number.canConvertToExactIntegral() || number.asLong() <= last) {
        throw new FormatException("has version numbers that are missing or not increasing in " + where);
      }
      last = number.asLong();
      versions.add(new Version(last, instant(v, "created", where), base64(text(v, "value", where), "a value in " + where)));
    }
    return new Entry(key, created, updated, kind, description, labels, owner, grants, versions);
  }

  private static void fields(JsonNode node, Set<String> allowed, String where) throws FormatException {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      if (!allowed.contains(it.next())) {
        throw new FormatException("has an unknown field in " + where);
      }
    }
  }

  private static String text(JsonNode node, String field, String where) throws FormatException {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new FormatException("has no string field " + field + " in " + where);
    }
    return value.asText();
  }

  private static Optional<String> optionalText(JsonNode node, String field, String where)
      throws FormatException {
    return node.has(field) ? Optional.of(text(node, field, where)) : Optional.empty();
  }

  private static Instant instant(JsonNode node, String field, String where) throws FormatException {
    try {
      return Instant.parse(text(node, field, where));
    } catch (DateTimeParseException e) {
      throw new FormatException("has an invalid timestamp in field " + field + " of " + where);
    }
  }

  private static byte[] base64(String text, String what) throws FormatException {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new FormatException("has invalid base64 in " + what);
    }
  }

  /**
   * The bytes the file's MAC is computed over: every field of the state in a fixed order, each
   * string and byte string prefixed with its length and each optional with a presence tag, so two
   * different states never give the same bytes (no ambiguity a forger could use).
   */
  static byte[] canonical(StoreState state) {
    Canonical c = new Canonical();
    c.text(FORMAT).text(state.storeId).number(state.generation).number(state.entries.size());
    for (Entry e : state.entries.values()) {
      c.text(e.key).text(e.created.toString()).text(e.updated.toString()).text(e.kind)
          .optional(e.description).number(e.labels.size());
      e.labels.forEach((k, v) -> c.text(k).text(v));
      c.optional(e.owner).number(e.grants.size());
      e.grants.forEach(c::text);
      c.number(e.versions.size());
      for (Version v : e.versions) {
        c.number(v.number).text(v.created.toString()).bytes(v.ciphertext());
      }
    }
    return c.out.toByteArray();
  }

  /** The associated data of one value: binds its ciphertext to the store, the key and the version. */
  static byte[] associatedData(String storeId, String key, long version) {
    return new Canonical().text(FORMAT).text(storeId).text(key).number(version).out.toByteArray();
  }

  private static final class Canonical {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Canonical number(long n) {
      for (int i = 7; i >= 0; i--) {
        out.write((int) (n >>> (8 * i)));
      }
      return this;
    }

    Canonical bytes(byte[] b) {
      number(b.length);
      out.writeBytes(b);
      return this;
    }

    Canonical text(String s) {
      return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    Canonical optional(Optional<String> s) {
      out.write(s.isPresent() ? 1 : 0);
      s.ifPresent(this::text);
      return this;
    }
  }
}
