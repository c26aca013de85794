package dev.workerdi.jdbc.internal;

import com.mysql.cj.jdbc.JdbcConnection;
import dev.workerdi.core.DiException;
import dev.workerdi.jdbc.Isolation;
import dev.workerdi.jdbc.Lease;
import dev.workerdi.jdbc.TransactionSpec;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open transaction on a coroutine's lease: what the outermost call changed (isolation,
 * read-only, autocommit) to restore at the end, and whether a nested call marked it rollback-only.
 * Ends exactly once, by {@link #finish} or {@link #fail}. Not thread-safe (one coroutine). Not a
 * supported API.
 */
final class TransactionFrame {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionFrame.class);

  private final Lease lease;
  private final Connection connection;
  private final String what;
  private final TransactionEngine engine;
  private final String database;
  private Connection view;
  private final boolean readOnly;
  private final int maxAttempts;
  private final boolean lastAttempt;
  private final TransactionSpec spec;
  private boolean commitSent;
  private int isolationLevel = -1;
  private Integer restoreIsolation;
  private boolean restoreReadOnly;
  private boolean restoreAutoCommit;
  private String rollbackOnlyBy;
  private Throwable rollbackOnlyCause;
  private boolean ended;

  private TransactionFrame(
      Lease lease,
      TransactionSpec spec,
      String what,
      TransactionEngine engine,
      String database,
      boolean lastAttempt) {
    this.lease = lease;
    this.connection = lease.connection();
    this.what = what;
    this.engine = engine;
    this.database = database;
    this.readOnly = spec.isReadOnly();
    this.maxAttempts = spec.maxAttempts();
    this.lastAttempt = lastAttempt;
    this.spec = spec;
  }

  /**
   * Sets isolation and read-only as {@code spec} says, then turns autocommit off; {@code
   * lastAttempt} says whether a failure will reach the caller (its 1213 is then named).
   */
  static TransactionFrame begin(
      Lease lease,
      TransactionSpec spec,
      String what,
      TransactionEngine engine,
      String database,
      boolean lastAttempt) {
    TransactionFrame frame = new TransactionFrame(lease, spec, what, engine, database, lastAttempt);
    try {
      frame.configure(spec.isolation());
      return frame;
    } catch (SQLException e) {
      frame.restore();
      throw JdbcErrors.transactionFailed("start", database, what, e);
    } catch (RuntimeException e) {
      frame.restore();
      throw e;
    }
  }

  private void configure(Isolation isolation) throws SQLException {
    if (isolation != Isolation.DEFAULT) {
      int current = connection.getTransactionIsolation();
      if (current != isolation.jdbcLevel()) {
        connection.setTransactionIsolation(isolation.jdbcLevel());
        restoreIsolation = current;
      }
      isolationLevel = isolation.jdbcLevel();
    }
    if (readOnly && !connection.isReadOnly()) {
      connection.setReadOnly(true);
      restoreReadOnly = true;
    }
    if (connection.getAutoCommit()) {
      connection.setAutoCommit(false);
      restoreAutoCommit = true;
    }
  }

  Lease lease() {
    return lease;
  }

  String what() {
    return what;
  }

  TransactionSpec spec() {
    return spec;
  }

  /**
   * Whether a COMMIT was sent: if it then failed with the node gone, it may have been applied (the
   * node may have replicated it first), so the attempt must not run again.
   */
  boolean commitSent() {
    return commitSent;
  }

  /**
   * The connection handed to the work: a view of the lease, made on first use (interceptors never
   * ask).
   */
  Connection view() {
    if (view == null) {
      view = LeaseView.of(lease, engine, database);
    }
    return view;
  }

  boolean readOnly() {
    return readOnly;
  }

  /**
   * The transaction's isolation as a JDBC level (asked from the connection when the outermost call
   * set none).
   */
  int isolationLevel() throws SQLException {
    if (isolationLevel == -1) {
      isolationLevel = connection.getTransactionIsolation();
    }
    return isolationLevel;
  }

  String isolationName() throws SQLException {
    int level = isolationLevel();
    for (Isolation isolation : Isolation.values()) {
      if (isolation.jdbcLevel() == level) {
        return isolation.name();
      }
    }
    return String.valueOf(level);
  }

  /**
   * A nested call failed with what rolls back: the outermost call will roll back, whatever it does.
   */
  void markRollbackOnly(String by, Throwable cause) {
    if (rollbackOnlyBy == null) {
      rollbackOnlyBy = by;
      rollbackOnlyCause = cause;
    }
  }

  /**
   * The outermost call returned: commit, unless a nested call marked the transaction rollback-only.
   */
  void finish(String database) {
    ended = true;
    if (rollbackOnlyBy != null) {
      DiException error =
          JdbcErrors.rolledBackOnly(database, what, rollbackOnlyBy, rollbackOnlyCause);
      rollbackQuietly(error);
      throw error;
    }
    try {
      commitSent = true;
      connection.commit();
    } catch (SQLException e) {
      throw commitFailed(database, e);
    }
  }

  /**
   * The commit failed: rolls back, then names the failure. A 1213 at commit on a Galera node is a
   * certification conflict ({@code DI-342}: an InnoDB deadlock never surfaces at commit); anything
   * else is {@code DI-335}. Either keeps {@code e} as its cause, so a retryable method is retried.
   */
  private DiException commitFailed(String database, SQLException e) {
    Throwable rollback = new Throwable();
    rollbackQuietly(rollback);
    String node = e.getErrorCode() == Retry.DEADLOCK ? galeraNode() : null;
    DiException error =
        node != null
            ? JdbcErrors.certificationConflict(database, what, node, true, maxAttempts, e)
            : JdbcErrors.transactionFailed("commit", database, what, e);
    for (Throwable suppressed : rollback.getSuppressed()) {
      error.addSuppressed(suppressed);
    }
    return error;
  }

  /**
   * The Galera node ({@code host:port}) behind the lease, asked on the error path only; null when
   * the server is no cluster node or cannot say.
   */
  private String galeraNode() {
    boolean interrupted = Thread.interrupted();
    try {
      if (ClusterStatus.read(connection).isEmpty()) {
        return null;
      }
      return connection.unwrap(JdbcConnection.class).getHostPortPair();
    } catch (SQLException | RuntimeException e) {
      LOG.debug("Transaction {}: could not ask whether the server is a Galera node", what, e);
      return null;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The outermost call threw {@code failure}: roll back (or commit, for an exception that does not
   * roll back).
   */
  Throwable fail(Throwable failure, boolean rollback, String database) {
    if (ended) {
      return failure;
    }
    ended = true;
    if (rollback || rollbackOnlyBy != null || broken()) {
      Throwable named = lastAttempt ? named(failure, database) : failure;
      rollbackQuietly(named);
      return named;
    }
    try {
      commitSent = true;
      connection.commit();
      return failure;
    } catch (SQLException e) {
      DiException error = commitFailed(database, e);
      error.addSuppressed(failure);
      return error;
    }
  }

  /**
   * A statement's 1213 on a Galera node, about to reach the caller: named by what the node's
   * warnings tell ({@link ConflictWarnings}: a certification conflict, {@code DI-342}, or a
   * deadlock or a certification conflict, {@code DI-343}), with {@code failure} as the cause, so
   * that its 1213 stays in the cause chain. Anything else, or on a server that is no Galera node
   * (there a 1213 is an InnoDB deadlock), is returned unchanged.
   */
  private Throwable named(Throwable failure, String database) {
    if (failure instanceof DiException || !hasDeadlock(failure)) {
      return failure;
    }
    boolean interrupted = Thread.interrupted();
    try {
      boolean aborted =
          ConflictWarnings.abortedByWriteSet(connection); // before any other statement
      String node = galeraNode();
      if (node == null) {
        return failure;
      }
      return aborted
          ? JdbcErrors.certificationConflict(database, what, node, false, maxAttempts, failure)
          : JdbcErrors.deadlockOrConflict(database, what, node, maxAttempts, failure);
    } catch (SQLException | RuntimeException e) {
      LOG.debug("Transaction {}: could not read the node's warnings after a 1213", what, e);
      return failure;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static boolean hasDeadlock(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
      if (t instanceof SQLException sql && sql.getErrorCode() == Retry.DEADLOCK) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the connection broke (HikariCP closed it after a link failure): nothing can be
   * committed on it, and no COMMIT is sent.
   */
  private boolean broken() {
    try {
      return connection.isClosed();
    } catch (SQLException | RuntimeException e) {
      return true;
    }
  }

  private void rollbackQuietly(Throwable into) {
    boolean interrupted = Thread.interrupted(); // a cancelled coroutine's socket I/O would fail
    try {
      connection.rollback();
    } catch (SQLException | RuntimeException e) {
      into.addSuppressed(e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Puts autocommit, read-only and isolation back as they were (the lease's return cleans the
   * rest), and closes the view handed to the work, so that a connection kept past the transaction
   * fails.
   */
  void restore() {
    boolean interrupted = Thread.interrupted();
    try {
      if (view != null) {
        view.close();
      }
      if (restoreAutoCommit) {
        connection.setAutoCommit(true);
      }
      if (restoreReadOnly) {
        connection.setReadOnly(false);
      }
      if (restoreIsolation != null) {
        connection.setTransactionIsolation(restoreIsolation);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warn(
          "Transaction {}: the lease's settings could not be restored; its return will clean it: {}",
          what,
          e.toString());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
