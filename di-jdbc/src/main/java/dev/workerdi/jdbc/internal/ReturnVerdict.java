package dev.workerdi.jdbc.internal;

import dev.workerdi.jdbc.internal.SessionCleaner.Outcome;

/**
 * What the pool does with a returned connection, as {@link SessionCleaner#verdict} decides it: keep
 * it after the cleaning {@link #outcome()}, or evict it ({@link Outcome#EVICT}); on eviction,
 * whether the pool's idle connections are replaced too ({@link #wholePool()}) and whether the
 * connection's server thread is killed first ({@link #killFirst()}). {@link HikariWorkerPool} only
 * carries it out. Immutable and thread-safe.
 */
record ReturnVerdict(Outcome outcome, boolean wholePool, boolean killFirst) {

  /** Keep the connection: it was left clean with {@code outcome}. */
  static ReturnVerdict keep(Outcome outcome) {
    return new ReturnVerdict(outcome, false, false);
  }

  /** Evict the connection; with {@code wholePool}, soft-evict the pool's idle ones too. */
  static ReturnVerdict evict(boolean wholePool, boolean killFirst) {
    return new ReturnVerdict(Outcome.EVICT, wholePool, killFirst);
  }

  /** Whether the connection leaves the pool. */
  boolean evicts() {
    return outcome == Outcome.EVICT;
  }
}
