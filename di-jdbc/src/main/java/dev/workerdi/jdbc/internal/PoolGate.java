package dev.workerdi.jdbc.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The FIFO gate in front of one worker's HikariCP pool: one permit per connection the pool may
 * hold, taken before HikariCP is asked and kept for as long as the borrower holds the connection.
 * With more borrowers than connections the others wait here, once, in arrival order, and HikariCP
 * never sees more borrowers than it has connections: a returned connection is not offered in turn
 * to thousands of parked waiters inside HikariCP (each woken, retrying, and asking the pool to add
 * a connection it cannot add), the permit goes to the one at the head of the queue. Thread-safe.
 */
final class PoolGate {
  private final Semaphore permits;

  PoolGate(int size) {
    permits = new Semaphore(size, true);
  }

  /**
   * Takes a permit, waiting up to {@code timeoutNanos} behind those who came first: true, or false
   * when the time ran out. A borrower interrupted before it arrives still passes when a permit is
   * free and nobody waits (as HikariCP still lends an idle connection to an interrupted thread),
   * with its interrupt kept; otherwise {@link InterruptedException}.
   */
  boolean enter(long timeoutNanos) throws InterruptedException {
    if (Thread.interrupted()) {
      try {
        if (permits.tryAcquire(0, TimeUnit.NANOSECONDS)) {
          return true;
        }
      } finally {
        Thread.currentThread().interrupt();
      }
      throw new InterruptedException();
    }
    return permits.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
  }

  /** Gives back the permit {@link #enter} took: once per permit taken. */
  void leave() {
    permits.release();
  }

  /** How many borrowers wait at the gate now (an estimate, as every queue length under load). */
  int waiting() {
    return permits.getQueueLength();
  }
}
