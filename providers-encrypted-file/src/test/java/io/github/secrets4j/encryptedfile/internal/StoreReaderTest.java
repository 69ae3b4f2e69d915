package io.github.secrets4j.encryptedfile.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader accepts exactly the files the tree-based reader it replaced accepted, with
 * the same content, and refuses the others with the same message: checked on a written store and
 * on single edits of every field (removed, retyped, duplicated, reordered, renumbered, truncated).
 */
class StoreReaderTest {
  /** A small store as the writer writes it: entries with and without the optional fields. */
  private static String written() {
    TreeMap<String, Entry> entries = new TreeMap<>();
    Instant t = Instant.parse("2026-03-04T05:06:07.123Z");
    entries.put("a", new Entry("a", t, t.plusSeconds(1), "password", Optional.of("desc"), Map.of("env", "prod", "team", "ops"),
        Optional.of("alice"), Set.of("bob", "carol"), List.of(new Version(1, t, new byte[] {1, 2, 3}),
            new Version(2, t.plusSeconds(1), new byte[] {4, 5, 6}))));
    entries.put("b", new Entry("b", t, t, "opaque", Optional.empty(), Map.of(), Optional.empty(), Set.of(),
        List.of(new Version(7, t, new byte[] {7, 8, 9}))));
    return new String(StoreFormat.write(new StoreState("store-id", 42, entries), new byte[] {1, 0, 0, 0, 9, 9}),
        StandardCharsets.UTF_8);
  }

  /** Single edits of the written text: each makes a file the readers must judge alike. */
  private static Map<String, UnaryOperator<String>> edits() {
    Map<String, UnaryOperator<String>> edits = new LinkedHashMap<>();
    edits.put("none", s -> s);
    edits.put("compact", s -> s.replaceAll("\\n\\s*", "").replace(" : ", ":"));
    edits.put("trailing content", s -> s + " {\"x\": 1}");
    edits.put("empty", s -> "");
    edits.put("an array", s -> "[1, 2]");
    edits.put("a broken array", s -> "[1, 2");
    edits.put("a string", s -> "\"text\"");
    edits.put("not json", s -> "{\n  \"format\": hunter2\n}");
    for (int cut : new int[] {1, 10, 100, 200, 300, 400, 500, 600, 700, 800}) {
      edits.put("truncated at " + cut, s -> s.substring(0, Math.min(cut, s.length() - 1)));
    }
    String[] topFields = {"format", "store", "generation", "entries", "mac"};
    String[] entryFields = {"key", "created", "updated", "kind", "description", "labels", "owner", "grants", "versions"};
    String[] versionFields = {"version", "created", "value"};
    String[] values = {"null", "true", "1", "-1", "0", "2.0", "2.5", "1e3", "99999999999999999999999", "\"x\"",
        "\"2026-03-04T05:06:07Z\"", "\"2026-02-30T05:06:07Z\"", "\"AQID\"", "\"not base64!\"", "{}", "[]",
        "{\"k\": \"v\"}", "{\"k\": 1}", "[\"x\"]", "[\"x\", \"x\"]", "[1]", "[{}]",
        "[{\"version\": 1, \"created\": \"2026-03-04T05:06:07Z\", \"value\": \"AQID\"}]"};
    for (String[] fields : new String[][] {topFields, entryFields, versionFields}) {
      for (String field : fields) {
        String quoted = "\"" + field + "\" : ";
        for (String value : values) {
          edits.put(field + " = " + value, s -> replaceValue(s, quoted, value));
        }
        edits.put(field + " removed", s -> replaceValue(s, quoted, null));
        edits.put(field + " duplicated", s -> s.replaceFirst("\"" + field + "\" : ", "\"" + field + "\" : 1, \"" + field + "\" : "));
        edits.put(field + " renamed", s -> s.replaceFirst("\"" + field + "\" : ", "\"x" + field + "\" : "));
      }
    }
    edits.put("a label duplicated", s -> s.replaceFirst("\"env\" : ", "\"env\" : \"x\", \"env\" : "));
    edits.put("entries swapped", s -> {
      int a = s.indexOf("{\n    \"key\" : \"a\"");
      int b = s.indexOf("{\n    \"key\" : \"b\"");
      int end = s.lastIndexOf("]");
      return s.substring(0, a) + s.substring(b, end).stripTrailing() + ", " + s.substring(a, b).strip().replaceAll(",$", "")
          + s.substring(end);
    });
    edits.put("top fields reordered", s -> {
      JsonNode root = tree(s);
      return "{\"mac\": " + root.get("mac") + ", \"entries\": " + root.get("entries") + ", \"generation\": "
          + root.get("generation") + ", \"store\": " + root.get("store") + ", \"format\": " + root.get("format") + "}";
    });
    edits.put("entry fields reordered", s -> s.replaceFirst("\"key\" : \"a\",", "").replaceFirst("\"versions\" : ",
        "\"key\" : \"a\", \"versions\" : "));
    return edits;
  }

