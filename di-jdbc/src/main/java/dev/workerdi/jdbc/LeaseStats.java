package dev.workerdi.jdbc;

/**
 * What one worker's pool has done with its leases since it opened: counters and the acquisition
 * latency, read from {@link WorkerPool#stats()} by metrics and tests. The values are live (each
 * call reads the current count) and cheap to keep on the hot path. Thread-safe.
 */
public interface LeaseStats {
  /** Leases borrowed. */
  long borrowed();

  /** Leases given back (by their coroutine, early, or reclaimed). */
  long returned();

  /** Leases a coroutine ended without returning, given back for it and reported once. */
  long reclaimed();

  /** Returns that rolled back an open transaction. */
  long rollbacks();

  /** Returns that ran a full session reset. */
  long resets();

  /** Connections retired instead of reused. */
  long evicted();

  /** Borrows that timed out waiting for a connection. */
  long timeouts();

  /**
   * The acquisition latency below which {@code fraction} (0 to 1) of borrows fell, in microseconds:
   * the upper bound of a power-of-two bucket, so a coarse figure.
   */
  long acquireMicros(double fraction);
}
