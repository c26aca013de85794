package dev.workerdi.testing;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The one Galera cluster of this JVM (three nodes), started by the first caller and stopped when
 * the test run ends ({@link Lease} in the JUnit root store) or at JVM exit. Thread-safe: a {@link
 * ReentrantLock} guards it, so concurrent first callers start one cluster and wait for it.
 */
final class SharedCluster {
  static final int SIZE = 3;
  private static final ReentrantLock LOCK = new ReentrantLock();
  private static GaleraCluster current;

  private SharedCluster() {}

  static GaleraCluster acquire() {
    LOCK.lock();
    try {
      if (current == null) {
        current = GaleraCluster.start(SIZE);
      }
      return current;
    } finally {
      LOCK.unlock();
    }
  }

  static void stop() {
    LOCK.lock();
    try {
      GaleraCluster running = current;
      current = null;
      if (running != null) {
        running.close();
      }
    } finally {
      LOCK.unlock();
    }
  }

  /** Put in the JUnit root store: closing it at the end of the test run stops the cluster. */
  record Lease(GaleraCluster cluster) implements AutoCloseable {
    static Lease take() {
      return new Lease(acquire());
    }

    @Override
    public void close() {
      stop();
    }
  }
}
