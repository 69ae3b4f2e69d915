package io.github.secrets4j.vault;

import io.github.secrets4j.vault.internal.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A scheduler the test drives: tasks run on the test's thread when {@link #advance} moves the
 * clock past their time, each at exactly its time, in order. No sleeping, no second thread.
 */
final class ManualScheduler implements Scheduler {
  private final MutableClock clock;
  private final List<Task> tasks = new ArrayList<>();
  private long sequence;
  private boolean shutDown;

  ManualScheduler(MutableClock clock) {
    this.clock = clock;
  }

  private record Task(Instant due, long order, Runnable action) {}

  @Override
  public synchronized void schedule(Runnable task, Duration delay) {
    if (!shutDown) {
      tasks.add(new Task(clock.instant().plus(delay), sequence++, task));
    }
  }

  @Override
  public synchronized void shutdown() {
    shutDown = true;
    tasks.clear();
  }

  /** Returns how many tasks wait. */
  synchronized int pending() {
    return tasks.size();
  }

  synchronized boolean isShutDown() {
    return shutDown;
  }

  /** Moves the clock forward by {@code duration}, running each task that falls due on the way. */
  void advance(Duration duration) {
    Instant end = clock.instant().plus(duration);
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.stream().filter(t -> !t.due().isAfter(end))
            .min(Comparator.comparing(Task::due).thenComparingLong(Task::order)).orElse(null);
        if (next == null) {
          break;
        }
        tasks.remove(next);
      }
      if (next.due().isAfter(clock.instant())) {
        clock.advance(Duration.between(clock.instant(), next.due()));
      }
      next.action().run();
    }
    clock.advance(Duration.between(clock.instant(), end));
  }
}
