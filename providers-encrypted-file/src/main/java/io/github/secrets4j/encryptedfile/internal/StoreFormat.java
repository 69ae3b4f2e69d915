package io.github.secrets4j.encryptedfile.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

  /**
   * The file's bytes: streamed by a generator (no tree in between), pretty-printed by Jackson's
   * default printer, byte for byte what the earlier tree-based writer gave.
   */
  static byte[] write(StoreState state, byte[] mac) {
    Bytes out = new Bytes(sizeHint(state));
    Base64.Encoder base64 = Base64.getEncoder();
    try (JsonGenerator g = JSON.getFactory().createGenerator(out.asStream())) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeStringField("store", state.storeId);
      g.writeNumberField("generation", state.generation);
      g.writeArrayFieldStart("entries");
      for (Entry e : state.entries.values()) {
        g.writeStartObject();
        g.writeStringField("key", e.key);
        g.writeStringField("created", Times.format(e.created));
        g.writeStringField("updated", Times.format(e.updated));
        g.writeStringField("kind", e.kind);
        if (e.description.isPresent()) {
          g.writeStringField("description", e.description.get());
        }
        g.writeObjectFieldStart("labels");
        for (Map.Entry<String, String> label : e.labels.entrySet()) {
          g.writeStringField(label.getKey(), label.getValue());
        }
        g.writeEndObject();
        if (e.owner.isPresent()) {
          g.writeStringField("owner", e.owner.get());
        }
        g.writeArrayFieldStart("grants");
        for (String grant : e.grants) {
          g.writeString(grant);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("versions");
        for (Version v : e.versions) {
          g.writeStartObject();
          g.writeNumberField("version", v.number);
          g.writeStringField("created", Times.format(v.created));
          g.writeStringField("value", v.encode(base64));
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeStringField("mac", base64.encodeToString(mac));
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialize the store", e);
    }
    return out.toByteArray();
  }

  /** About the size of the file (and more than its canonical encoding): one buffer, no regrowth. */
  private static int sizeHint(StoreState state) {
    long size = 1_024;
    for (Entry e : state.entries.values()) {
      size += 512 + 2L * (e.key.length() + e.kind.length() + e.description.map(String::length).orElse(0));
      for (Map.Entry<String, String> label : e.labels.entrySet()) {
        size += 16 + 2L * (label.getKey().length() + label.getValue().length());
      }
      for (String grant : e.grants) {
        size += 16 + 2L * grant.length();
      }
      for (Version v : e.versions) {
        size += 128 + v.ciphertextLength() * 4L / 3;
      }
    }
    return (int) Math.min(size, Integer.MAX_VALUE - 16);
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
      return Times.parse(text(node, field, where));
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
    Bytes c = new Bytes(sizeHint(state));
    c.text(FORMAT).text(state.storeId).number(state.generation).number(state.entries.size());
    for (Entry e : state.entries.values()) {
      c.text(e.key).text(Times.format(e.created)).text(Times.format(e.updated)).text(e.kind)
          .optional(e.description).number(e.labels.size());
      for (Map.Entry<String, String> label : e.labels.entrySet()) {
        c.text(label.getKey()).text(label.getValue());
      }
      c.optional(e.owner).number(e.grants.size());
      for (String grant : e.grants) {
        c.text(grant);
      }
      c.number(e.versions.size());
      for (Version v : e.versions) {
        c.number(v.number).text(Times.format(v.created));
        v.writeLengthAndCiphertext(c);
      }
    }
    return c.toByteArray();
  }

  /** The associated data of one value: binds its ciphertext to the store, the key and the version. */
  static byte[] associatedData(String storeId, String key, long version) {
    return new Bytes(64 + 3 * (storeId.length() + key.length())).text(FORMAT).text(storeId).text(key)
        .number(version).toByteArray();
  }

  /**
   * A growable byte buffer, unsynchronized (a {@code ByteArrayOutputStream} locks per byte), with
   * the canonical encoding's writers: big-endian 8-byte numbers, length-prefixed bytes and UTF-8
   * text, presence-tagged optionals.
   */
  static final class Bytes {
    private byte[] buffer;
    private int size;

    Bytes(int capacity) {
      buffer = new byte[Math.max(capacity, 16)];
    }

    private void ensure(int more) {
      if (buffer.length - size < more) {
        buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(Integer.MAX_VALUE - 16,
            Math.max((long) buffer.length * 2, (long) size + more)));
      }
    }

    Bytes number(long n) {
      ensure(8);
      for (int i = 7; i >= 0; i--) {
        buffer[size++] = (byte) (n >>> (8 * i));
      }
      return this;
    }

    Bytes bytes(byte[] b) {
      number(b.length);
      raw(b, 0, b.length);
      return this;
    }

    void raw(byte[] b, int offset, int length) {
      ensure(length);
      System.arraycopy(b, offset, buffer, size, length);
      size += length;
    }

    Bytes text(String s) {
      return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    Bytes optional(Optional<String> s) {
      ensure(1);
      buffer[size++] = (byte) (s.isPresent() ? 1 : 0);
      s.ifPresent(this::text);
      return this;
    }

    byte[] toByteArray() {
      return size == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, size);
    }

    /** An output stream that appends to this buffer. */
    java.io.OutputStream asStream() {
      return new java.io.OutputStream() {
        @Override
        public void write(int b) {
          ensure(1);
          buffer[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int offset, int length) {
          raw(b, offset, length);
        }
      };
    }
  }
}
