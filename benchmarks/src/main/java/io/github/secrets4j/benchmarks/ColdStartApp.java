package io.github.secrets4j.benchmarks;

import io.github.secrets4j.Secret;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.internal.Slugs;
import io.github.secrets4j.spi.SecretsProviderFactory;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The secrets4j side of the cold start ({@code benchmarks/cold-start.sh}): a fresh JVM on the
 * library's real runtime class path reads what {@link ColdStartPlain} reads, through secrets4j.
 *
 * <p>Arguments: the mode, {@code env} (one untemplated environment-variable secret) or
 * {@code env+file} (that and a templated text-file secret, rendered with a record), the base
 * directory holding {@code nyc/csr1.txt}, and optionally {@code --phases}: then the mechanisms a
 * cold start pays for are triggered one at a time first (lambda bootstrap, SLF4J initialisation,
 * ServiceLoader discovery, the slug normaliser) and the milliseconds of each phase are printed.
 * Each phase's figure includes the classes it is the first to load, and the first lookup that
 * scans the whole class path (here SLF4J's provider lookup) also pays for opening every jar on it;
 * so the order matters. It is the order in which a first {@code getValue} meets them.
 */
public final class ColdStartApp {
  /** A device, the object the templated path is rendered with. */
  public record Device(String name, String site) {}

  private ColdStartApp() {}

  public static void main(String[] args) {
    String mode = args[0];
    String base = args[1];
    boolean phases = args.length > 2 && args[2].equals("--phases");
    if (!mode.equals("env") && !mode.equals("env+file")) {
      throw new IllegalArgumentException("mode: env or env+file");
    }
    Phases clock = new Phases(phases);
    if (phases) {
      Supplier<String> lambda = () -> "x";
      lambda.get();
      clock.done("lambda bootstrap (a first lambda)");
      LoggerFactory.getLogger(ColdStartApp.class);
      clock.done("SLF4J initialisation (a first logger)");
      for (SecretsProviderFactory factory : ServiceLoader.load(SecretsProviderFactory.class)) {
        factory.slug();
      }
      clock.done("ServiceLoader discovery (every factory created)");
      Slugs.slugify("Token");
      clock.done("slug normaliser (Slugs.slugify)");
      Secrets.defaults();
      clock.done("default runtime (Secrets.defaults())");
    }
    Secret token = Secret.builder("Token").provider("environment-variable")
        .parameter("variable", "COLD_START_TOKEN").build();
    clock.done("env secret built");
    int length = token.getValue().length();
    clock.done("env secret read (first getValue)");
    if (mode.equals("env+file")) {
      Secret password = Secret.builder("Password").provider("text-file")
          .parameter("path", base.concat("/{{ obj.site }}/{{ obj.name }}.txt")).build();
      clock.done("file secret built (template parsed)");
      length += password.getValue(new Device("csr1", "nyc")).length();
      clock.done("file secret read (first getValue(obj))");
    }
    if (length == 0) {
      throw new IllegalStateException("nothing read");
    }
    clock.print();
  }

  /**
   * Remembers the time since the previous phase, when asked to; prints them all at the end, so
   * that printing loads nothing a later phase would otherwise be the first to load.
   */
  private static final class Phases {
    private final boolean on;
    private final String[] names = new String[16];
    private final long[] nanos = new long[16];
    private final long start = System.nanoTime();
    private long last = start;
    private int count;

    Phases(boolean on) {
      this.on = on;
    }

    void done(String phase) {
      if (on) {
        long now = System.nanoTime();
        names[count] = phase;
        nanos[count++] = now - last;
        last = now;
      }
    }

    void print() {
      if (on) {
        long all = System.nanoTime() - start;
        for (int i = 0; i < count; i++) {
          System.out.printf("%-50s %8.2f ms%n", names[i], nanos[i] / 1e6);
        }
        System.out.printf("%-50s %8.2f ms%n", "main, in all", all / 1e6);
      }
    }
  }
}
