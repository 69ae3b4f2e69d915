package io.github.secrets4j.cli;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Forwards SIGINT, SIGTERM and SIGHUP that reach this JVM to the child of {@code secrets4j run}
 * while it runs, instead of the JVM's default (run the shutdown hooks and exit).
 *
 * <p>Java has no API to send a signal other than SIGTERM/SIGKILL to a process, nor to handle
 * one: handlers go through {@code sun.misc.Signal} (module {@code jdk.unsupported}), and signals
 * are sent with {@code kill -s NAME PID} (SIGTERM with {@link ProcessHandle#destroy()} if
 * {@code kill} cannot be run). A signal that was ignored when the JVM started (SIGINT and SIGQUIT
 * of a background job of a non-interactive shell, SIGHUP under {@code nohup}) cannot be handled:
 * the JVM keeps it ignored, and so does the child, which inherits that.
 *
 * <p>A signal that arrives after {@link #install()} but before {@link #started(Process)} is
 * remembered: {@link #pending()} tells the caller not to start the child; if the child was being
 * started, it gets the signal as soon as it is known.
 */
final class SignalForwarder implements AutoCloseable {
  /** The signals forwarded. */
  static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");

  private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
  private final List<String> ignored = new ArrayList<>();
  private Process child;
  private Signal received;

  private SignalForwarder() {}

  /** Installs the handlers of {@link #SIGNALS}; restore the previous ones with {@link #close()}. */
  static SignalForwarder install() {
    SignalForwarder forwarder = new SignalForwarder();
    for (String name : SIGNALS) {
      Signal signal;
      try {
        signal = new Signal(name);
      } catch (IllegalArgumentException e) {
        // No such signal on this platform.
        continue;
      }
      try {
        SignalHandler old = Signal.handle(signal, forwarder::handle);
        if (old == SignalHandler.SIG_IGN) {
          // Ignored at JVM start: HotSpot keeps it ignored and installs nothing.
          forwarder.ignored.add(name);
        }
        forwarder.previous.put(signal, old);
      } catch (IllegalArgumentException e) {
        // Reserved by the VM (-Xrs): not forwarded.
        forwarder.ignored.add(name);
      }
    }
    return forwarder;
  }

  /** The signals this JVM cannot handle (ignored at its start, or reserved): not forwarded. */
  List<String> ignored() {
    return List.copyOf(ignored);
  }

  private void handle(Signal signal) {
    Process process;
    synchronized (this) {
      received = signal;
      process = child;
    }
    if (process != null) {
      forward(process, signal);
    }
  }

  /** The exit code 128+N of a signal N received before the child was started, if any. */
  synchronized Optional<Integer> pending() {
    return received == null ? Optional.empty() : Optional.of(128 + received.getNumber());
  }

  /** Forwards from now on to {@code process}, and at once a signal received while starting it. */
  void started(Process process) {
    Signal signal;
    synchronized (this) {
      child = process;
      signal = received;
    }
    if (signal != null) {
      forward(process, signal);
    }
  }

  private static void forward(Process process, Signal signal) {
    if (!process.isAlive()) {
      return;
    }
    try {
      Process kill = new ProcessBuilder("kill", "-s", signal.getName(),
          Long.toString(process.pid()))
          .redirectInput(Redirect.PIPE).redirectOutput(Redirect.DISCARD)
          .redirectError(Redirect.DISCARD).start();
      kill.getOutputStream().close();
      if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0) {
        return;
      }
    } catch (IOException e) {
      // No kill program: below.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (signal.getName().equals("TERM")) {
      process.destroy();
    }
  }

  /** Restores the handlers there were before {@link #install()}. */
  @Override
  public void close() {
    previous.forEach(Signal::handle);
    previous.clear();
  }
}
