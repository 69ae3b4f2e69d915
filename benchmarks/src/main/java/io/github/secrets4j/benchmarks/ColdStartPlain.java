package io.github.secrets4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The baseline of the cold start ({@code benchmarks/cold-start.sh}): a plain program that reads
 * the same environment variable and the same file as {@link ColdStartApp}, with the JDK only. It
 * names no class outside the JDK, so it runs on a class path of its own class alone.
 */
public final class ColdStartPlain {
  private ColdStartPlain() {}

  /** Arguments: the base directory holding {@code nyc/csr1.txt}. */
  public static void main(String[] args) throws IOException {
    // No string concatenation (an invokedynamic call site) on either side, so that the lambda and
    // indy bootstrap the comparison shows is the library's.
    Path file = Path.of(args[0]).resolve("nyc").resolve("csr1.txt");
    int length = System.getenv("COLD_START_TOKEN").length()
        + Files.readString(file, StandardCharsets.UTF_8).strip().length();
    if (length == 0) {
      throw new IllegalStateException("nothing read");
    }
  }
}
