package io.github.secrets4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J 2 provider that records every log event at every level, TRACE included, with its
 * formatted message, arguments and throwable, so the no-leak tests can search them for a canary.
 *
 * <p>It is not registered with {@link java.util.ServiceLoader} (it would compete with the host
 * application's logging). Select it in the test JVM with the system property
 * {@code slf4j.provider=io.github.secrets4j.testkit.CapturingLogs}, for example in Surefire's
 * {@code systemPropertyVariables}. WARN and ERROR events are also printed to standard error.
 */
public final class CapturingLogs implements SLF4JServiceProvider {
  private static final ConcurrentLinkedQueue<String> EVENTS = new ConcurrentLinkedQueue<>();
  private static volatile boolean active;

  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();
  private final Factory factory = new Factory();

  /** For SLF4J. */
  public CapturingLogs() {}

  /**
   * Returns whether SLF4J in this JVM logs through this provider (the test JVM was started with
   * {@code -Dslf4j.provider=io.github.secrets4j.testkit.CapturingLogs}).
   *
   * @return {@code true} once SLF4J has initialized this provider
   */
  public static boolean isActive() {
    return active;
  }

  /**
   * Returns every event recorded so far, each as one text with its throwable's chain.
   *
   * @return a copy of the events, oldest first, at every level
   */
  public static List<String> events() {
    return new ArrayList<>(EVENTS);
  }

  /** Forgets the events recorded so far. */
  public static void clear() {
    EVENTS.clear();
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    active = true;
  }

  private static final class Factory implements ILoggerFactory {
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    @Override
    public Logger getLogger(String name) {
      return loggers.computeIfAbsent(name, RecordingLogger::new);
    }
  }

  private static final class RecordingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    RecordingLogger(String name) {
      this.name = name;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
      StringBuilder event = new StringBuilder()
          .append(level).append(' ').append(name).append(" - ")
          .append(MessageFormatter.basicArrayFormat(pattern, arguments));
      if (arguments != null) {
        for (Object argument : arguments) {
          event.append(" | arg: ").append(argument);
        }
      }
      for (Throwable t = throwable; t != null; t = t.getCause()) {
        event.append(" | ").append(t);
      }
      String text = event.toString();
      EVENTS.add(text);
      if (level.toInt() >= Level.WARN.toInt()) {
        System.err.println(text);
      }
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }
  }
}
