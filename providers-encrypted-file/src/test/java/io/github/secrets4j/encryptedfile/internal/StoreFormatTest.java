package io.github.secrets4j.encryptedfile.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The store file's layout: what the streaming writer writes, and that it reads back as written. */
class StoreFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Entries with and without description, owner, labels, grants; one to three versions; non-ASCII text. */
  private static StoreState sample(int count) {
    Random random = new Random(7);
    TreeMap<String, Entry> entries = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      String key = "key/" + i + (i % 7 == 0 ? "/ünï\u00e7ødé \"quoted\" \\ \u2603" : "");
      List<Version> versions = new ArrayList<>();
      for (int v = 1; v <= 1 + i % 3; v++) {
        byte[] ciphertext = new byte[20 + random.nextInt(60)];
        random.nextBytes(ciphertext);
        versions.add(new Version(v + i % 2, Instant.ofEpochSecond(1_700_000_000L + i, (i % 4) * 123_456_789L), ciphertext));
      }
      Map<String, String> labels = i % 3 == 0 ? Map.of() : Map.of("team", "ops", "tier", "\u00e9" + i);
      entries.put(key, new Entry(key, Instant.ofEpochSecond(1_600_000_000L + i), Instant.ofEpochSecond(1_700_000_000L + i, 5_000_000),
          i % 2 == 0 ? "opaque" : "password", i % 4 == 0 ? Optional.empty() : Optional.of("desc \n\t " + i),
          labels, i % 5 == 0 ? Optional.of("alice") : Optional.empty(),
          i % 3 == 1 ? Set.of("bob", "carol") : Set.of(), versions));
    }
    return new StoreState("3f1e1c1e-0000-4000-8000-000000000000", 42, entries);
  }

  /** The writer this store had before it streamed: a Jackson tree, pretty-printed. */
  private static byte[] treeWriter(StoreState state, byte[] mac) throws Exception {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", StoreFormat.FORMAT);
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
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }

  @Test
  void theStreamingWriterWritesByteForByteWhatTheTreeWriterWrote() throws Exception {
    byte[] mac = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    for (int count : new int[] {0, 1, 60}) {
      StoreState state = sample(count);
      assertThat(new String(StoreFormat.write(state, mac), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(new String(treeWriter(state, mac), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** The canonical encoding as it was first written (a ByteArrayOutputStream): existing files' MACs are over it. */
  private static byte[] firstCanonical(StoreState state) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.util.function.LongConsumer number = n -> {
      for (int i = 7; i >= 0; i--) {
        out.write((int) (n >>> (8 * i)));
      }
    };
    java.util.function.Consumer<byte[]> bytes = b -> {
      number.accept(b.length);
      out.writeBytes(b);
    };
    java.util.function.Consumer<String> text = t -> bytes.accept(t.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    java.util.function.Consumer<Optional<String>> optional = o -> {
      out.write(o.isPresent() ? 1 : 0);
      o.ifPresent(text);
    };
    text.accept(StoreFormat.FORMAT);
    text.accept(state.storeId);
    number.accept(state.generation);
    number.accept(state.entries.size());
    for (Entry e : state.entries.values()) {
      text.accept(e.key);
      text.accept(e.created.toString());
      text.accept(e.updated.toString());
      text.accept(e.kind);
      optional.accept(e.description);
      number.accept(e.labels.size());
      e.labels.forEach((k, v) -> {
        text.accept(k);
        text.accept(v);
      });
      optional.accept(e.owner);
      number.accept(e.grants.size());
      e.grants.forEach(text);
      number.accept(e.versions.size());
      for (Version v : e.versions) {
        number.accept(v.number);
        text.accept(v.created.toString());
        bytes.accept(v.ciphertext());
      }
    }
    return out.toByteArray();
  }

  @Test
  void theCanonicalEncodingIsTheOneExistingFilesWereSealedOver() {
    for (int count : new int[] {0, 1, 60}) {
      StoreState state = sample(count);
      assertThat(StoreFormat.canonical(state)).isEqualTo(firstCanonical(state));
    }
    assertThat(StoreFormat.associatedData("store-id", "kéy", 3)).isEqualTo(
        ByteArrays.concat(lengthPrefixed(StoreFormat.FORMAT), lengthPrefixed("store-id"), lengthPrefixed("kéy"),
            new byte[] {0, 0, 0, 0, 0, 0, 0, 3}));
  }

  private static byte[] lengthPrefixed(String text) {
    byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return ByteArrays.concat(java.nio.ByteBuffer.allocate(8).putLong(b.length).array(), b);
  }

  private static final class ByteArrays {
    static byte[] concat(byte[]... parts) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      for (byte[] p : parts) {
        out.writeBytes(p);
      }
      return out.toByteArray();
    }
  }

  @Test
  void whatIsWrittenReadsBackToTheSameStateAndCanonicalBytes() throws Exception {
    StoreState state = sample(60);
    byte[] mac = {9, 8, 7};
    StoreFormat.Sealed sealed = StoreFormat.read(StoreFormat.write(state, mac));
    assertThat(sealed.mac).isEqualTo(mac);
    assertThat(sealed.state.generation).isEqualTo(42);
    assertThat(sealed.state.entries.keySet()).containsExactlyElementsOf(state.entries.keySet());
    assertThat(StoreFormat.canonical(sealed.state)).isEqualTo(StoreFormat.canonical(state));
    assertThat(StoreFormat.write(sealed.state, mac)).isEqualTo(StoreFormat.write(state, mac));
  }
}
