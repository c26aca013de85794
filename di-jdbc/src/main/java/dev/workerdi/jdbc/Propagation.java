package dev.workerdi.jdbc;

/**
 * What a {@link Transactional} method does when its coroutine already has a transaction open on the
 * same database. Immutable and thread-safe.
 */
public enum Propagation {
  /** Join the open transaction (its outermost method commits or rolls back); else start one. */
  REQUIRED,
  /**
   * Run in a transaction of its own. With none open this is {@link #REQUIRED}; with one open it
   * would need a second connection in the same coroutine, which can deadlock a pool (every
   * coroutine holding one connection and waiting for a second), so it is refused with {@code
   * DI-331}: run the independent work in its own coroutine ({@code WorkerHost.submit}, {@code
   * FanOut}) instead.
   */
  REQUIRES_NEW
}
