package dev.workerdi.jdbc.internal;

import com.mysql.cj.NoSubInterceptorWrapper;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.jdbc.CommentClientInfoProvider;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.protocol.ServerSession;
import com.zaxxer.hikari.HikariConfig;
import dev.workerdi.jdbc.ResetPolicy;
import dev.workerdi.jdbc.WorkerPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a returned connection clean for the next lease, as cheaply as {@link ResetPolicy} allows:
 * one per pool, whose connections were set up by {@link SessionTracking#configure}.
 *
 * <p>Call {@link #onBorrow} right after HikariCP hands out a connection and {@link #verdict} just
 * before the lease closes HikariCP's proxy (before HikariCP's own reset). The verdict is the one
 * place that decides whether a returned connection is evicted, and how widely ({@link
 * ReturnVerdict}); the pool only carries it out. {@link #onReturn} is its cleaning step alone.
 * Under {@code TRACKED} a clean return sends nothing to the server: the verdict comes from the
 * server's session-state reports, collected while the lease ran by {@link SessionStateInterceptor}.
 * Thread-safe: immutable, apart from a once-only warning.
 */
public final class SessionCleaner {
  private static final Logger LOG = LoggerFactory.getLogger(SessionCleaner.class);

  /** The pool's logger, for what the verdict tells about the pool. */
  private static final Logger POOL_LOG = LoggerFactory.getLogger(WorkerPool.class);

  /** What {@link #onReturn} did. */
  public enum Outcome {
    /** Nothing changed: nothing was sent. */
    CLEAN,
    /**
     * Only a transaction (or autocommit) was left: {@code ROLLBACK} and/or {@code SET autocommit}.
     */
    ROLLED_BACK,
    /**
     * Session state changed (or policy {@code ALWAYS}): full reset and the pool's settings again.
     */
    RESET,
    /**
     * The connection is broken or cannot be proven clean: evict it, do not return it to the pool.
     */
    EVICT,
    /** Policy {@code UNSAFE_NONE}: nothing was checked. */
    UNCHECKED
  }

  private final ResetPolicy policy;
  private final SessionRestore restore;
  private final AtomicBoolean warnedUntracked = new AtomicBoolean();
  private final String user;
  private final String poolName;

  /** A cleaner for the pool made from {@code config}, after {@code SessionTracking.configure}. */
  public SessionCleaner(ResetPolicy policy, HikariConfig config) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.restore = new SessionRestore(Objects.requireNonNull(config, "config"));
    this.user = config.getUsername();
    this.poolName = config.getPoolName();
  }

  /** The policy this cleaner applies. */
  public ResetPolicy policy() {
    return policy;
  }

  /**
   * Starts a lease: forgets what earlier leases (and the pool's own statements) changed. Sends
   * nothing to the server.
   *
   * @param connection HikariCP's proxy (or Connector/J's connection itself)
   * @return the connection's record of the lease, or {@code null} when nothing is tracked
   * @throws SQLException if the connection is not a Connector/J connection
   */
  public SessionStateInterceptor onBorrow(Connection connection) throws SQLException {
    if (policy == ResetPolicy.UNSAFE_NONE) {
      return null;
    }
    JdbcConnection physical = connection.unwrap(JdbcConnection.class);
    boolean learning = !restore.learnt();
    if (learning) {
      restore.learn(physical); // once per pool, on a connection no lease has used yet
    }
    SessionStateInterceptor session = sessionOf(physical);
    if (session != null) {
      session.arm(physical, restore);
      if (learning) {
        session
            .afterReset(); // the learning queries name the tracking switches; they changed nothing
      }
    }
    return session;
  }

  /**
   * Ends a lease: decides what becomes of its connection, cleaning it when it is kept. A connection
   * that broke during the lease (HikariCP closes those on a fatal error) is evicted and makes the
   * whole pool replace its idle connections, since a server restart or a mass KILL rarely breaks
   * just one; unless the lease's own coroutine was cancelled, which breaks only its own connection
   * (whose statement may still run on the server: its thread is killed before a replacement opens).
   * A retired connection (the driver's own connection was handed out) is evicted alone. Otherwise
   * {@link #onReturn} cleans it; when that cannot make it clean, or anything fails, it is evicted,
   * with the whole pool unless the coroutine was cancelled. Never throws.
   *
   * @param pooled HikariCP's proxy, as given to {@link #onBorrow}, not yet closed
   * @param cancelled whether the lease's coroutine was cancelled (its interrupt was set aside)
   * @param killable whether the connection's server thread is known, so it can be killed
   * @param retire whether the lease handed out the driver's own connection
   */
  ReturnVerdict verdict(Connection pooled, boolean cancelled, boolean killable, boolean retire) {
    try {
      if (pooled.isClosed()) {
        return ReturnVerdict.evict(!cancelled, cancelled && killable);
      }
      if (retire) {
        return ReturnVerdict.evict(false, false);
      }
      Outcome outcome = onReturn(pooled);
      return outcome == Outcome.EVICT
          ? ReturnVerdict.evict(!cancelled, false)
          : ReturnVerdict.keep(outcome);
    } catch (SQLException | RuntimeException e) {
      return failed(e, cancelled);
    }
  }

  /**
   * The verdict when a return failed: deciding it, or carrying it out (HikariCP's {@code close()}
   * threw); evict the connection, with the whole pool unless the coroutine was cancelled.
   */
  ReturnVerdict failed(Exception e, boolean cancelled) {
    POOL_LOG.warn(
        "Pool {}: a returned connection could not be cleaned and was evicted", poolName, e);
    return ReturnVerdict.evict(!cancelled, false);
  }

  /**
   * The cleaning step of {@link #verdict}: leaves the connection clean, or says it cannot be
   * ({@link Outcome#EVICT}). Never throws for a broken connection (that is {@link Outcome#EVICT}).
   *
   * @param connection the same proxy as given to {@link #onBorrow}, not yet closed
   * @throws SQLException if the connection is not a Connector/J connection
   */
  public Outcome onReturn(Connection connection) throws SQLException {
    if (policy == ResetPolicy.UNSAFE_NONE) {
      return Outcome.UNCHECKED;
    }
    JdbcConnection physical = connection.unwrap(JdbcConnection.class);
    SessionStateInterceptor session = sessionOf(physical);
    try {
      if (physical.isClosed() || driverStateChanged(physical)) {
        return Outcome.EVICT;
      }
      if (session != null) {
        session.resumeForCleaning();
      }
      return clean(connection, physical, session);
    } catch (SQLException | RuntimeException e) {
      LOG.warn("A returned connection could not be cleaned and must be evicted: {}", e.toString());
      return Outcome.EVICT;
    } finally {
      if (session != null) {
        session.clear();
      }
    }
  }

  private Outcome clean(Connection pooled, JdbcConnection physical, SessionStateInterceptor session)
      throws SQLException {
    ServerSession server = physical.getSession().getServerSession();
    boolean tracked = session != null && server.isSessionStateTrackingEnabled();
    if (!tracked) {
      warnUntracked();
    }
    if (policy == ResetPolicy.ALWAYS || !tracked || session.needsReset()) {
      return reset(pooled, physical, tracked ? session : null);
    }
    boolean rollback = session.needsRollback(server);
    boolean autoCommit = server.isAutocommit() != restore.autoCommit();
    if (rollback && !physical.getAutoCommit()) {
      pooled.rollback(); // through HikariCP, which then knows it need not roll back again
    } else if (rollback) {
      SessionRestore.execute(physical, "ROLLBACK");
    }
    if (autoCommit) {
      pooled.setAutoCommit(restore.autoCommit());
    }
    return rollback || autoCommit ? Outcome.ROLLED_BACK : Outcome.CLEAN;
  }

  /**
   * Driver-side state a reset cannot undo, set through the driver's own connection (reached with
   * {@code unwrap} or {@code Statement.getConnection()}): client info, which Connector/J sends as a
   * comment before every later statement, a statement comment, another user. Read from the driver's
   * memory, no round trip.
   */
  private boolean driverStateChanged(JdbcConnection physical) throws SQLException {
    if (physical.getStatementComment() != null
        || (user != null && !user.equals(physical.getUser()))) {
      return true;
    }
    // Connector/J's default provider writes every setClientInfo into the statement comment (seen
    // above, without copying the client info as getClientInfo() does); another keeps it elsewhere.
    return !(physical.getClientInfoProviderImpl() instanceof CommentClientInfoProvider)
        && !physical.getClientInfo().isEmpty();
  }

  /** {@code session} is null when nothing tells whether the schema changed: then it is restored. */
  private Outcome reset(Connection pooled, JdbcConnection physical, SessionStateInterceptor session)
      throws SQLException {
    boolean schemaChanged =
        session == null || session.schemaChanged() || session.trackingSwitched();
    String schema = session == null ? physical.getDatabase() : session.borrowSchema();
    boolean noSchema = schema == null || schema.isEmpty() || !restore.restoresSchema();
    if (!SessionRestore.resettable(physical) || (schemaChanged && noSchema)) {
      return Outcome.EVICT;
    }
    restore.reset(
        pooled,
        physical,
        schemaChanged ? schema : null,
        session == null || session.ranHiddenCode());
    if (session != null) {
      session.afterReset(); // the restore switched tracking on; connectionInitSql, after it, may
      // switch it off
    }
    restore.runInitSql(physical);
    return Outcome.RESET;
  }

  private static SessionStateInterceptor sessionOf(JdbcConnection physical) {
    List<QueryInterceptor> interceptors = physical.getQueryInterceptorsInstances();
    if (interceptors != null) {
      for (QueryInterceptor interceptor : interceptors) {
        QueryInterceptor inner =
            interceptor instanceof NoSubInterceptorWrapper wrapper
                ? wrapper.getUnderlyingInterceptor()
                : interceptor;
        if (inner instanceof SessionStateInterceptor session) {
          return session;
        }
      }
    }
    return null;
  }

  private void warnUntracked() {
    if (warnedUntracked.compareAndSet(false, true)) {
      LOG.warn(
          "Session tracking is not active on this pool's connections (SessionTracking.configure not "
              + "applied, or the server lacks CLIENT_SESSION_TRACK): every return pays a full reset");
    }
  }
}
