package io.github.secrets4j.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.secrets4j.vault.internal.Scheduler;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The production scheduler: one daemon thread that never keeps the JVM alive, stopped by shutdown. */
class DaemonSchedulerTest {
  @Test
  void runsTasksOnOneNamedDaemonThread() throws InterruptedException {
    Scheduler scheduler = Scheduler.daemonThread();
    try {
      CountDownLatch ran = new CountDownLatch(1);
      AtomicReference<Thread> thread = new AtomicReference<>();
      scheduler.schedule(() -> {
        thread.set(Thread.currentThread());
        ran.countDown();
      }, Duration.ZERO);
      assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(thread.get().getName()).isEqualTo("secrets4j-vault-token-renewal");
      assertThat(thread.get().isDaemon()).isTrue();
    } finally {
      scheduler.shutdown();
    }
  }

  @Test
  void shutdownDropsPendingTasksAndLaterOnesQuietly() throws InterruptedException {
    Scheduler scheduler = Scheduler.daemonThread();
    AtomicBoolean ran = new AtomicBoolean();
    scheduler.schedule(() -> ran.set(true), Duration.ofHours(1));
    scheduler.shutdown();
    scheduler.schedule(() -> ran.set(true), Duration.ZERO); // no RejectedExecutionException
    assertThat(scheduler.toString()).contains("shut down");
    assertThat(ran).isFalse();
  }
}
