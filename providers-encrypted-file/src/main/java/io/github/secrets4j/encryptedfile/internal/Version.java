package io.github.secrets4j.encryptedfile.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/** One kept version of an entry's value: its number, when it was put, and its ciphertext. */
final class Version {
  final long number;
  final Instant created;
  private final byte[] ciphertext;

  Version(long number, Instant created, byte[] ciphertext) {
    this.number = number;
    this.created = created;
    this.ciphertext = ciphertext.clone();
  }

  byte[] ciphertext() {
    return ciphertext.clone();
  }

  /** The ciphertext in base64, without a copy of it. */
  String encode(Base64.Encoder encoder) {
    return encoder.encodeToString(ciphertext);
  }

  /** Appends the ciphertext's length and bytes to a canonical encoding, without a copy of it. */
  void writeLengthAndCiphertext(StoreFormat.Bytes out) {
    out.number(ciphertext.length);
    out.raw(ciphertext, 0, ciphertext.length);
  }

  /** Names the version only: a ciphertext is not a value, but there is nothing to learn from it. */
  @Override
  public String toString() {
    return "Version[" + number + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Version v && v.number == number && v.created.equals(created)
        && Arrays.equals(v.ciphertext, ciphertext);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(number);
  }
}
