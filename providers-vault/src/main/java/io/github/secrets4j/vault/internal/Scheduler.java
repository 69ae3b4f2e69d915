package io.github.secrets4j.vault.internal;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs token renewals later, off the reading threads: in production one daemon thread per
 * provider ({@link #daemonThread()}); in tests a queue the test drives with its clock.
 */
public interface Scheduler {
  /**
   * Runs {@code task} once, {@code delay} from now. After {@link #shutdown()} the task is
   * dropped silently.
   *
   * @param task what to run; exceptions it throws are the task's own business
   * @param delay how long to wait; zero or negative runs it as soon as possible
   */
  void schedule(Runnable task, Duration delay);

  /** Drops every pending task and stops the thread; later {@link #schedule} calls do nothing. */
  void shutdown();

  /**
   * Returns a scheduler with one daemon thread named {@code secrets4j-vault-token-renewal}, so
   * that it never keeps a JVM alive.
   *
   * @return a new scheduler; call {@link #shutdown()} when done
   */
  static Scheduler daemonThread() {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "secrets4j-vault-token-renewal");
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return new Scheduler() {
      @Override
      public void schedule(Runnable task, Duration delay) {
        try {
          executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
          // shut down: the provider is closed, nothing is to be renewed any more
        }
      }

      @Override
      public void shutdown() {
        ((ScheduledExecutorService) executor).shutdownNow();
      }

      @Override
      public String toString() {
        return "Scheduler{daemon thread" + (executor.isShutdown() ? ", shut down" : "") + "}";
      }
    };
  }
}
