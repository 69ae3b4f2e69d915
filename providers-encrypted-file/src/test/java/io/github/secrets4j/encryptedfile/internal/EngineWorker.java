package io.github.secrets4j.encryptedfile.internal;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A separate JVM for the multi-process tests: {@code put <store> <key-file> <prefix> <count>} puts
 * {@code prefix-0 .. prefix-(count-1)}; {@code forever <store> <key-file> <key>} puts versions of
 * one key (a large value, so a kill often lands inside a write) until it is killed;
 * {@code rotate <store> <key-file> <key>} puts one value, then rotates the key until it is killed.
 */
public final class EngineWorker {
  private EngineWorker() {}

  public static void main(String[] args) {
    EncryptedFileEngine store = EncryptedFileEngine.withKeyFile(Path.of(args[1]), Path.of(args[2]), 5);
    if (args[0].equals("put")) {
      int count = Integer.parseInt(args[4]);
      for (int i = 0; i < count; i++) {
        store.put(args[3] + "-" + i, "value of " + args[3] + "-" + i, EntryMetadata.empty(), Optional.empty());
      }
    } else if (args[0].equals("rotate")) {
      store.put(args[3], expected(1), EntryMetadata.empty(), Optional.empty());
      System.out.println("ready");
      System.out.flush();
      while (true) {
        store.rotateKey();
      }
    } else {
      // Versions continue across the killed workers: the next number is the store's.
      long next = store.describe(args[3]).map(e -> e.version() + 1).orElse(1L);
      store.put(args[3], expected(next), EntryMetadata.empty(), Optional.empty());
      System.out.println("ready"); // one put done: Tink loaded, the kills land among writes
      System.out.flush();
      for (long i = next + 1; ; i++) {
        store.put(args[3], expected(i), EntryMetadata.empty(), Optional.empty());
      }
    }
  }

  /** The value the forever mode puts as version {@code version}. */
  static String expected(long version) {
    return ("version " + version + " ").repeat(5_000);
  }
}
