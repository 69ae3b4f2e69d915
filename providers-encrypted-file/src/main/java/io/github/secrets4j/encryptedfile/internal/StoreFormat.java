package io.github.secrets4j.encryptedfile.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The store file's JSON layout, and the canonical bytes its MAC and each value's associated data
 * are computed over. See the package documentation of {@code io.github.secrets4j.encryptedfile}
 * for the format.
 */
final class StoreFormat {
  static final String FORMAT = "secrets4j-encrypted-file/1";
  private static final JsonFactory JSON = new JsonFactory();

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
    try (JsonGenerator g = JSON.createGenerator(out.asStream())) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeStringField("store", state.storeId);
      g.writeNumberField("generation", state.generation);
      g.writeArrayFieldStart("entries");
      for (Entry e : state.entries.values()) {
        g.writeStartObject();
        g.writeStringField("key", e.key);
        time(g, "created", e.created);
        time(g, "updated", e.updated);
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
          time(g, "created", v.created);
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

  /** A time field, its text written from bytes (no String per time). */
  private static void time(JsonGenerator g, String field, java.time.Instant t) throws IOException {
    byte[] text = Times.utf8(t);
    g.writeFieldName(field);
    g.writeUTF8String(text, 0, text.length);
  }

  /**
   * A first buffer size for the file or its canonical encoding: about what an entry of one short
   * version takes; bigger stores grow the buffer a few times (doubling), cheaper than measuring.
   */
  private static int sizeHint(StoreState state) {
    return (int) Math.min(1_024 + 512L * state.entries.size(), 1 << 28);
  }

  /**
   * Parses a store file (see {@link StoreReader}).
   *
   * @throws FormatException when it is not a store file; the reason quotes none of its content
   */
  static Sealed read(byte[] bytes) throws FormatException {
    return StoreReader.read(bytes);
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
      c.text(e.key).bytes(Times.utf8(e.created)).bytes(Times.utf8(e.updated)).text(e.kind)
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
        c.number(v.number).bytes(Times.utf8(v.created));
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
