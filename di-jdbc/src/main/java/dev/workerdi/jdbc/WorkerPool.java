package dev.workerdi.jdbc;

/**
 * One worker's own HikariCP pool, named {@code poolName-workerName}: created on first use in the
 * worker (or at {@code onWorkerStart} when warm-up is on) and closed when the worker stops.
 * Injected as {@code @Inject WorkerPool} inside a worker. For a {@code javax.sql.DataSource},
 * inject {@code DataSource}: its connections are the coroutine's lease (the pool's own HikariCP
 * data source is not handed out, since its connections would bypass the lease, its owner check and
 * clean-on-return). Thread-safe.
 */
public interface WorkerPool extends AutoCloseable {

  /** The pool's name, e.g. {@code db-worker-0}. */
  String name();

  /**
   * Borrows a connection for the calling coroutine; close the lease when done (else it is reclaimed
   * when the coroutine ends). One lease per pool per coroutine: while the coroutine holds a lease
   * from this pool (taken here, or an injected {@code Connection} or {@code Lease}), a second
   * borrow fails at once with {@code DI-311} instead of risking the pool-locking deadlock; use the
   * lease held, close it first, or use {@link dev.workerdi.jdbc.FanOut} for concurrent work. On a
   * URL that names several hosts, a borrow on a Galera node outside the primary component fails
   * with {@code DI-340} and the node's {@code wsrep_cluster_status} (README, "On a Galera
   * cluster").
   */
  Lease lease();

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
