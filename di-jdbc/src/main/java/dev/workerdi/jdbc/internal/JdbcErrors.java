package dev.workerdi.jdbc.internal;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.core.internal.CallerLocation;
import dev.workerdi.core.internal.Redactor;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The message factories of di-jdbc: one method per message, in {@link DiException}'s format, with
 * passwords masked. Stateless and thread-safe. Not a supported API.
 */
public final class JdbcErrors {
  private JdbcErrors() {}

  /** A setting is missing or has a bad value. */
  public static DiException badSettings(String property, String value, String problem, String fix) {
    return DiException.builder(ErrorId.BAD_SETTINGS, "Setting " + property + " " + problem)
        .field("property", property)
        .field("value", value == null ? null : Redactor.value(property, value))
        .fix(fix)
        .build();
  }

  /** The {@code jdbcUrl} setting cannot be used; the URL is shown with its password masked. */
  public static DiException badUrl(String url, String problem, String fix) {
    return badSettings("jdbcUrl", Redactor.maskUrl(url), problem, fix);
  }

  /** No connection became free within the pool's connection timeout. */
  public static DiException acquireTimeout(String pool, PoolState state, Duration waited, Throwable cause) {
    return DiException.builder(ErrorId.ACQUIRE_TIMEOUT, "Pool " + pool + " gave no connection within "
            + waited.toMillis() + " ms")
        .field("pool", pool)
        .field("state", state)
        .field("caller", CallerLocation.here())
        .cause(cause)
        .fix("Hold leases for shorter times (release early with lease.close() when done with the database), "
            + "bound concurrency with FanOut, or raise maximumPoolSize within the connection budget.")
        .build();
  }

  /** The coroutine was cancelled (or its worker is stopping) while it waited for a connection. */
  public static DiException acquireInterrupted(String pool, PoolState state, Throwable cause) {
    return DiException.builder(ErrorId.ACQUIRE_INTERRUPTED, "Waiting for a connection from pool " + pool
            + " was interrupted: the coroutine was cancelled or its worker is stopping")
        .field("pool", pool)
        .field("state", state)
        .field("caller", CallerLocation.here())
        .cause(cause)
        .fix("Nothing to fix when the cancellation was intended; otherwise find what cancelled the task "
            + "(a fan-out's failure or deadline, WorkerHost.stop).")
        .build();
  }

  /**
   * The database could not be reached (wrong URL, password, unknown database, server down); when the
   * cause is a Galera node outside the primary component, {@link #quorumLost} instead.
   */
  public static DiException unreachable(String pool, String url, Throwable cause) {
    Optional<SQLException> quorum = QuorumErrors.find(cause);
    if (quorum.isPresent()) {
      return quorumLost(pool, Redactor.maskUrl(url), quorum.get());
    }
    return DiException.builder(ErrorId.DATABASE_UNREACHABLE, "Pool " + pool + " cannot connect to the database")
        .field("pool", pool)
        .field("url", Redactor.maskUrl(url))
        .field("caller", CallerLocation.here())
        .cause(cause)
        .fix("Check jdbcUrl (host, port, database name), username and password, and that the server runs.")
        .build();
  }

  /**
   * A Galera node answered that it is outside the primary component (1047 "WSREP has not yet
   * prepared node", 1180 during COMMIT): the cluster lost quorum, or this node was cut off from it.
   */
  public static DiException quorumLost(String pool, String node, Throwable cause) {
    return DiException.builder(ErrorId.QUORUM_LOST, "The database cluster lost quorum: node " + node
            + " is not in a primary component and refuses statements")
        .field("pool", pool)
        .field("node", node)
        .cause(cause)
        .fix("Nothing was applied: retry the work once quorum returns (the pools use the nodes again by "
            + "themselves). If a majority of the nodes is down for good, bootstrap the most advanced survivor "
            + "(SET GLOBAL wsrep_provider_options='pc.bootstrap=YES').")
        .build();
  }

  /** The lease (or its connection) was used after it was returned. */
  public static DiException released(String lease) {
    return DiException.builder(ErrorId.LEASE_RELEASED, "Lease " + lease + " was already returned to its pool")
        .field("lease", lease)
        .field("caller", CallerLocation.here())
        .fix("Do not keep a Connection beyond its lease: inject Connection (or a Lease) again in the task that needs it.")
        .build();
  }

  /** A lease taken by hand was not returned by its coroutine (logged with the borrower's stack). */
  public static DiException leaked(String lease, PoolState state) {
    return DiException.builder(ErrorId.LEASE_LEAKED, "Lease " + lease
            + " was not returned before its coroutine ended; it was reclaimed")
        .field("lease", lease)
        .field("pool", state)
        .fix("Close leases taken with WorkerPool.lease() in a try-with-resources block, or inject Lease / "
            + "Connection so that the coroutine's end returns it. The stack below shows where it was borrowed.")
        .build();
  }

  /** The lease was used from a thread other than its coroutine's. */
  public static DiException notOwner(String lease, Thread owner) {
    return DiException.builder(ErrorId.NOT_OWNER, "Lease " + lease + " was used from thread '"
            + Thread.currentThread().getName() + "', not by the coroutine that borrowed it")
        .field("lease", lease)
        .field("owner", owner.getName())
        .field("caller", CallerLocation.here())
        .fix("Each coroutine borrows its own lease: inject Connection in the task that runs the query, "
            + "or use FanOut to run queries concurrently, each on its own lease.")
        .build();
  }

  /** Pools or leases were asked for where no worker runs. */
  public static DiException notInWorker(String what, Object phase) {
    return DiException.builder(ErrorId.NOT_IN_WORKER, what + " was requested on thread '"
            + Thread.currentThread().getName() + "', which belongs to no worker")
        .field("phase", phase)
        .field("caller", CallerLocation.here())
        .fix("Use connections inside onWorkerStart hooks or worker tasks; for a one-off connection before "
            + "start, open one yourself (DriverManager.getConnection) and close it.")
        .build();
  }

  /** A fan-out ran past its deadline; the unfinished tasks were cancelled. */
  public static DiException fanOutDeadline(Duration deadline, int done, int total) {
    return DiException.builder(ErrorId.FANOUT_DEADLINE, "Fan-out of " + total + " task(s) did not finish within "
            + deadline.toMillis() + " ms")
        .field("finished", done + " of " + total)
        .field("caller", CallerLocation.here())
        .fix("Give the fan-out a longer deadline, make the queries faster, or split the work.")
        .build();
  }

  /** A fan-out task failed; the others were cancelled. */
  public static DiException fanOutFailed(int index, int total, Throwable cause) {
    return DiException.builder(ErrorId.FANOUT_FAILED, "Fan-out task " + index + " of " + total
            + " failed; the other tasks were cancelled")
        .field("task", index)
        .field("caller", CallerLocation.here())
        .cause(cause)
        .fix("See the cause; results are all-or-nothing, so retry the fan-out or handle errors inside the task.")
        .build();
  }
}
