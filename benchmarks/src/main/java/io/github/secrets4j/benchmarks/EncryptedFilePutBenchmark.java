package io.github.secrets4j.benchmarks;

import io.github.secrets4j.SecretStore;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.StoredSecret;
import io.github.secrets4j.encryptedfile.EncryptedFileProvider;
import io.github.secrets4j.encryptedfile.internal.StoreFixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code put} throughput of the {@code encrypted-file} store with fsync, one process, one thread
 * (issue 11): {@code put} replaces one key of a 1,000-entry store through
 * {@code secrets.store("encrypted-file")} (lock, re-read the file and hash it: it is what this
 * runtime wrote last, so it is not parsed and verified again; encrypt, seal, write a temporary
 * file, fsync, atomic rename, fsync of the folder). Beside it the floor,
 * {@code rawWriteFsyncRename}: one write of a file of the same size as the store file through a
 * {@code FileChannel}, {@code force(true)}, {@code Files.move(ATOMIC_MOVE)} over a target in the
 * same folder. Both in puts per second, in the same run; the report is the two figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EncryptedFilePutBenchmark {
  private static final int PROBE = EncryptedFileBenchmark.ENTRIES / 2;
  private static final String VALUE = "new-Xk9#qLm2$vT7&hR4!zW8@nB-0123";

  private Path base;
  private Path storeFile;
  private Secrets secrets;
  private SecretStore store;
  private ByteBuffer content;
  private Path floorTemp;
  private Path floorTarget;

  @Setup
  public void setUp() throws IOException {
    base = Files.createTempDirectory("secrets4j-bench-ef-put").toRealPath();
    storeFile = base.resolve("store.json");
    StoreFixtures.write(storeFile, base.resolve("store.key"), EncryptedFileBenchmark.ENTRIES,
        EncryptedFileBenchmark::key, EncryptedFileBenchmark::value);
    secrets = EncryptedFileBenchmark.runtime(storeFile);
    store = secrets.store(EncryptedFileProvider.SLUG);
    // Fill the kept versions (5 by default), so the file keeps its size while puts run.
    for (int i = 0; i < EncryptedFileProvider.DEFAULT_MAX_VERSIONS; i++) {
      put();
    }
    Checks.same("encrypted-file put", VALUE,
        store.secret(EncryptedFileBenchmark.key(PROBE)).getValue());
    byte[] bytes = new byte[(int) Files.size(storeFile)];
    Arrays.fill(bytes, (byte) 'x');
    content = ByteBuffer.wrap(bytes);
    floorTemp = base.resolve("floor.json.tmp");
    floorTarget = base.resolve("floor.json");
    rawWriteFsyncRename();
    if (Files.size(floorTarget) != bytes.length) {
      throw new IllegalStateException("the floor wrote " + Files.size(floorTarget) + " bytes, not "
          + bytes.length);
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    secrets.close();
    EncryptedFileBenchmark.deleteTree(base);
  }

  @Benchmark
  public StoredSecret put() {
    return store.put(EncryptedFileBenchmark.key(PROBE), VALUE);
  }

  /** The floor: write + fsync + atomic rename of a file as large as the store file. */
  @Benchmark
  public Path rawWriteFsyncRename() throws IOException {
    content.clear();
    try (FileChannel out = FileChannel.open(floorTemp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      while (content.hasRemaining()) {
        out.write(content);
      }
      out.force(true);
    }
    return Files.move(floorTemp, floorTarget, StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** The size of the store file (and of the floor's file), for the report. */
  long storeBytes() throws IOException {
    return Files.size(storeFile);
  }
}
