package io.github.secrets4j.encryptedfile.internal;

import java.time.Instant;
import java.util.Arrays;

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
