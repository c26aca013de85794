package dev.workerdi.jdbc.internal;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.NativeSession;
import com.mysql.cj.PreparedQuery;
import com.mysql.cj.Query;
import com.mysql.cj.exceptions.OperationCancelledException;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.JdbcPreparedStatement;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;
import com.mysql.cj.protocol.ServerSessionStateController;
import com.mysql.cj.protocol.ServerSessionStateController.ServerSessionStateChanges;
import com.mysql.cj.protocol.ServerSessionStateController.SessionStateChange;
import com.mysql.cj.protocol.ServerSessionStateController.SessionStateChangesListener;
import com.mysql.cj.protocol.a.NativeProtocol;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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
 * at a time). Besides the server's reports it records what no report carries: a generated id in an
 * OK packet ({@code LAST_INSERT_ID()}), warnings left by the last statement, and, for {@link
 * #cancel}, whether a statement is on the wire.
 */
public final class SessionStateInterceptor
    implements QueryInterceptor, SessionStateChangesListener {
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
  private volatile boolean insertId;
  private volatile boolean hiddenCode;
  private volatile boolean lastWarnings;
  private volatile boolean ownsResults;
  private volatile Runnable resultsRefresh;
  private volatile NativeProtocol protocol;
  private volatile String node;
  private ServerSessionStateController armedController; // written and read by the borrowing thread
  private JdbcConnection armedConnection;
  private final ReentrantLock wire = new ReentrantLock();
  private final Condition statementEnded = wire.newCondition();
  private boolean onWire;
  private boolean cancelled;

  /** Called by Connector/J through reflection. */
  public SessionStateInterceptor() {}

  @Override
  public QueryInterceptor init(MysqlConnection connection, Properties properties, Log log) {
    // The physical connection this instance serves (a failover proxy has one per host it opens):
    // its node, read once here, since asking the proxy while a statement runs waits for the
    // statement.
    node = connection instanceof JdbcConnection physical ? physical.getHostPortPair() : null;
    return this;
  }

  /**
   * The node ({@code host:port}) of the physical connection this instance serves, or {@code null}
   * when the driver did not say.
   */
  String node() {
    return node;
  }

  /**
   * Registers with the connection's state controller (idempotent), forgets the previous lease and
   * remembers the schema the lease starts in ({@code null} for none).
   */
  void arm(JdbcConnection physical, SessionRestore restore) {
    ServerSessionStateController controller = physical.getServerSessionStateController();
    if (controller != armedController || physical != armedConnection) {
      // once per physical connection (again only if the driver replaced its state controller)
      controller.addSessionStateChangesListener(this);
      protocol =
          physical.getSession() instanceof NativeSession session ? session.getProtocol() : null;
      resultsRefresh = () -> restore.refreshResults(physical);
      armedController = controller;
      armedConnection = physical;
    }
    clear();
    borrowSchema = physical.getDatabase();
  }

  /** Lets the cleaner's own statements through after a {@link #cancel}. */
  void resumeForCleaning() {
    wire.lock();
    try {
      cancelled = false;
    } finally {
      wire.unlock();
    }
  }

  /**
   * Whether the lease ran code its text does not show, or {@code SET ROLE}: the role may have
   * changed.
   */
  boolean ranHiddenCode() {
    return hiddenCode;
  }

  /**
   * Whether a statement of the lease may have switched tracking off (then nothing it reported is
   * sure).
   */
  boolean trackingSwitched() {
    return trackingSwitched;
  }

  /**
   * Forgets what the lease changed; the sticky "tracking switched" mark stays until {@link
   * #afterReset}.
   */
  void clear() {
    // Volatile writes only where a lease changed something: a clean lease's return pays reads.
    if (changed) {
      changed = false;
    }
    if (untracked) {
      untracked = false;
    }
    if (schemaChanged) {
      schemaChanged = false;
    }
    if (autocommitStatement) {
      autocommitStatement = false;
    }
    if (statementRunning) {
      statementRunning = false;
    }
    if (statementFailed) {
      statementFailed = false;
    }
    if (!transactionState.isEmpty()) {
      transactionState = "";
    }
    if (!transactionCharacteristics.isEmpty()) {
      transactionCharacteristics = "";
    }
    if (insertId) {
      insertId = false;
    }
    if (hiddenCode) {
      hiddenCode = false;
    }
    if (lastWarnings) {
      lastWarnings = false;
    }
    if (ownsResults) {
      ownsResults = false;
    }
    wire.lock();
    try {
      cancelled = false;
      onWire = false;
    } finally {
      wire.unlock();
    }
  }

  /**
   * At a full reset, which sends the tracking switches again: forgets that a statement may have
   * switched tracking off (the pool's {@code connectionInitSql}, run after the reset, may do it
   * again).
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
    return changed
        || untracked
        || trackingSwitched
        || statementFailed
        || statementRunning
        || insertId
        || lastWarnings
        || transactionState.indexOf('L') >= 0
        || transactionCharacteristics.contains("XA ");
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
    String text =
        query instanceof PreparedQuery prepared
            ? prepared.getOriginalSql()
            : query instanceof JdbcPreparedStatement statement
                ? statement.getPreparedSql()
                : sql.get();
    int found = text == null ? UntrackedStatements.UNTRACKED_STATE : UntrackedStatements.scan(text);
    if ((found & UntrackedStatements.READS_PREVIOUS) != 0
        && !ownsResults
        && resultsRefresh != null) {
      resultsRefresh
          .run(); // the first read of row counts or warnings must not see the previous lease's
    }
    enterWire();
    statementFailed |=
        statementRunning; // the previous statement never reached postProcess: it broke
    statementRunning = true;
    untracked |= (found & ~UntrackedStatements.READS_PREVIOUS) != 0;
    // Code the text does not show (dynamic SQL, procedures, stored functions) may switch tracking
    // off too.
    trackingSwitched |=
        (found & (UntrackedStatements.TRACKING_SETTINGS | UntrackedStatements.HIDDEN_CODE)) != 0;
    hiddenCode |= (found & UntrackedStatements.HIDDEN_CODE) != 0;
    autocommitStatement = found == 0 && text != null && UntrackedStatements.onlyAutocommit(text);
    ownsResults |= text != null && !startsWithSet(text);
    return null;
  }

  private static boolean startsWithSet(String text) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return text.regionMatches(true, i, "SET", 0, 3);
  }

  private void enterWire() {
    wire.lock();
    try {
      if (cancelled) {
        throw new OperationCancelledException(
            "Statement cancelled: the lease's coroutine was cancelled");
      }
      onWire = true;
    } finally {
      wire.unlock();
    }
  }

  private void leaveWire() {
    wire.lock();
    try {
      onWire = false;
      statementEnded.signalAll();
    } finally {
      wire.unlock();
    }
  }

  /**
   * Refuses every further statement of the lease and tells whether one is on the wire now; call
   * {@link #awaitStatementEnd} after cancelling that one on the server.
   */
  boolean cancel() {
    wire.lock();
    try {
      cancelled = true;
      return onWire;
    } finally {
      wire.unlock();
    }
  }

  /** Waits up to {@code millis} for the statement on the wire to return; whether it did. */
  boolean awaitStatementEnd(long millis) throws InterruptedException {
    long left = TimeUnit.MILLISECONDS.toNanos(millis);
    wire.lock();
    try {
      while (onWire && left > 0) {
        left = statementEnded.awaitNanos(left);
      }
      return !onWire;
    } finally {
      wire.unlock();
    }
  }

  @Override
  public void handleSessionStateChanges(ServerSessionStateChanges changes) {
    boolean onlyAutocommit = autocommitStatement;
    autocommitStatement = false;
    for (SessionStateChange change : changes.getSessionStateChangesList()) {
      switch (change.getType()) {
        case ServerSessionStateController.SESSION_TRACK_TRANSACTION_STATE ->
            transactionState = value(change);
        case ServerSessionStateController.SESSION_TRACK_TRANSACTION_CHARACTERISTICS ->
            transactionCharacteristics = value(change);
        case ServerSessionStateController.SESSION_TRACK_GTIDS -> {}
        case ServerSessionStateController.SESSION_TRACK_SYSTEM_VARIABLES,
            ServerSessionStateController.SESSION_TRACK_STATE_CHANGE ->
            changed |= !onlyAutocommit;
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
  public <T extends Resultset> T postProcess(
      Supplier<String> sql, Query query, T result, ServerSession server) {
    statementRunning = false;
    statementFailed |= result == null; // Connector/J passes null when the statement failed
    insertId |= result != null && result.getUpdateID() > 0;
    NativeProtocol wireProtocol = protocol;
    lastWarnings |=
        wireProtocol == null
            || wireProtocol.getWarningCount() > 0; // kept until a table is read: sticky
    leaveWire();
    return null;
  }

  @Override
  public boolean executeTopLevelOnly() {
    return true;
  }

  @Override
  public void destroy() {}
}
