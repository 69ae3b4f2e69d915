package io.github.secrets4j.encryptedfile.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a store file in one pass of a streaming parser, straight into entries: no JSON tree
 * (building one took about as long as everything else an open does). It accepts exactly the files
 * the tree-based reader accepted, with the same result, and refuses the others with the same
 * messages: a JSON syntax error or a duplicated field anywhere in the file is reported first (line
 * and column, never the content), as a tree parse did, by a second syntax-only pass that runs only
 * when the file is refused. Only which of several faults of one file is named may differ.
 */
final class StoreReader {
  /** No duplicate detection here: the reader detects duplicated fields itself, cheaper. */
  private static final JsonFactory STREAMING = new JsonFactory();
  /** The syntax pass, and the few numbers judged as the tree reader judged them. */
  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final String TOP = "the top level";
  private static final String[] TOP_FIELDS = {"format", "store", "generation", "entries", "mac"};
  private static final String[] ENTRY_FIELDS = {
      "key", "created", "updated", "kind", "description", "labels", "owner", "grants", "versions"};
  private static final String[] VERSION_FIELDS = {"version", "created", "value"};
  private static final int DESCRIPTION = bit("description", ENTRY_FIELDS);
  private static final int OWNER = bit("owner", ENTRY_FIELDS);

  private StoreReader() {}

  static StoreFormat.Sealed read(byte[] bytes) throws StoreFormat.FormatException {
    try {
      return stream(bytes);
    } catch (StoreFormat.FormatException e) {
      syntax(bytes);
      throw e;
    }
  }

  /** Throws what a tree parse of {@code bytes} threw, if anything. */
  private static void syntax(byte[] bytes) throws StoreFormat.FormatException {
    try (JsonParser p = STRICT.createParser(bytes)) {
      if (p.nextToken() != null) {
        p.skipChildren();
      }
    } catch (JsonProcessingException e) {
      throw notJson(e);
    } catch (IOException e) {
      throw new StoreFormat.FormatException("cannot be parsed as JSON");
    }
  }

  private static StoreFormat.FormatException notJson(JsonProcessingException e) {
    // Jackson's message quotes the token it choked on, which might be anything (a plaintext file
    // given as the store by mistake): only the location is kept.
    JsonLocation at = e.getLocation();
    return new StoreFormat.FormatException("is not valid JSON (line " + (at == null ? "?" : at.getLineNr())
        + ", column " + (at == null ? "?" : at.getColumnNr()) + "); truncated, or not a store file");
  }

