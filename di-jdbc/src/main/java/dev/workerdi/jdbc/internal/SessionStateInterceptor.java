package dev.workerdi.jdbc.internal;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.PreparedQuery;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.jdbc.JdbcPreparedStatement;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;
import com.mysql.cj.protocol.ServerSessionStateController;
import com.mysql.cj.protocol.ServerSessionStateController.ServerSessionStateChanges;
import com.mysql.cj.protocol.ServerSessionStateController.SessionStateChange;
import com.mysql.cj.protocol.ServerSessionStateController.SessionStateChangesListener;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The per-connection record of what a lease changed in its session, kept by Connector/J itself: the
 * driver creates one per physical connection from the {@code queryInterceptors} property that
 * {@link SessionTracking#configure} sets, and holds it for the connection's life (which also keeps
 * it registered, the driver's listener list holding only weak references).
 *
 * <p>It listens to the server's session-state reports (every OK packet) and runs {@link
 * UntrackedStatements}' check on every top-level statement; {@link SessionCleaner} reads the result
 * when the lease returns. Public only because the driver instantiates it by name; not a supported
 * API. Thread-safe: written by whichever thread runs statements on the connection and read by the
 * thread returning the lease, through volatile fields (HikariCP hands a connection to one borrower
 * at a time).
 */
public final class SessionStateInterceptor implements QueryInterceptor, SessionStateChangesListener {
  private volatile boolean changed;
  private volatile boolean untracked;
  private volatile boolean schemaChanged;
  private volatile boolean trackingSwitched;
  private volatile boolean autocommitStatement;
  private volatile boolean statementRunning;
  private volatile boolean statementFailed;
  private volatile String transactionState = "";
  private volatile String transactionCharacteristics = "";
  private volatile String borrowSchema;

  /** Called by Connector/J through reflection. */
  public SessionStateInterceptor() {}

  @Override
  public QueryInterceptor init(MysqlConnection connection, Properties properties, Log log) {
    return this;
  }

  /**
   * Registers with the connection's state controller (idempotent), forgets the previous lease and
   * remembers the schema the lease starts in ({@code null} for none).
   */
  void arm(ServerSessionStateController controller, String schema) {
    controller.addSessionStateChangesListener(this);
    clear();
    borrowSchema = schema;
  }

  /** Forgets what the lease changed; the sticky "tracking switched" mark stays until {@link #afterReset}. */
  void clear() {
    changed = false;
    untracked = false;
    schemaChanged = false;
    autocommitStatement = false;
    statementRunning = false;
    statementFailed = false;
    transactionState = "";
    transactionCharacteristics = "";
  }

  /**
   * At a full reset, which sends the tracking switches again: forgets that a statement may have
   * switched tracking off (the pool's {@code connectionInitSql}, run after the reset, may do it again).
   */
  void afterReset() {
    trackingSwitched = false;
  }

  /**
   * Anything that only a full reset clears: variables, schema, temporary tables, locks, XA; or a
   * statement that failed, whose error packet carries no state report although a procedure, a
   * {@code BEGIN NOT ATOMIC} block or a trigger may have changed state before the error.
   */
  boolean needsReset() {
    return changed || untracked || trackingSwitched || statementFailed || statementRunning
        || transactionState.indexOf('L') >= 0 || transactionCharacteristics.contains("XA ");
  }

  /** Whether the lease's statements touched a transaction that a ROLLBACK may still have to end. */
  boolean needsRollback(ServerSession server) {
    if (server.inTransactionOnServer() || !transactionCharacteristics.isEmpty()) {
      return true;
    }
    String state = transactionState;
    for (int i = 0; i < state.length(); i++) {
      if (state.charAt(i) != '_') {
        return true;
      }
    }
    return false;
  }

  boolean schemaChanged() {
    return schemaChanged;
  }

  /** The schema the lease started in, as the driver saw it; {@code null} for none. */
  String borrowSchema() {
    return borrowSchema;
  }

  @Override
  public <T extends Resultset> T preProcess(Supplier<String> sql, Query query) {
    statementFailed |= statementRunning; // the previous statement never reached postProcess: it broke
    statementRunning = true;
    String text = query instanceof PreparedQuery prepared ? prepared.getOriginalSql()
        : query instanceof JdbcPreparedStatement statement ? statement.getPreparedSql() : sql.get();
    if (text != null) {
      int found = UntrackedStatements.scan(text);
      untracked |= found != 0;
      trackingSwitched |= (found & UntrackedStatements.TRACKING_SETTINGS) != 0;
      autocommitStatement = found == 0 && UntrackedStatements.onlyAutocommit(text);
    }
    return null;
  }

  @Override
  public void handleSessionStateChanges(ServerSessionStateChanges changes) {
    boolean onlyAutocommit = autocommitStatement;
    autocommitStatement = false;
    for (SessionStateChange change : changes.getSessionStateChangesList()) {
      switch (change.getType()) {
        case ServerSessionStateController.SESSION_TRACK_TRANSACTION_STATE -> transactionState = value(change);
        case ServerSessionStateController.SESSION_TRACK_TRANSACTION_CHARACTERISTICS ->
            transactionCharacteristics = value(change);
        case ServerSessionStateController.SESSION_TRACK_GTIDS -> { }
        case ServerSessionStateController.SESSION_TRACK_SYSTEM_VARIABLES,
            ServerSessionStateController.SESSION_TRACK_STATE_CHANGE -> changed |= !onlyAutocommit;
        case ServerSessionStateController.SESSION_TRACK_SCHEMA -> {
          schemaChanged = true;
          changed = true;
        }
        default -> changed = true;
      }
    }
  }

  private static String value(SessionStateChange change) {
    return change.getValues().isEmpty() ? "" : change.getValues().get(0);
  }

  @Override
  public <T extends Resultset> T postProcess(Supplier<String> sql, Query query, T result, ServerSession server) {
    statementRunning = false;
    statementFailed |= result == null; // Connector/J passes null when the statement failed
    return null;
  }

  @Override
  public boolean executeTopLevelOnly() {
    return true;
  }

  @Override
  public void destroy() {}
}
