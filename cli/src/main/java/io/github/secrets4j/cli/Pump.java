package io.github.secrets4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Collection;

/**
 * Copies one output stream of the child of {@code secrets4j run} (a pipe) to secrets4j's own
 * stdout or stderr through a {@link Masker}, on a daemon thread of its own: every chunk read is
 * written through and flushed at once (a prompt without a newline shows unless it ends like the
 * start of a value), and at the end of the stream the masker is closed, which writes what it
 * held back. Secrets4j's stream itself is flushed, never closed.
 *
 * <p>If secrets4j's stream fails (a reader that went away, as {@code run ... | head -1}), the pump
 * stops reading and closes the pipe, so the child gets {@code SIGPIPE} or {@code EPIPE} on its
 * next write, as it would writing there itself.
 */
final class Pump {
  private final InputStream from;
  private final PrintStream sink;
  private final Masker masker;
  private final Thread thread;

  private Pump(String name, InputStream from, PrintStream sink, Collection<String> values) {
    this.from = from;
    this.sink = sink;
    this.masker = new Masker(new Unclosable(sink), values);
    this.thread = new Thread(this::copy, "secrets4j-run-" + name);
    this.thread.setDaemon(true);
  }

  /** Starts copying {@code from} to {@code sink}, masking {@code values}. */
  static Pump start(String name, InputStream from, PrintStream sink, Collection<String> values) {
    Pump pump = new Pump(name, from, sink, values);
    pump.thread.start();
    return pump;
  }

  private void copy() {
    byte[] chunk = new byte[8192];
    try {
      int count;
      while ((count = from.read(chunk)) >= 0) {
        masker.write(chunk, 0, count);
        masker.flush();
        if (sink.checkError()) {
          break;
        }
      }
      masker.close();
    } catch (IOException e) {
      // The child's pipe failed: nothing more to copy.
    } finally {
      try {
        from.close();
      } catch (IOException e) {
        // Closing our end of the pipe: nothing to do about a failure.
      }
    }
  }

  /**
   * Waits up to {@code millis} for the end of the stream (all the child's processes that hold it
   * closed it) and the last bytes written.
   *
   * @return whether the pump finished
   */
  boolean await(long millis) throws InterruptedException {
    thread.join(millis);
    return !thread.isAlive();
  }

  /** Passes writes through as whole chunks; close only flushes. */
  private static final class Unclosable extends OutputStream {
    private final OutputStream out;

    Unclosable(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) throws IOException {
      out.write(bytes, offset, count);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