  private static StoreFormat.Sealed stream(byte[] bytes) throws StoreFormat.FormatException {
    try (JsonParser p = STREAMING.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new StoreFormat.FormatException("is empty or not a JSON object");
      }
      int seen = 0;
      String format = null;
      String storeId = null;
      Long generation = null;
      TreeMap<String, Entry> entries = null;
      String mac = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        int bit = bit(name, TOP_FIELDS);
        if (bit == 0) {
          throw new StoreFormat.FormatException("has an unknown field in " + TOP);
        }
        seen = once(seen, bit);
        JsonToken value = p.nextToken();
        switch (name) {
          case "format" -> format = string(p, value);
          case "store" -> storeId = string(p, value);
          case "generation" -> generation = integral(p, value);
          case "entries" -> {
            if (value != JsonToken.START_ARRAY) {
              throw new StoreFormat.FormatException("has no entries array");
            }
            entries = entries(p);
          }
          default -> mac = string(p, value);
        }
      }
      if (format == null) {
        throw noString("format", TOP);
      }
      if (!StoreFormat.FORMAT.equals(format)) {
        throw new StoreFormat.FormatException("is not a " + StoreFormat.FORMAT + " store file (field format)");
      }
      if (storeId == null) {
        throw noString("store", TOP);
      }
      if (generation == null || generation < 1) {
        throw new StoreFormat.FormatException("has no valid generation");
      }
      if (entries == null) {
        throw new StoreFormat.FormatException("has no entries array");
      }
      if (mac == null) {
        throw noString("mac", TOP);
      }
      return new StoreFormat.Sealed(StoreState.parsed(storeId, generation, entries), base64(mac, "the mac"));
    } catch (JsonProcessingException e) {
      throw notJson(e);
    } catch (IOException e) {
      throw new StoreFormat.FormatException("cannot be parsed as JSON");
    }
  }

  private static TreeMap<String, Entry> entries(JsonParser p) throws IOException, StoreFormat.FormatException {
    TreeMap<String, Entry> entries = new TreeMap<>();
    String previous = null;
    int index = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      String where = "entry #" + (index + 1);
      if (t != JsonToken.START_OBJECT) {
        throw new StoreFormat.FormatException("has an " + where + " that is not an object");
      }
      Entry entry = entry(p, where, previous);
      previous = entry.key;
      entries.put(entry.key, entry);
      index++;
    }
    return entries;
  }

  /** One entry, the parser on its START_OBJECT; checked in the order the tree reader checked. */
  private static Entry entry(JsonParser p, String where, String previous)
      throws IOException, StoreFormat.FormatException {
    int seen = 0;
    String key = null;
    String created = null;
    String updated = null;
    String kind = null;
    String description = null;
    String owner = null;
    TreeMap<String, String> labels = null;
    TreeSet<String> grants = null;
    ArrayList<Version> versions = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      int bit = bit(name, ENTRY_FIELDS);
      if (bit == 0) {
        throw new StoreFormat.FormatException("has an unknown field in " + where);
      }
      seen = once(seen, bit);
      JsonToken value = p.nextToken();
      switch (name) {
        case "key" -> key = string(p, value);
        case "created" -> created = string(p, value);
        case "updated" -> updated = string(p, value);
        case "kind" -> kind = string(p, value);
        case "description" -> description = string(p, value);
        case "owner" -> owner = string(p, value);
        case "labels" -> labels = labels(p, value, where);
        case "grants" -> grants = grants(p, value, where);
        default -> versions = versions(p, value, where);
      }
    }
    if (key == null) {
      throw noString("key", where);
    }
    if (previous != null && previous.compareTo(key) >= 0) {
      throw new StoreFormat.FormatException("has its entries out of order or duplicated at " + where);
    }
    Instant createdAt = instant(created, "created", where);
    Instant updatedAt = instant(updated, "updated", where);
    if (kind == null) {
      throw noString("kind", where);
    }
    if ((seen & DESCRIPTION) != 0 && description == null) {
      throw noString("description", where);
    }
    if ((seen & OWNER) != 0 && owner == null) {
      throw noString("owner", where);
    }
    if (labels == null) {
      throw new StoreFormat.FormatException("has no labels object in " + where);
    }
    if (grants == null) {
      throw new StoreFormat.FormatException("has no grants array in " + where);
    }
    if (versions == null) {
      throw new StoreFormat.FormatException("has no versions in " + where);
    }
    return Entry.parsed(key, createdAt, updatedAt, kind, Optional.ofNullable(description), labels,
        Optional.ofNullable(owner), grants, versions);
  }

  private static TreeMap<String, String> labels(JsonParser p, JsonToken value, String where)
      throws IOException, StoreFormat.FormatException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    TreeMap<String, String> labels = new TreeMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      if (p.nextToken() != JsonToken.VALUE_STRING) {
        throw new StoreFormat.FormatException("has a label that is not a string in " + where);
      }
      if (labels.put(name, p.getText()) != null) {
        throw duplicated(where);
      }
    }
    return labels;
  }

  private static TreeSet<String> grants(JsonParser p, JsonToken value, String where)
      throws IOException, StoreFormat.FormatException {
    if (value != JsonToken.START_ARRAY) {
      p.skipChildren();
      return null;
    }
    TreeSet<String> grants = new TreeSet<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.VALUE_STRING || !grants.add(p.getText())) {
        throw new StoreFormat.FormatException("has a grant that is not a string or is repeated in " + where);
      }
    }
    return grants;
  }

  private static ArrayList<Version> versions(JsonParser p, JsonToken value, String where)
      throws IOException, StoreFormat.FormatException {
    if (value != JsonToken.START_ARRAY) {
      p.skipChildren();
      return null;
    }
    ArrayList<Version> versions = new ArrayList<>();
    long last = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.START_OBJECT) {
        throw new StoreFormat.FormatException("has a version that is not an object in " + where);
      }
      int seen = 0;
      Long number = null;
      String created = null;
      String ciphertext = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        int bit = bit(name, VERSION_FIELDS);
        if (bit == 0) {
          throw new StoreFormat.FormatException("has an unknown field in " + where);
        }
        seen = once(seen, bit);
        JsonToken v = p.nextToken();
        switch (name) {
          case "version" -> number = integral(p, v);
          case "created" -> created = string(p, v);
          default -> ciphertext = string(p, v);
        }
      }
      if (number == null || number <= last) {
        throw new StoreFormat.FormatException("has version numbers that are missing or not increasing in " + where);
      }
      last = number;
      Instant at = instant(created, "created", where);
      if (ciphertext == null) {
        throw noString("value", where);
      }
      versions.add(new Version(last, at, base64(ciphertext, "a value in " + where)));
    }
    if (versions.isEmpty()) {
      return null; // "has no versions", as for a missing array
    }
    return versions;
  }

  /** The position of {@code name} among {@code names} as a bit, 0 when it is not one of them. */
  private static int bit(String name, String[] names) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return 1 << i;
      }
    }
    return 0;
  }

  /** Marks a field seen; a field seen twice is refused (the syntax pass names it). */
  private static int once(int seen, int bit) throws StoreFormat.FormatException {
    if ((seen & bit) != 0) {
      throw duplicated("an object");
    }
    return seen | bit;
  }

  private static StoreFormat.FormatException duplicated(String where) {
    return new StoreFormat.FormatException("has a duplicated field in " + where);
  }

  /** The text of a string value, or null (its children skipped) for any other value. */
  private static String string(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }

  /**
   * A number the tree reader would take as an exact integral ({@code canConvertToExactIntegral},
   * then {@code asLong}), or null. Plain ints and longs directly; other numbers (big, decimal)
   * through a tree node, so they are judged exactly as before.
   */
  private static Long integral(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NUMBER_INT
        && (p.getNumberType() == JsonParser.NumberType.INT || p.getNumberType() == JsonParser.NumberType.LONG)) {
      return p.getLongValue();
    }
    if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
      JsonNode node = STRICT.readTree(p);
      return node.canConvertToExactIntegral() ? node.asLong() : null;
    }
    p.skipChildren();
    return null;
  }

  private static StoreFormat.FormatException noString(String field, String where) {
    return new StoreFormat.FormatException("has no string field " + field + " in " + where);
  }

  private static Instant instant(String text, String field, String where) throws StoreFormat.FormatException {
    if (text == null) {
      throw noString(field, where);
    }
    try {
      return Times.parse(text);
    } catch (DateTimeParseException e) {
      throw new StoreFormat.FormatException("has an invalid timestamp in field " + field + " of " + where);
    }
  }

  private static byte[] base64(String text, String what) throws StoreFormat.FormatException {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new StoreFormat.FormatException("has invalid base64 in " + what);
    }
  }
}
