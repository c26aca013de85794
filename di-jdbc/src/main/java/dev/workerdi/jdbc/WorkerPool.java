package dev.workerdi.jdbc;

import dev.workerdi.jdbc.LeaseStats;
import dev.workerdi.jdbc.PoolState;
import javax.sql.DataSource;

/**
 * One worker's own HikariCP pool, named {@code poolName-workerName}: created on first use in the
 * worker (or at {@code onWorkerStart} when warm-up is on) and closed when the worker stops.
 * Injected as {@code @Inject WorkerPool} inside a worker. Thread-safe.
 */
public interface WorkerPool extends AutoCloseable {

  /** The pool's name, e.g. {@code db-worker-0}. */
  String name();

  /** Borrows a connection for the calling coroutine; close the lease when done (else it is reclaimed). */
  Lease lease();

  /** The underlying pool, for tools that want a {@link DataSource}; its connections are not leases. */
  DataSource dataSource();

  /** Opens the pool's minimum idle connections now rather than on first use. */
  void warmUp();

  /** The pool's connections now. */
  PoolState state();

  /** Lease counters and acquisition latency. */
  LeaseStats stats();

  /** Closes the pool (and its connections). Idempotent. */
  @Override
  void close();
}
