package io.github.secrets4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counts cache hits without an atomic instruction: a locked add costs more than the rest of a hit
 * together. Each thread adds to a slot of its own (by thread id, 64 slots, each on its own cache
 * lines) with opaque writes; {@link #sum()} adds the slots up. Counts are exact while no two
 * threads share a slot at the same instant (up to 64 threads with consecutive ids never do);
 * beyond that a concurrent add to a shared slot may be lost, which metrics can afford.
 */
final class HitCounter {
  private static final int SLOTS = 64;
  private static final int PAD = 16;
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

  private final long[] counts = new long[(SLOTS + 1) * PAD];

  @SuppressWarnings("deprecation")
  void increment() {
    int index = (int) ((Thread.currentThread().getId() & (SLOTS - 1)) + 1) * PAD;
    SLOT.setOpaque(counts, index, (long) SLOT.getOpaque(counts, index) + 1);
  }

  long sum() {
    long sum = 0;
    for (int slot = 1; slot <= SLOTS; slot++) {
      sum += (long) SLOT.getOpaque(counts, slot * PAD);
    }
    return sum;
  }
}