  /** Replaces the first value after {@code quoted} (a scalar, or a bracketed object or array); null removes the field. */
  private static String replaceValue(String s, String quoted, String value) {
    int at = s.indexOf(quoted);
    if (at < 0) {
      return s;
    }
    int from = at + quoted.length();
    int end = from;
    char c = s.charAt(from);
    if (c == '{' || c == '[') {
      int depth = 0;
      do {
        char d = s.charAt(end++);
        depth += d == '{' || d == '[' ? 1 : d == '}' || d == ']' ? -1 : 0;
      } while (depth > 0);
    } else if (c == '"') {
      end = s.indexOf('"', from + 1) + 1;
    } else {
      while (",}\n ".indexOf(s.charAt(end)) < 0) {
        end++;
      }
    }
    if (value != null) {
      return s.substring(0, from) + value + s.substring(end);
    }
    int start = at;
    int stop = end;
    String after = s.substring(stop).stripLeading();
    if (after.startsWith(",")) {
      stop = s.indexOf(',', stop) + 1;
    } else {
      start = s.lastIndexOf(',', at);
    }
    return s.substring(0, start) + s.substring(stop);
  }

  private static JsonNode tree(String s) {
    try {
      return new ObjectMapper().readTree(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String judge(byte[] bytes, boolean streaming) {
    try {
      StoreFormat.Sealed sealed = streaming ? StoreFormat.read(bytes) : TreeReader.read(bytes);
      return "accepted " + Base64.getEncoder().encodeToString(StoreFormat.canonical(sealed.state)) + " mac "
          + Base64.getEncoder().encodeToString(sealed.mac);
    } catch (StoreFormat.FormatException e) {
      return "refused: " + e.getMessage();
    }
  }

  @Test
  void theStreamingReaderJudgesEveryFileAsTheTreeReaderDid() {
    String written = written();
    int accepted = 0;
    int refused = 0;
    for (Map.Entry<String, UnaryOperator<String>> edit : edits().entrySet()) {
      byte[] bytes = edit.getValue().apply(written).getBytes(StandardCharsets.UTF_8);
      String expected = judge(bytes, false);
      assertThat(judge(bytes, true)).as(edit.getKey()).isEqualTo(expected);
      if (expected.startsWith("accepted")) {
        accepted++;
      } else {
        refused++;
      }
    }
    // The edits are not all refused, nor all accepted: the comparison covers both sides.
    assertThat(accepted).isGreaterThan(5);
    assertThat(refused).isGreaterThan(100);
  }

  /** The reader this store had before it streamed (a Jackson tree), kept as the reference. */
  private static final class TreeReader {
    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> TOP_FIELDS = Set.of("format", "store", "generation", "entries", "mac");
    private static final Set<String> ENTRY_FIELDS = Set.of(
        "key", "created", "updated", "kind", "description", "labels", "owner", "grants", "versions");
    private static final Set<String> VERSION_FIELDS = Set.of("version", "created", "value");

    static StoreFormat.Sealed read(byte[] bytes) throws StoreFormat.FormatException {
      JsonNode root;
      try {
        root = JSON.readTree(bytes);
      } catch (JsonProcessingException e) {
        // Jackson's message quotes the token it choked on, which might be anything (a plaintext
        // file given as the store by mistake): only the location is kept.
        JsonLocation at = e.getLocation();
        throw new StoreFormat.FormatException("is not valid JSON (line " + (at == null ? "?" : at.getLineNr())
            + ", column " + (at == null ? "?" : at.getColumnNr()) + "); truncated, or not a store file");
      } catch (IOException e) {
        throw new StoreFormat.FormatException("cannot be parsed as JSON");
      }
      if (root == null || !root.isObject()) {
        throw new StoreFormat.FormatException("is empty or not a JSON object");
      }
      fields(root, TOP_FIELDS, "the top level");
      if (!StoreFormat.FORMAT.equals(text(root, "format", "the top level"))) {
        throw new StoreFormat.FormatException("is not a " + StoreFormat.FORMAT + " store file (field format)");
      }
      String storeId = text(root, "store", "the top level");
      JsonNode generation = root.get("generation");
      if (generation == null || !generation.canConvertToExactIntegral() || generation.asLong() < 1) {
        throw new StoreFormat.FormatException("has no valid generation");
      }
      JsonNode entriesNode = root.get("entries");
      if (entriesNode == null || !entriesNode.isArray()) {
        throw new StoreFormat.FormatException("has no entries array");
      }
      TreeMap<String, Entry> entries = new TreeMap<>();
      String previous = null;
      int index = 0;
      for (JsonNode n : entriesNode) {
        String where = "entry #" + (index + 1);
        if (!n.isObject()) {
          throw new StoreFormat.FormatException("has an " + where + " that is not an object");
        }
        fields(n, ENTRY_FIELDS, where);
        String key = text(n, "key", where);
        if (previous != null && previous.compareTo(key) >= 0) {
          throw new StoreFormat.FormatException("has its entries out of order or duplicated at " + where);
        }
        previous = key;
        entries.put(key, entry(n, key, where));
        index++;
      }
      byte[] mac = base64(text(root, "mac", "the top level"), "the mac");
      return new StoreFormat.Sealed(new StoreState(storeId, generation.asLong(), entries), mac);
    }

    private static Entry entry(JsonNode n, String key, String where) throws StoreFormat.FormatException {
      Instant created = instant(n, "created", where);
      Instant updated = instant(n, "updated", where);
      String kind = text(n, "kind", where);
      Optional<String> description = optionalText(n, "description", where);
      Optional<String> owner = optionalText(n, "owner", where);
      JsonNode labelsNode = n.get("labels");
      if (labelsNode == null || !labelsNode.isObject()) {
        throw new StoreFormat.FormatException("has no labels object in " + where);
      }
      TreeMap<String, String> labels = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = labelsNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> label = it.next();
        if (!label.getValue().isTextual()) {
          throw new StoreFormat.FormatException("has a label that is not a string in " + where);
        }
        labels.put(label.getKey(), label.getValue().asText());
      }
      JsonNode grantsNode = n.get("grants");
      if (grantsNode == null || !grantsNode.isArray()) {
        throw new StoreFormat.FormatException("has no grants array in " + where);
      }
      TreeSet<String> grants = new TreeSet<>();
      for (JsonNode g : grantsNode) {
        if (!g.isTextual() || !grants.add(g.asText())) {
          throw new StoreFormat.FormatException("has a grant that is not a string or is repeated in " + where);
        }
      }
      JsonNode versionsNode = n.get("versions");
      if (versionsNode == null || !versionsNode.isArray() || versionsNode.isEmpty()) {
        throw new StoreFormat.FormatException("has no versions in " + where);
      }
      List<Version> versions = new ArrayList<>();
      long last = 0;
      for (JsonNode v : versionsNode) {
        if (!v.isObject()) {
          throw new StoreFormat.FormatException("has a version that is not an object in " + where);
        }
        fields(v, VERSION_FIELDS, where);
        JsonNode number = v.get("version");
        if (number == null || !number.canConvertToExactIntegral() || number.asLong() <= last) {
          throw new StoreFormat.FormatException("has version numbers that are missing or not increasing in " + where);
        }
        last = number.asLong();
        versions.add(new Version(last, instant(v, "created", where), base64(text(v, "value", where), "a value in " + where)));
      }
      return new Entry(key, created, updated, kind, description, labels, owner, grants, versions);
    }

    private static void fields(JsonNode node, Set<String> allowed, String where) throws StoreFormat.FormatException {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        if (!allowed.contains(it.next())) {
          throw new StoreFormat.FormatException("has an unknown field in " + where);
        }
      }
    }

    private static String text(JsonNode node, String field, String where) throws StoreFormat.FormatException {
      JsonNode value = node.get(field);
      if (value == null || !value.isTextual()) {
        throw new StoreFormat.FormatException("has no string field " + field + " in " + where);
      }
      return value.asText();
    }

    private static Optional<String> optionalText(JsonNode node, String field, String where)
        throws StoreFormat.FormatException {
      return node.has(field) ? Optional.of(text(node, field, where)) : Optional.empty();
    }

    private static Instant instant(JsonNode node, String field, String where) throws StoreFormat.FormatException {
      try {
        return Instant.parse(text(node, field, where));
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
}
