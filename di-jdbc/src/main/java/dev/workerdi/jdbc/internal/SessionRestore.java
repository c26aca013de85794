package dev.workerdi.jdbc.internal;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.PropertySet;
import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.util.UtilityElf;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The full reset of one connection and the pool's settings that must follow it.
 *
 * <p>{@link JdbcConnection#resetServerState()} sends {@code COM_RESET_CONNECTION} (rolls back, drops
 * temporary tables, releases table and user locks and prepared statements, forgets user variables,
 * resets system variables to their global values, autocommit included) and then, in the driver's
 * own words, {@code SET NAMES}, {@code SET character_set_results}, the {@code sessionVariables} (the
 * tracking switches of {@link SessionTracking}) and {@code SET autocommit=1}, so that the driver's
 * cached charset and autocommit state match the server again. It keeps the current schema (so a
 * lease's {@code USE} is undone here), and it knows nothing of HikariCP's {@code readOnly}, {@code
 * autoCommit}, {@code transactionIsolation} and {@code connectionInitSql}, which are applied again in
 * HikariCP's order, through the pool's proxy so that HikariCP's own view of them stays right.
 *
 * <p>Immutable and thread-safe.
 */
final class SessionRestore {
  private final boolean readOnly;
  private final boolean autoCommit;
  private final int isolation;
  private final String initSql;

  SessionRestore(HikariConfig config) {
    this.readOnly = config.isReadOnly();
    this.autoCommit = config.isAutoCommit();
    this.isolation = UtilityElf.getTransactionIsolation(config.getTransactionIsolation());
    String sql = config.getConnectionInitSql();
    this.initSql = sql == null || sql.isBlank() ? null : sql;
  }

  /** The pool's autocommit, which every lease must find. */
  boolean autoCommit() {
    return autoCommit;
  }

  /**
   * Whether {@code resetServerState()} can clean this connection: not with {@code paranoid} (then it
   * does nothing), nor with a cache of server-side prepared statements, whose handles the server
   * forgets while the driver keeps using them ("Unknown prepared statement handler").
   */
  static boolean resettable(JdbcConnection physical) {
    PropertySet properties = physical.getPropertySet();
    boolean cachedServerStatements = properties.getBooleanProperty(PropertyKey.useServerPrepStmts).getValue()
        && properties.getBooleanProperty(PropertyKey.cachePrepStmts).getValue();
    return !properties.getBooleanProperty(PropertyKey.paranoid).getValue() && !cachedServerStatements;
  }

  /**
   * Resets the session and applies the pool's settings again.
   *
   * @param pooled the pool's proxy of {@code physical}
   * @param schema the schema to select again, or {@code null} to keep the current one (a reset
   *     keeps it)
   */
  void reset(Connection pooled, JdbcConnection physical, String schema) throws SQLException {
    boolean leaseAutoCommit = physical.getAutoCommit();
    physical.resetServerState();
    if (readOnly || physical.isReadOnly(false)) {
      pooled.setReadOnly(readOnly); // both ways: a lease (or a driver failover) may have switched it on
    }
    if (!autoCommit || leaseAutoCommit != autoCommit) {
      // Also tells HikariCP, which would otherwise call rollback() with autocommit on, and fail.
      pooled.setAutoCommit(autoCommit);
    }
    if (isolation != -1) {
      pooled.setTransactionIsolation(isolation);
    }
    if (schema != null && schema.equals(physical.getDatabase())) {
      execute(physical, "USE `" + schema.replace("`", "``") + "`");
    } else if (schema != null) {
      physical.setDatabase(schema); // the lease used setCatalog: the driver's cached schema changes back too
    }
    if (initSql != null) {
      execute(physical, initSql);
    }
  }

  static void execute(JdbcConnection physical, String sql) throws SQLException {
    try (Statement statement = physical.createStatement()) {
      statement.execute(sql);
    }
  }
}
