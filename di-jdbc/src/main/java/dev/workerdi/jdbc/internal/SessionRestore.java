package dev.workerdi.jdbc.internal;

import com.mysql.cj.NativeSession;
import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.PropertySet;
import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.util.UtilityElf;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * The full reset of one connection: back to what a fresh connection of the pool has.
 *
 * <p>On MariaDB, two round trips: {@code COM_RESET_CONNECTION} (rolls back, drops temporary tables,
 * releases table and user locks, handlers and prepared statements, forgets user variables, clears
 * warnings and {@code LAST_INSERT_ID()}, sets system variables to their global values) and the one
 * statement of {@link FreshSession}, learnt from the pool's first fresh connection ({@link
 * #learn}), which puts back the character sets, the tracking switches, the pool's autocommit,
 * isolation and read-only, {@code sessionVariables}, and, when they may have changed, the schema
 * and the role. The row counts of the previous statement ({@code FOUND_ROWS()}, {@code
 * ROW_COUNT()}), which no reset clears, are cleared when a lease first reads them ({@link
 * #refreshResults}). The pool's {@code connectionInitSql}, when it has one, runs after (one more).
 * Elsewhere (MySQL), or before anything was learnt, Connector/J's {@code resetServerState()} and
 * the pool's settings one by one. Thread-safe: the learnt state is published once through a
 * volatile field.
 */
final class SessionRestore {
  private final boolean readOnly;
  private final boolean autoCommit;
  private final int isolation;
  private final String initSql;
  private final String sessionVariables;
  private volatile FreshSession fresh;
  private volatile boolean learnt;

  SessionRestore(HikariConfig config) {
    this.readOnly = config.isReadOnly();
    this.autoCommit = config.isAutoCommit();
    this.isolation = UtilityElf.getTransactionIsolation(config.getTransactionIsolation());
    String sql = config.getConnectionInitSql();
    this.initSql = sql == null || sql.isBlank() ? null : sql;
    this.sessionVariables =
        Objects.toString(
            config.getDataSourceProperties().get(SessionTracking.SESSION_VARIABLES), null);
  }

  /** The pool's autocommit, which every lease must find. */
  boolean autoCommit() {
    return autoCommit;
  }

  /**
   * Whether the fresh state is known (reads it from {@code connection} once, which must be fresh).
   */
  boolean learnt() {
    return learnt;
  }

  /**
   * Reads what a fresh connection looks like from {@code connection}, which no lease has used yet.
   */
  void learn(JdbcConnection connection) {
    try {
      fresh = FreshSession.read(connection, sessionVariables);
    } catch (SQLException | RuntimeException e) {
      fresh = null; // the reset then goes one setting at a time
    }
    learnt = true;
  }

  /** Whether a full reset can put back a changed schema (not when fresh connections have none). */
  boolean restoresSchema() {
    FreshSession known = fresh;
    return known == null || known.schema() != null;
  }

  /**
   * Whether {@code resetServerState()} can clean this connection: not with {@code paranoid} (then
   * it does nothing), nor with a cache of server-side prepared statements, whose handles the server
   * forgets while the driver keeps using them ("Unknown prepared statement handler").
   */
  static boolean resettable(JdbcConnection physical) {
    PropertySet properties = physical.getPropertySet();
    boolean cachedServerStatements =
        properties.getBooleanProperty(PropertyKey.useServerPrepStmts).getValue()
            && properties.getBooleanProperty(PropertyKey.cachePrepStmts).getValue();
    return !properties.getBooleanProperty(PropertyKey.paranoid).getValue()
        && !cachedServerStatements;
  }

  /**
   * Resets the session and puts back what a fresh connection has.
   *
   * @param pooled the pool's proxy of {@code physical}
   * @param schema the schema to select again, or {@code null} when it did not change
   * @param everything whether the role (and the schema) may have changed unreported
   */
  void reset(Connection pooled, JdbcConnection physical, String schema, boolean everything)
      throws SQLException {
    FreshSession known = fresh;
    if (known == null) {
      resetOneByOne(pooled, physical, schema);
      return;
    }
    boolean leaseAutoCommit = physical.getAutoCommit();
    ((NativeSession) physical.getSession()).resetSessionState();
    execute(physical, known.restore(everything || schema != null));
    if (known.schema() != null && !known.schema().equals(physical.getDatabase())) {
      physical.setDatabase(
          known.schema()); // setCatalog changed the driver's own copy: change it back too
    }
    if (leaseAutoCommit != autoCommit) {
      pooled.setAutoCommit(
          autoCommit); // tells HikariCP, which would otherwise roll back with autocommit on
    }
    if (physical.isReadOnly(false) != readOnly) {
      // The server is already right (the restore above); the driver's own flag, switched behind
      // HikariCP's
      // back (a failover with failOverReadOnly, an unwrapped connection), is not: one more
      // statement, rarely.
      pooled.setReadOnly(readOnly);
    }
  }

  /** Runs the pool's {@code connectionInitSql} again, if it has one: the last step of a reset. */
  void runInitSql(JdbcConnection physical) throws SQLException {
    if (initSql != null) {
      execute(physical, initSql);
    }
  }

  /** Leaves the row counts and warnings of a fresh connection (one statement). */
  void refreshResults(JdbcConnection physical) {
    try {
      execute(
          physical,
          fresh == null
              ? "SELECT 1 FROM information_schema.CHARACTER_SETS LIMIT 1"
              : FreshSession.RESULTS);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not clear the previous lease's row counts and warnings", e);
    }
  }

  private void resetOneByOne(Connection pooled, JdbcConnection physical, String schema)
      throws SQLException {
    boolean leaseAutoCommit = physical.getAutoCommit();
    physical.resetServerState();
    if (readOnly || physical.isReadOnly(false)) {
      pooled.setReadOnly(
          readOnly); // both ways: a lease (or a driver failover) may have switched it on
    }
    if (!autoCommit || leaseAutoCommit != autoCommit) {
      pooled.setAutoCommit(autoCommit);
    }
    if (isolation != -1) {
      pooled.setTransactionIsolation(isolation);
    }
    if (schema != null && schema.equals(physical.getDatabase())) {
      execute(physical, "USE `" + schema.replace("`", "``") + "`");
    } else if (schema != null) {
      physical.setDatabase(schema);
    }
  }

  static void execute(JdbcConnection physical, String sql) throws SQLException {
    try (Statement statement = physical.createStatement()) {
      statement.execute(sql);
    }
  }
}
