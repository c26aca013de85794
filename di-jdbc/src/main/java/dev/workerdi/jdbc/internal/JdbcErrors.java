package dev.workerdi.jdbc.internal;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.core.spi.CallerLocation;
import dev.workerdi.core.spi.Redactor;
import dev.workerdi.jdbc.PoolState;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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

  /**
   * A property neither HikariCP nor this library knows, with the close valid name when there is
   * one.
   */
  public static DiException unknownSetting(
      String property, String value, String suggestion, List<String> libraryProperties) {
    return DiException.builder(
            ErrorId.BAD_SETTINGS,
            "Setting " + property + " is not a property of HikariCP " + "or workerdi")
        .field("property", property)
        .field("value", value == null ? null : Redactor.value(property, value))
        .field("similar", suggestion)
        .fix(
            (suggestion == null ? "" : "Did you mean " + suggestion + "? ")
                + "Use HikariCP's property names "
                + "(those of HikariConfig, e.g. maximumPoolSize), dataSource.* for driver properties, or workerdi.* "
                + "for this library's ("
                + libraryProperties.stream()
                    .map(name -> name.substring(name.indexOf('.') + 1))
                    .collect(Collectors.joining(", "))
                + ").")
        .build();
  }

  /** A JDBC URL whose driver the reset policy cannot clean connections with. */
  public static DiException urlNotServable(String maskedUrl, String policy) {
    return DiException.builder(
            ErrorId.BAD_SETTINGS,
            "Setting jdbcUrl names a driver that reset policy "
                + policy
                + " cannot clean connections with")
        .field("property", "jdbcUrl")
        .field("value", maskedUrl)
        .field("policy", policy)
        .fix(
            "Use a jdbc:mysql:// URL (MySQL Connector/J, com.mysql:mysql-connector-j, which also talks to MariaDB): "
                + "clean-on-return is built on its session tracking and resetServerState(). Or set "
                + "workerdi.resetPolicy=UNSAFE_NONE and clean sessions yourself.")
        .build();
  }

  /** The {@code jdbcUrl} setting cannot be used; the URL is shown with its password masked. */
  public static DiException badUrl(String url, String problem, String fix) {
    return badSettings("jdbcUrl", Redactor.maskUrl(url), problem, fix);
  }

  /** No connection became free within the pool's connection timeout. */
  public static DiException acquireTimeout(
      String pool, PoolState state, Duration waited, Throwable cause) {
    return DiException.builder(
            ErrorId.ACQUIRE_TIMEOUT,
            "Pool " + pool + " gave no connection within " + waited.toMillis() + " ms")
        .field("pool", pool)
        .field("state", state)
        .field("caller", userCaller())
        .cause(cause)
        .fix(
            "Hold leases for shorter times (release early with lease.close() when done with the database), "
                + "bound concurrency with FanOut, or raise maximumPoolSize within the connection budget.")
        .build();
  }

  /** The coroutine was cancelled (or its worker is stopping) while it waited for a connection. */
  public static DiException acquireInterrupted(String pool, PoolState state, Throwable cause) {
    return DiException.builder(
            ErrorId.ACQUIRE_INTERRUPTED,
            "Waiting for a connection from pool "
                + pool
                + " was interrupted: the coroutine was cancelled or its worker is stopping")
        .field("pool", pool)
        .field("state", state)
        .field("caller", userCaller())
        .cause(cause)
        .fix(
            "Nothing to fix when the cancellation was intended; otherwise find what cancelled the task "
                + "(a fan-out's failure or deadline, WorkerHost.stop).")
        .build();
  }

  /**
   * The database could not be reached (wrong URL, password, unknown database, server down); when
   * the cause is a Galera node outside the primary component, {@link #quorumLost} instead.
   */
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
    Optional<SQLException> quorum = QuorumErrors.find(cause);
    if (quorum.isPresent()) {
      return quorumLost(pool, Redactor.maskUrl(url), quorum.get());
    }
    return DiException.builder(
            ErrorId.DATABASE_UNREACHABLE, "Pool " + pool + " cannot connect to the database")
        .field("pool", pool)
        .field("url", Redactor.maskUrl(url))
        .field("caller", caller)
        .cause(cause)
        .fix(
            "Check jdbcUrl (host, port, database name), username and password, and that the server runs.")
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
    return DiException.builder(
            id,
            key
                + " was resolved "
                + (early
                    ? "before any worker has started"
                    : "outside a coroutine, on thread '" + Thread.currentThread().getName() + "'"))
        .field("key", key)
        .field("injected", injected)
        .field("binding", "the coroutine's lease (one per coroutine, returned when it ends)")
        .field("caller", userCaller())
        .fix(
            "Resolve classes that inject Connection inside a worker task (host.submit, or a request the host "
                + "runs): inject Provider<Connection> (or a Provider of the class) where the object lives longer "
                + "and call get() in the task"
                + (early
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
    return DiException.builder(
            ErrorId.SECOND_LEASE,
            "Coroutine on thread '"
                + Thread.currentThread().getName()
                + "' asked pool "
                + pool
                + " for a second connection while it holds "
                + held)
        .field("pool", pool)
        .field("held", held)
        .field("caller", userCaller())
        .fix(
            "Use the connection the coroutine already holds (an injected Connection and WorkerPool.lease() "
                + "are two leases), close the first lease before borrowing again, or run the work concurrently "
                + "with FanOut, which gives each task its own coroutine and lease. Borrowing twice from one pool "
                + "in one coroutine deadlocks once every connection is held by a coroutine waiting for its second.")
        .build();
  }

  /**
   * A Galera node answered that it is outside the primary component (1047 "WSREP has not yet
   * prepared node", 1180 during COMMIT): the cluster lost quorum, or this node was cut off from it.
   */
  public static DiException quorumLost(String pool, String node, Throwable cause) {
    return DiException.builder(
            ErrorId.QUORUM_LOST,
            "The database cluster lost quorum: node "
                + node
                + " is not in a primary component and refuses statements")
        .field("pool", pool)
        .field("node", node)
        .cause(cause)
        .fix(
            "Nothing was applied: retry the work once quorum returns (the pools use the nodes again by "
                + "themselves). If a majority of the nodes is down for good, bootstrap the most advanced survivor "
                + "(SET GLOBAL wsrep_provider_options='pc.bootstrap=YES').")
        .build();
  }

  /**
   * A lease was about to be handed out on a Galera node whose status says it is outside the primary
   * component (or not ready): the borrow fails at once with the node's own figures.
   */
  public static DiException quorumLostAtBorrow(String pool, String node, Object status) {
    return DiException.builder(
            ErrorId.QUORUM_LOST,
            "The database cluster lost quorum: node "
                + node
                + " is not in a primary component, so pool "
                + pool
                + " gave no lease on it")
        .field("pool", pool)
        .field("node", node)
        .field("status", status)
        .field("caller", userCaller())
        .fix(
            "Nothing was run: retry the work once quorum returns (each borrow asks the node again, and "
                + "leases work as soon as it is back in a primary component). If a majority of the nodes is "
                + "down for good, bootstrap the most advanced survivor "
                + "(SET GLOBAL wsrep_provider_options='pc.bootstrap=YES').")
        .build();
  }

  /**
   * The connection of a lease to one node of a cluster URL broke mid-lease (Connector/J's link
   * failure): the node died, was stopped, or the network to it failed.
   */
  public static DiException nodeLost(String pool, String node, Throwable cause) {
    return DiException.builder(
            ErrorId.NODE_LOST,
            "Node " + node + " went away while a lease of pool " + pool + " was using it")
        .field("pool", pool)
        .field("node", node)
        .field(
            "applied",
            "unknown if the failed call was a COMMIT (or an autocommit write) in flight: the node may have "
                + "replicated it before it went away; an open transaction's other work was not kept")
        .cause(cause)
        .fix(
            "This lease's connection is gone; the pool's next lease is on a surviving node (the URL's hosts are "
                + "tried in order). Run the work again in a new lease (a new task, or the request again), "
                + "or mark the @Transactional method retryable (maxAttempts): an attempt that lost its node "
                + "before its COMMIT runs again on a fresh connection, one that lost it during COMMIT does "
                + "not. Make the writes "
                + "idempotent (a unique key per request, INSERT ... ON DUPLICATE KEY UPDATE) so that running "
                + "again a commit that was in fact applied changes nothing.")
        .build();
  }

  /**
   * A transaction on a Galera node lost a certification conflict: at its commit ({@code atCommit}:
   * another node's transaction wrote the same rows and was certified first; a local InnoDB deadlock
   * never surfaces at commit), or in a statement that a replicated write set aborted while it ran
   * (the server's warnings: 1213 with 1317).
   */
  public static DiException certificationConflict(
      String database,
      String what,
      String node,
      boolean atCommit,
      int maxAttempts,
      Throwable cause) {
    return DiException.builder(
            ErrorId.CERTIFICATION_CONFLICT,
            "Transaction "
                + what
                + " on "
                + database
                + (atCommit
                    ? " lost a Galera certification conflict at commit: a transaction on another node "
                        + "wrote the same rows and committed first"
                    : " lost a Galera certification conflict in a statement: a transaction committed on "
                        + "another node wrote the same rows, and this node aborted the running statement "
                        + "to apply it"))
        .field("transaction", what)
        .field("node", node)
        .field(
            "evidence",
            atCommit
                ? null
                : "the node's warnings for the statement: 1213 (Deadlock found) with 1317 (Query execution "
                    + "was interrupted); a local InnoDB deadlock is never interrupted")
        .field("attempts", attempts(maxAttempts))
        .cause(cause)
        .fix(
            kept(maxAttempts, "conflicted")
                + "Or route the writes of a hot row to one node (the same worker's pool, or a URL naming "
                + "that node first): there they wait on the row lock instead of conflicting"
                + (atCommit ? " at commit." : "."))
        .build();
  }

  /**
   * A statement of a transaction on a Galera node failed with 1213, and nothing the node tells (the
   * same text, warnings without 1317, node-wide counters) says whether a local InnoDB deadlock or a
   * certification conflict (a replicated write set aborting the idle transaction) caused it.
   */
  public static DiException deadlockOrConflict(
      String database, String what, String node, int maxAttempts, Throwable cause) {
    return DiException.builder(
            ErrorId.DEADLOCK_OR_CONFLICT,
            "Transaction "
                + what
                + " on "
                + database
                + " was rolled back by a deadlock or a Galera certification conflict: node "
                + node
                + " answered 1213, which is either, and tells nothing that sets them apart")
        .field("transaction", what)
        .field("node", node)
        .field(
            "why unknown",
            "the same error and text for both; the node's warnings name no interrupted statement; "
                + "wsrep_local_bf_aborts and Innodb_deadlocks count for the whole node")
        .field("attempts", attempts(maxAttempts))
        .cause(cause)
        .fix(
            kept(maxAttempts, "failed so")
                + "If a deadlock: take the rows' locks in the same order in every transaction and keep "
                + "transactions short. If a certification conflict: route the writes of a hot row to one "
                + "node (the same worker's pool, or a URL naming that node first).")
        .build();
  }

  private static String attempts(int maxAttempts) {
    return maxAttempts == 1 ? "1 (not retryable)" : "up to " + maxAttempts;
  }

  private static String kept(int maxAttempts, String verb) {
    return maxAttempts == 1
        ? "Nothing of the transaction was kept. Mark the method retryable "
            + "(@Transactional(maxAttempts = 3), TransactionSpec.retry(3)): the whole "
            + "method then runs again on the winner's data. "
        : "Nothing of the transaction was kept; every attempt " + verb + ": raise maxAttempts. ";
  }

  /**
   * A retryable transaction's COMMIT failed because its node went away: it may have been applied
   * (the node may have replicated it before dying), so it is not run again.
   */
  public static DiException nodeLostAtCommit(
      String database, String what, int attempt, int maxAttempts, Throwable cause) {
    return DiException.builder(
            ErrorId.NODE_LOST,
            "Transaction "
                + what
                + " on "
                + database
                + " lost its connection during COMMIT (the node went away): it was not retried, because "
                + "the commit may have been applied")
        .field("transaction", what)
        .field("attempt", attempt + " of up to " + maxAttempts)
        .field(
            "applied",
            "unknown: the node may have replicated the commit before it went away; a node lost before "
                + "the commit is retried on a fresh connection, this one is not")
        .cause(cause)
        .fix(
            "Find out whether the commit was applied (read the rows back on a surviving node) before "
                + "running the work again, or make the writes idempotent (a unique key per request, "
                + "INSERT ... ON DUPLICATE KEY UPDATE) so that running again a commit that was in fact "
                + "applied changes nothing.")
        .build();
  }

  /** The lease (or its connection) was used after it was returned. */
  public static DiException released(String lease) {
    return DiException.builder(
            ErrorId.LEASE_RELEASED, "Lease " + lease + " was already returned to its pool")
        .field("lease", lease)
        .field("caller", userCaller())
        .fix(
            "Do not keep a Connection beyond its lease: inject Connection (or a Lease) again in the task that needs it.")
        .build();
  }

  /** A lease taken by hand was not returned by its coroutine (logged with the borrower's stack). */
  public static DiException leaked(String lease, PoolState state) {
    return DiException.builder(
            ErrorId.LEASE_LEAKED,
            "Lease " + lease + " was not returned before its coroutine ended; it was reclaimed")
        .field("lease", lease)
        .field("pool", state)
        .fix(
            "Close leases taken with WorkerPool.lease() in a try-with-resources block, or inject Lease / "
                + "Connection so that the coroutine's end returns it. The stack below shows where it was borrowed.")
        .build();
  }

  /** Pools or leases were asked for where no worker runs. */
  public static DiException notInWorker(String what, Object phase) {
    return DiException.builder(
            ErrorId.NOT_IN_WORKER,
            what
                + " was requested on thread '"
                + Thread.currentThread().getName()
                + "', which belongs to no worker")
        .field("phase", phase)
        .field("caller", userCaller())
        .fix(
            "Use connections inside onWorkerStart hooks or worker tasks; for a one-off connection before "
                + "start, open one yourself (DriverManager.getConnection) and close it.")
        .build();
  }

  /** A fan-out ran past its deadline; the unfinished tasks were cancelled. */
  public static DiException fanOutDeadline(Duration deadline, int done, int total) {
    return DiException.builder(
            ErrorId.FANOUT_DEADLINE,
            "Fan-out of " + total + " task(s) did not finish within " + deadline.toMillis() + " ms")
        .field("finished", done + " of " + total)
        .field("caller", userCaller())
        .fix("Give the fan-out a longer deadline, make the queries faster, or split the work.")
        .build();
  }

  /** A fan-out task failed; the others were cancelled. */
  public static DiException fanOutFailed(int index, int total, Throwable cause) {
    return DiException.builder(
            ErrorId.FANOUT_FAILED,
            "Fan-out task " + index + " of " + total + " failed; the other tasks were cancelled")
        .field("task", index)
        .field("caller", userCaller())
        .cause(cause)
        .fix(
            "See the cause; results are all-or-nothing, so retry the fan-out or handle errors inside the task.")
        .build();
  }

  // ---- the lease-backed DataSource ----

  private static final String DATASOURCE_FIX =
      "Call getConnection() inside a worker task (WorkerHost.submit, or a "
          + "request run by host.executor()), where it returns the task's lease; for a one-off connection outside "
          + "workers, open one yourself (DriverManager.getConnection) and close it.";

  /** The lease-backed DataSource was asked for a connection on a thread that runs no coroutine. */
  public static DiException dataSourceOutsideCoroutine(String dataSource, String worker) {
    return DiException.builder(
            ErrorId.DATASOURCE_OUTSIDE_COROUTINE,
            "DataSource "
                + dataSource
                + " was asked for a connection on thread '"
                + Thread.currentThread().getName()
                + "', which runs no coroutine")
        .field(
            "datasource", dataSource + " (lease-backed: each coroutine's connection is its lease)")
        .field(
            "worker",
            worker == null ? "(none on this thread)" : worker + " (but no coroutine of it)")
        .field("caller", userCaller())
        .fix(DATASOURCE_FIX)
        .build();
  }

  /**
   * One worker's DataSource was used by a coroutine of another worker (it was kept beyond its
   * worker).
   */
  public static DiException dataSourceOtherWorker(
      String dataSource, String owner, Object coroutine) {
    return DiException.builder(
            ErrorId.DATASOURCE_OTHER_WORKER,
            "DataSource "
                + dataSource
                + " of worker '"
                + owner
                + "' was asked for a connection by coroutine "
                + coroutine
                + " of another worker")
        .field("datasource", dataSource)
        .field("owner", "worker '" + owner + "'")
        .field("caller", userCaller())
        .fix(
            "Do not keep a worker's DataSource in a singleton: inject DataSource into worker- or coroutine-scoped "
                + "objects, build Jdbi or jOOQ's DSLContext per worker (@WorkerScoped), or on Provider<DataSource> "
                + "for one shared instance.")
        .build();
  }

  /** A connection of the lease-backed DataSource was used after its close(). */
  public static DiException viewClosed(String dataSource, String method) {
    return DiException.builder(
            ErrorId.CONNECTION_VIEW_CLOSED,
            "A connection of DataSource "
                + dataSource
                + " was used ("
                + method
                + ") after its close()")
        .field("datasource", dataSource)
        .field("method", method)
        .field("caller", userCaller())
        .fix(
            "Call dataSource.getConnection() again: it returns the coroutine's lease each time, at no cost.")
        .build();
  }

  /** A DataSource call that a lease cannot honour (another user, a log writer). */
  public static DiException dataSourceUnsupported(String dataSource, String call, String why) {
    return DiException.builder(
            ErrorId.DATASOURCE_UNSUPPORTED,
            "DataSource " + dataSource + " does not support " + call)
        .field("datasource", dataSource)
        .field("why", why)
        .field("caller", userCaller())
        .fix(
            "Use getConnection(); for another user, bind another JdbcModule.named(...) with its settings.")
        .build();
  }

  // ---- transactions ----

  /** A bad TransactionSpec argument or @Transactional attribute. */
  public static DiException badSpec(String attribute, String value, String fix) {
    return DiException.builder(
            ErrorId.BAD_ARGUMENT, "Transaction attribute " + attribute + " cannot be " + value)
        .field("attribute", attribute)
        .field("value", value)
        .field("caller", userCaller())
        .fix(fix)
        .build();
  }

  /**
   * A {@code @Transactional} whose attributes do not make a valid spec ({@code problem} says
   * which).
   */
  public static DiException badAnnotation(String method, DiException problem) {
    String message = problem.getMessage();
    int fix = message.indexOf("\n  fix:");
    return DiException.builder(
            ErrorId.BAD_ARGUMENT, "@Transactional on " + method + " has a bad attribute")
        .field("method", method)
        .field("problem", message.lines().findFirst().orElse(message))
        .fix(
            fix < 0
                ? "Correct the annotation's attributes."
                : message.substring(fix + "\n  fix:".length()).strip())
        .build();
  }

  /** A transaction was asked for on a thread that runs no coroutine. */
  public static DiException transactionOutsideCoroutine(String database, String what) {
    return DiException.builder(
            ErrorId.TRANSACTION_OUTSIDE_COROUTINE,
            "Transaction "
                + what
                + " on "
                + database
                + " was started on thread '"
                + Thread.currentThread().getName()
                + "', which runs no coroutine")
        .field("transaction", what)
        .field("database", database)
        .field("caller", userCaller())
        .fix(
            "Call it inside a worker task (WorkerHost.submit, or a request run by host.executor()): a transaction "
                + "runs on the coroutine's lease.")
        .build();
  }

  /** A requires-new transaction inside an open one: it would need a second connection. */
  public static DiException requiresNewRefused(String database, String what, String open) {
    return DiException.builder(
            ErrorId.TRANSACTION_NEEDS_SECOND_CONNECTION,
            "Transaction "
                + what
                + " asks for a new transaction on "
                + database
                + " while "
                + open
                + " has one open in this coroutine")
        .field("transaction", what + " (Propagation.REQUIRES_NEW)")
        .field("open", open)
        .field("thread", Thread.currentThread().getName())
        .field("caller", userCaller())
        .fix(
            "A second transaction needs a second connection in the same coroutine, which can deadlock the pool "
                + "(every coroutine holding one and waiting for another): it was refused and nothing ran. Join the "
                + "open transaction (Propagation.REQUIRED), or run the independent work in its own coroutine "
                + "(WorkerHost.submit, FanOut) after this one.")
        .build();
  }

  /** A nested call asks for an isolation or read-write mode the open transaction does not have. */
  public static DiException transactionConflict(
      String database, String what, String open, String wanted, String actual) {
    return DiException.builder(
            ErrorId.TRANSACTION_CONFLICT,
            "Transaction "
                + what
                + " wants "
                + wanted
                + " but joins the open transaction of "
                + open
                + " on "
                + database
                + ", which is "
                + actual)
        .field("transaction", what)
        .field("open", open)
        .field("caller", userCaller())
        .fix(
            "Isolation and read-only are fixed when a transaction starts: give the outermost method the settings "
                + "its nested calls need, or call the method outside that transaction.")
        .build();
  }

  /**
   * Commit, rollback or a transaction setting was called on a connection of a managed transaction.
   */
  public static DiException transactionManaged(String database, String call, String open) {
    return DiException.builder(
            ErrorId.TRANSACTION_MANAGED,
            call
                + "() was called on a connection of "
                + database
                + " while its transaction is managed by "
                + open)
        .field("call", call)
        .field("open", open)
        .field("caller", userCaller())
        .fix(
            "Let the outermost @Transactional method (or Transactions.inTransaction) commit or roll back: throw "
                + "to roll back. Do not start a library's own transaction (jOOQ transaction(), Jdbi begin()) inside it.")
        .build();
  }

  /**
   * The outermost call returned normally, but a nested call had failed and marked it rollback-only.
   */
  public static DiException rolledBackOnly(
      String database, String what, String by, Throwable cause) {
    return DiException.builder(
            ErrorId.TRANSACTION_ROLLBACK_ONLY,
            "Transaction "
                + what
                + " on "
                + database
                + " was rolled back: nested call "
                + by
                + " failed and its exception was caught")
        .field("transaction", what)
        .field("failed", by + ": " + cause)
        .cause(cause)
        .fix(
            "Let the exception propagate out of the outermost method, or mark the nested method so that this "
                + "exception does not roll back (noRollbackOn).")
        .build();
  }

  /** The database refused to start or commit a transaction. */
  public static DiException transactionFailed(
      String step, String database, String what, Throwable cause) {
    return DiException.builder(
            ErrorId.TRANSACTION_FAILED,
            "Transaction " + what + " on " + database + " could not " + step)
        .field("transaction", what)
        .field("step", step)
        .cause(cause)
        .fix(
            "See the cause; nothing of the transaction was kept. A serialization failure here (1213, 1205, "
                + "40001) is retried when the method allows it (maxAttempts).")
        .build();
  }

  /** Every attempt of a retryable transaction failed on a serialization failure. */
  public static DiException retriesExhausted(
      String database, String what, int attempts, Throwable last) {
    return DiException.builder(
            ErrorId.TRANSACTION_RETRIES_EXHAUSTED,
            "Transaction "
                + what
                + " on "
                + database
                + " failed on a serialization failure on each of its "
                + attempts
                + " attempts")
        .field("transaction", what)
        .field("last", last.toString())
        .fix(
            "Raise maxAttempts or the backoff, or make the transactions that conflict shorter or take their "
                + "locks in the same order.")
        .build();
  }

  /**
   * @Transactional on a method or object Guice does not intercept.
   */
  public static DiException notIntercepted(String method, String why, String fix) {
    return DiException.builder(
            ErrorId.TRANSACTIONAL_NOT_INTERCEPTED,
            "@Transactional on " + method + " would be ignored: Guice does not intercept it")
        .field("method", method)
        .field("why", why)
        .fix(fix)
        .build();
  }

  /**
   * @Transactional names a database that no JdbcModule binds.
   */
  public static DiException unknownDatabase(String method, String database, String known) {
    return DiException.builder(
            ErrorId.TRANSACTIONAL_UNKNOWN_DATABASE,
            "@Transactional(database = \""
                + database
                + "\") on "
                + method
                + " names a database no JdbcModule binds")
        .field("method", method)
        .field("known", known)
        .fix(
            "Use the name given to JdbcModule.named(name, settings), or leave database empty for JdbcModule.of.")
        .build();
  }
}
