package io.github.secrets4j.encryptedfile.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Benchmark fixture (not part of the store): writes an encrypted-file store of many entries in one
 * step. Building a 10,000-entry store with puts would rewrite and re-verify the whole file per put
 * (quadratic: minutes); this seals the same content once, with the engine's own code
 * ({@link StoreFormat}, {@link StoreKey}, {@link AtomicFiles}), so the file is byte for byte what
 * puts of these entries would leave (one version each, generation 1). The benchmarks open it with
 * the real engine, which verifies the MAC and decrypts, so a fixture that drifted from the format
 * fails there. It lives in the engine's package only to reach its package-private classes.
 */
public final class StoreFixtures {
  private StoreFixtures() {}

  /**
   * Creates a key file and a store of {@code entries} entries, keys {@code key(i)}, values
   * {@code value(i)}, kind {@code password}, a description and one label each.
   *
   * @param store the store file to write; replaced if present
   * @param keyFile the key file to create; must not exist
   * @param entries how many entries
   * @param key the key of entry {@code i}
   * @param value the value of entry {@code i}
   * @throws IOException when a file cannot be written
   */
  public static void write(Path store, Path keyFile, int entries, IntFunction<String> key,
      IntFunction<String> value) throws IOException {
    write(store, keyFile, entries, key, value, i -> "password",
        i -> Optional.of("Benchmark entry " + i), i -> Map.of("team", "bench"));
  }

  /**
   * Creates a key file and a store of {@code entries} entries with the given metadata, as
   * {@link #write(Path, Path, int, IntFunction, IntFunction)} does otherwise.
   *
   * @param store the store file to write; replaced if present
   * @param keyFile the key file to create; must not exist
   * @param entries how many entries
   * @param key the key of entry {@code i}
   * @param value the value of entry {@code i}
   * @param kind the kind of entry {@code i}
   * @param description the description of entry {@code i}
   * @param labels the labels of entry {@code i}
   * @throws IOException when a file cannot be written
   */
  public static void write(Path store, Path keyFile, int entries, IntFunction<String> key,
      IntFunction<String> value, IntFunction<String> kind,
      IntFunction<Optional<String>> description, IntFunction<Map<String, String>> labels)
      throws IOException {
    KeySource.createKeyFile(keyFile);
    StoreKey storeKey = KeySource.file(keyFile.toAbsolutePath().normalize(), AtomicFiles.standard()).load()
        .orElseThrow(() -> new IOException("the key file just created cannot be read"));
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    TreeMap<String, Entry> map = new TreeMap<>();
    try {
      for (int i = 0; i < entries; i++) {
        String k = key.apply(i);
        byte[] ciphertext = storeKey.aead().encrypt(value.apply(i).getBytes(StandardCharsets.UTF_8),
            StoreFormat.associatedData(storeKey.storeId(), k, 1));
        map.put(k, new Entry(k, now, now, kind.apply(i), description.apply(i),
            labels.apply(i), Optional.empty(), Set.of(), List.of(new Version(1, now, ciphertext))));
      }
      StoreState state = StoreState.empty(storeKey.storeId()).next(map);
      byte[] mac = storeKey.mac().computeMac(StoreFormat.canonical(state));
      AtomicFiles.standard().replace(store, StoreFormat.write(state, mac));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot seal the fixture store", e);
    }
  }
}
