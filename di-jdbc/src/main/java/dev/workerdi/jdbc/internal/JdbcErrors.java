package dev.workerdi.jdbc.internal;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.core.internal.CallerLocation;
import dev.workerdi.core.internal.Redactor;
import java.time.Duration;

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

  /** A property neither HikariCP nor this library knows, with the close valid name when there is one. */
  public static DiException unknownSetting(String property, String value, String suggestion) {
    return DiException.builder(ErrorId.BAD_SETTINGS, "Setting " + property + " is not a property of HikariCP "
            + "or workerdi")
        .field("property", property)
        .field("value", value == null ? null : Redactor.value(property, value))
        .field("similar", suggestion)
        .fix((suggestion == null ? "" : "Did you mean " + suggestion + "? ") + "Use HikariCP's property names "
            + "(those of HikariConfig, e.g. maximumPoolSize), dataSource.* for driver properties, or workerdi.* "
            + "for this library's (resetPolicy, warmUp, instances, reserve, leakStacks).")
        .build();
  }

  /** A JDBC URL whose driver the reset policy cannot clean connections with. */
  public static DiException urlNotServable(String maskedUrl, String policy) {
    return DiException.builder(ErrorId.BAD_SETTINGS, "Setting jdbcUrl names a driver that reset policy " + policy
            + " cannot clean connections with")
        .field("property", "jdbcUrl")
        .field("value", maskedUrl)
        .field("policy", policy)
        .fix("Use a jdbc:mysql:// URL (MySQL Connector/J, com.mysql:mysql-connector-j, which also talks to MariaDB): "
            + "clean-on-return is built on its session tracking and resetServerState(). Or set "
            + "workerdi.resetPolicy=UNSAFE_NONE and clean sessions yourself.")
        .build();
  }

  /** No connection became free within the pool's connection timeout. */
  public static DiException acquireTimeout(String pool, PoolState state, Duration waited, Throwable cause) {
    return DiException.builder(ErrorId.ACQUIRE_TIMEOUT, "Pool " + pool + " gave no connection within "
            + waited.toMillis() + " ms")
        .field("pool", pool)
        .field("state", state)
        .field("caller", userCaller())
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
        .field("caller", userCaller())
        .cause(cause)
        .fix("Nothing to fix when the cancellation was intended; otherwise find what cancelled the task "
            + "(a fan-out's failure or deadline, WorkerHost.stop).")
        .build();
  }

  /** The database could not be reached (wrong URL, password, unknown database, server down). */
  public static DiException unreachable(String pool, String url, Throwable cause) {
    return unreachable(pool, url, userCaller(), cause);
  }

  /**
   * The database could not be reached by the library's own connection at start (the budget check):
   * no caller line, since whatever called {@code start()} is not where the problem is.
   */
  public static DiException unreachableAtStart(String pool, String url, Throwable cause) {
    return unreachable(pool, url, null, cause);
  }

  private static DiException unreachable(String pool, String url, String caller, Throwable cause) {
    return DiException.builder(ErrorId.DATABASE_UNREACHABLE, "Pool " + pool + " cannot connect to the database")
        .field("pool", pool)
        .field("url", Redactor.maskUrl(url))
        .field("caller", caller)
        .cause(cause)
        .fix("Check jdbcUrl (host, port, database name), username and password, and that the server runs.")
        .build();
  }

  /** The application frame that called into the library, or null when none is on the stack. */
  private static String userCaller() {
    return CallerLocation.application();
  }

  /**
   * A {@code Connection} was resolved where no coroutine runs: before the workers started ({@code
   * DI-111}) or on a thread of no worker ({@code DI-119}), naming the key the user injected and,
   * when known, the injection point.
   */
  public static DiException connectionOutsideCoroutine(ErrorId id, String key, String injected) {
    boolean early = id == ErrorId.EAGER_GET;
    return DiException.builder(id, key + " was resolved " + (early ? "before any worker has started"
            : "outside a coroutine, on thread '" + Thread.currentThread().getName() + "'"))
        .field("key", key)
        .field("injected", injected)
        .field("binding", "the coroutine's lease (one per coroutine, returned when it ends)")
        .field("caller", userCaller())
        .fix("Resolve classes that inject Connection inside a worker task (host.submit, or a request the host "
            + "runs): inject Provider<Connection> (or a Provider of the class) where the object lives longer "
            + "and call get() in the task" + (early
                ? "; for a one-off connection before start, open one yourself (DriverManager.getConnection) "
                    + "and close it."
                : "."))
        .build();
  }

  /**
   * A coroutine holding a lease asked the same pool for another one: under load every connection is
   * held by a coroutine waiting for its second, and all of them wait until DI-301.
   */
  public static DiException secondLease(String pool, String held) {
    return DiException.builder(ErrorId.SECOND_LEASE, "Coroutine on thread '" + Thread.currentThread().getName()
            + "' asked pool " + pool + " for a second connection while it holds " + held)
        .field("pool", pool)
        .field("held", held)
        .field("caller", userCaller())
        .fix("Use the connection the coroutine already holds (an injected Connection and WorkerPool.lease() "
            + "are two leases), close the first lease before borrowing again, or run the work concurrently "
            + "with FanOut, which gives each task its own coroutine and lease. Borrowing twice from one pool "
            + "in one coroutine deadlocks once every connection is held by a coroutine waiting for its second.")
        .build();
  }

  /** The lease (or its connection) was used after it was returned. */
  public static DiException released(String lease) {
    return DiException.builder(ErrorId.LEASE_RELEASED, "Lease " + lease + " was already returned to its pool")
        .field("lease", lease)
        .field("caller", userCaller())
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
        .field("caller", userCaller())
        .fix("Each coroutine borrows its own lease: inject Connection in the task that runs the query, "
            + "or use FanOut to run queries concurrently, each on its own lease.")
        .build();
  }

  /** Pools or leases were asked for where no worker runs. */
  public static DiException notInWorker(String what, Object phase) {
    return DiException.builder(ErrorId.NOT_IN_WORKER, what + " was requested on thread '"
            + Thread.currentThread().getName() + "', which belongs to no worker")
        .field("phase", phase)
        .field("caller", userCaller())
        .fix("Use connections inside onWorkerStart hooks or worker tasks; for a one-off connection before "
            + "start, open one yourself (DriverManager.getConnection) and close it.")
        .build();
  }

  /** A fan-out ran past its deadline; the unfinished tasks were cancelled. */
  public static DiException fanOutDeadline(Duration deadline, int done, int total) {
    return DiException.builder(ErrorId.FANOUT_DEADLINE, "Fan-out of " + total + " task(s) did not finish within "
            + deadline.toMillis() + " ms")
        .field("finished", done + " of " + total)
        .field("caller", userCaller())
        .fix("Give the fan-out a longer deadline, make the queries faster, or split the work.")
        .build();
  }

  /** A fan-out task failed; the others were cancelled. */
  public static DiException fanOutFailed(int index, int total, Throwable cause) {
    return DiException.builder(ErrorId.FANOUT_FAILED, "Fan-out task " + index + " of " + total
            + " failed; the other tasks were cancelled")
        .field("task", index)
        .field("caller", userCaller())
        .cause(cause)
        .fix("See the cause; results are all-or-nothing, so retry the fan-out or handle errors inside the task.")
        .build();
  }
}
