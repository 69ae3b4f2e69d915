package io.github.secrets4j.cli;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Forwards SIGINT, SIGTERM and SIGHUP that reach this JVM to the child of {@code secrets4j run}
 * while it runs, instead of the JVM's default (run the shutdown hooks and exit).
 *
 * <p>Java has no API to send a signal other than SIGTERM/SIGKILL to a process, nor to handle
 * one: handlers go through {@code sun.misc.Signal} (module {@code jdk.unsupported}, exported to
 * everyone; called reflectively, so that neither javac nor javadoc warns about an internal API,
 * and so that a JVM without it simply forwards nothing), and signals are sent with
 * {@code kill -s NAME PID} (SIGTERM with {@link ProcessHandle#destroy()} if {@code kill} cannot be
 * run). A signal that was ignored when the JVM started (SIGINT and SIGQUIT of a background job of
 * a non-interactive shell, SIGHUP under {@code nohup}) cannot be handled: the JVM keeps it
 * ignored, and so does the child, which inherits that.
 *
 * <p>A signal that arrives after {@link #install()} but before {@link #started(Process)} is
 * remembered: {@link #pending()} tells the caller not to start the child; if the child was being
 * started, it gets the signal as soon as it is known.
 */
final class SignalForwarder implements AutoCloseable {
  /** The signals forwarded. */
  static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");

  /** {@code sun.misc.Signal} and {@code sun.misc.SignalHandler}, or null without them. */
  private static final Api API = Api.find();

  /** Signal to the handler there was before. */
  private final Map<Object, Object> previous = new LinkedHashMap<>();
  private Process child;
  /** The last signal received, as {@code [name, number]}. */
  private Object[] received;

  private SignalForwarder() {}

  /** Installs the handlers of {@link #SIGNALS}; restore the previous ones with {@link #close()}. */
  static SignalForwarder install() {
    SignalForwarder forwarder = new SignalForwarder();
    if (API == null) {
      return forwarder;
    }
    Object handler = API.handler(forwarder::handle);
    for (String name : SIGNALS) {
      Object signal;
      try {
        signal = API.signal(name);
      } catch (IllegalArgumentException e) {
        // No such signal on this platform.
        continue;
      }
      try {
        // If the signal was ignored at JVM start, HotSpot keeps it so, installs nothing and returns
        // SIG_IGN, which close() puts back.
        forwarder.previous.put(signal, API.handle(signal, handler));
      } catch (IllegalArgumentException e) {
        // Reserved by the VM (-Xrs): not forwarded.
      }
    }
    return forwarder;
  }

  private void handle(String name, int number) {
    Process process;
    synchronized (this) {
      received = new Object[] {name, number};
      process = child;
    }
    if (process != null) {
      forward(process, name);
    }
  }

  /** The exit code 128+N of a signal N received before the child was started, if any. */
  synchronized Optional<Integer> pending() {
    return received == null ? Optional.empty() : Optional.of(128 + (Integer) received[1]);
  }

  /** Forwards from now on to {@code process}, and at once a signal received while starting it. */
  void started(Process process) {
    Object[] signal;
    synchronized (this) {
      child = process;
      signal = received;
    }
    if (signal != null) {
      forward(process, (String) signal[0]);
    }
  }

  private static void forward(Process process, String signal) {
    if (!process.isAlive()) {
      return;
    }
    try {
      Process kill = new ProcessBuilder("kill", "-s", signal,
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
    if (signal.equals("TERM")) {
      process.destroy();
    }
  }

  /** Restores the handlers there were before {@link #install()}. */
  @Override
  public void close() {
    if (API != null) {
      previous.forEach(API::handle);
    }
    previous.clear();
  }

  /** What is used of {@code sun.misc}, through reflection. */
  private static final class Api {
    final Class<?> handlerType;
    final Constructor<?> newSignal;
    final Method handle;
    final Method name;
    final Method number;

    private Api(Class<?> signalType, Class<?> handlerType) throws ReflectiveOperationException {
      this.handlerType = handlerType;
      this.newSignal = signalType.getConstructor(String.class);
      this.handle = signalType.getMethod("handle", signalType, handlerType);
      this.name = signalType.getMethod("getName");
      this.number = signalType.getMethod("getNumber");
    }

    static Api find() {
      try {
        return new Api(Class.forName("sun.misc.Signal"), Class.forName("sun.misc.SignalHandler"));
      } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
        return null;
      }
    }

    /** A {@code SignalHandler} calling {@code action} with the signal's name and number. */
    Object handler(Action action) {
      return Proxy.newProxyInstance(SignalForwarder.class.getClassLoader(),
          new Class<?>[] {handlerType}, (proxy, method, args) -> {
            switch (method.getName()) {
              case "handle":
                action.handle((String) name.invoke(args[0]), (Integer) number.invoke(args[0]));
                return null;
              case "equals":
                return proxy == args[0];
              case "hashCode":
                return System.identityHashCode(proxy);
              default:
                return "secrets4j run: forwards the signal to the child";
            }
          });
    }

    Object signal(String signalName) {
      return call(newSignal, null, signalName);
    }

    Object handle(Object signal, Object handler) {
      return call(handle, null, signal, handler);
    }

    private static Object call(java.lang.reflect.Executable executable, Object target,
        Object... args) {
      try {
        return executable instanceof Constructor<?> constructor ? constructor.newInstance(args)
            : ((Method) executable).invoke(target, args);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException("sun.misc.Signal failed", e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("sun.misc.Signal cannot be used", e);
      }
    }
  }

  /** What a signal does. */
  @FunctionalInterface
  private interface Action {
    void handle(String name, int number);
  }
}
