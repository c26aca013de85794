package dev.workerdi.jdbc.reset;

import static dev.workerdi.jdbc.support.Sql.exec;
import static dev.workerdi.jdbc.support.Sql.number;
import static dev.workerdi.jdbc.support.Sql.string;
import static dev.workerdi.jdbc.support.Sql.succeeds;

import dev.workerdi.jdbc.internal.SessionCleaner.Outcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * One kind of session state a lease can leave behind: how to set it ({@link #dirty}) and how the
 * next lease of the same physical connection would notice it ({@link #leaked}). The tables {@code
 * marks} and {@code shadow} exist (empty) in the pool's database, {@code counters} (AUTO_INCREMENT)
 * holds three rows; {@code other} is a second database; the procedures and functions {@code
 * battery_*} and the role {@code battery_<database>} exist (see {@code PollutionBatteryTest}).
 */
enum Pollution {
  TRANSACTION_SQL(Outcome.ROLLED_BACK, "START TRANSACTION", "INSERT INTO marks VALUES (${mark})") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return number(c, "SELECT COUNT(*) FROM marks WHERE id = " + p.mark()) > 0;
    }
  },
  TRANSACTION_JDBC(Outcome.ROLLED_BACK, "INSERT INTO marks VALUES (${mark})") {
    @Override
    void dirty(Connection c, Place p) throws SQLException {
      c.setAutoCommit(false);
      super.dirty(c, p);
    }

    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return TRANSACTION_SQL.leaked(c, p) || !c.getAutoCommit();
    }
  },
  AUTOCOMMIT_SQL(Outcome.ROLLED_BACK, "SET autocommit=0") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return number(c, "SELECT @@autocommit") == 0;
    }
  },
  AUTOCOMMIT_JDBC(Outcome.ROLLED_BACK) {
    @Override
    void dirty(Connection c, Place p) throws SQLException {
      c.setAutoCommit(false);
    }

    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return AUTOCOMMIT_SQL.leaked(c, p);
    }
  },
  SESSION_VARIABLE(Outcome.RESET, "SET SESSION group_concat_max_len = 12345") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return number(c, "SELECT @@session.group_concat_max_len") == 12345;
    }
  },
  USER_VARIABLE(Outcome.RESET, "SET @leak = 42") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return string(c, "SELECT @leak") != null;
    }
  },
  USER_VARIABLE_SELECT_INTO(Outcome.RESET, "SELECT 42 INTO @leak_into") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return string(c, "SELECT @leak_into") != null;
    }
  },
  USER_VARIABLE_ASSIGNMENT(Outcome.RESET, "SELECT @leak_assigned := 42") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return string(c, "SELECT @leak_assigned") != null;
    }
  },
  TEMPORARY_TABLE(
      Outcome.RESET, "CREATE TEMPORARY TABLE shadow (id INT)", "INSERT INTO shadow VALUES (1)") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return number(c, "SELECT COUNT(*) FROM shadow") > 0;
    }
  },
  LOCK_TABLES(Outcome.RESET, "LOCK TABLES marks READ") {
    @Override
    boolean leaked(Connection c, Place p) {
      return !succeeds(c, "SELECT COUNT(*) FROM shadow");
    }
  },
  GLOBAL_READ_LOCK(Outcome.RESET, "FLUSH TABLES WITH READ LOCK") {
    @Override
    boolean leaked(Connection c, Place p) {
      return !succeeds(c, "INSERT INTO marks VALUES (-" + p.mark() + ")");
    }
  },
  GLOBAL_READ_LOCK_SPELLED(Outcome.RESET, "flush /* all */ tables with read lock") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return GLOBAL_READ_LOCK.leaked(c, p);
    }
  },
  TABLES_READ_LOCK_FLUSHED(Outcome.RESET, "FLUSH TABLES marks WITH READ LOCK") {
    @Override
    boolean leaked(Connection c, Place p) {
      return !succeeds(c, "SELECT COUNT(*) FROM shadow");
    }
  },
  BACKUP_STAGE(Outcome.RESET, "BACKUP STAGE START") {
    @Override
    boolean leaked(Connection c, Place p) {
      return succeeds(c, "BACKUP STAGE FLUSH") && succeeds(c, "BACKUP STAGE END");
    }
  },
  USER_LOCK(Outcome.RESET, "SELECT GET_LOCK('leak_${mark}', 0)") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return number(
              c, "SELECT COALESCE(IS_USED_LOCK('leak_" + p.mark() + "') = CONNECTION_ID(), 0)")
          == 1;
    }
  },
  SET_NAMES(Outcome.RESET, "SET NAMES latin1") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return "latin1".equals(string(c, "SELECT @@character_set_client"));
    }
  },
  SQL_MODE(Outcome.RESET, "SET SESSION sql_mode = 'ANSI_QUOTES'") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return "ANSI_QUOTES".equals(string(c, "SELECT @@session.sql_mode"));
    }
  },
  TIME_ZONE(Outcome.RESET, "SET time_zone = '+05:00'") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return "+05:00".equals(string(c, "SELECT @@session.time_zone"));
    }
  },
  ISOLATION_SQL(Outcome.RESET, "SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return c.getTransactionIsolation() == Connection.TRANSACTION_SERIALIZABLE;
    }
  },
  ISOLATION_JDBC(Outcome.RESET) {
    @Override
    void dirty(Connection c, Place p) throws SQLException {
      c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    }

    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return ISOLATION_SQL.leaked(c, p);
    }
  },
  READ_ONLY_SQL(Outcome.RESET, "SET SESSION TRANSACTION READ ONLY") {
    @Override
    boolean leaked(Connection c, Place p) {
      return !succeeds(c, "INSERT INTO marks VALUES (" + p.mark() + ")");
    }
  },
  /**
   * Connector/J sends {@code SET SESSION TRANSACTION READ ONLY} only to servers it takes for MySQL
   * 5.6.5 or later, which MariaDB 10.x (announced as 5.5.5-10.x) is not: there it is CLEAN, the
   * driver and HikariCP keeping and undoing the flag on their side.
   */
  READ_ONLY_JDBC(null) {
    @Override
    void dirty(Connection c, Place p) throws SQLException {
      c.setReadOnly(true);
    }

    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return c.isReadOnly() || READ_ONLY_SQL.leaked(c, p);
    }
  },
  READ_ONLY_NEXT_TRANSACTION(Outcome.ROLLED_BACK, "SET TRANSACTION READ ONLY") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      boolean refused =
          !succeeds(c, "START TRANSACTION", "INSERT INTO marks VALUES (" + p.mark() + ")");
      exec(c, "ROLLBACK");
      return refused;
    }
  },
  FOREIGN_KEY_CHECKS(Outcome.RESET, "SET foreign_key_checks = 0") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return number(c, "SELECT @@foreign_key_checks") == 0;
    }
  },
  PREPARED_STATEMENT(Outcome.RESET, "PREPARE leak_ps FROM 'SELECT 1'") {
    @Override
    boolean leaked(Connection c, Place p) {
      return succeeds(c, "EXECUTE leak_ps");
    }
  },
  USE_SCHEMA(Outcome.RESET, "USE `${other}`") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return !p.database().equals(string(c, "SELECT DATABASE()"));
    }
  },
  CATALOG_JDBC(Outcome.RESET) {
    @Override
    void dirty(Connection c, Place p) throws SQLException {
      c.setCatalog(p.other());
    }

    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return USE_SCHEMA.leaked(c, p);
    }
  },
  HANDLER_OPEN(Outcome.RESET, "HANDLER marks OPEN") {
    @Override
    boolean leaked(Connection c, Place p) {
      return succeeds(c, "HANDLER marks READ FIRST");
    }
  },
  TRACKING_SWITCHED_OFF(
      Outcome.RESET, "SET SESSION session_track_state_change = OFF", "SET @after_off = 1") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return string(c, "SELECT @after_off") != null;
    }
  },
  XA_TRANSACTION(Outcome.RESET, "XA START 'leak_${mark}'") {
    @Override
    boolean leaked(Connection c, Place p) {
      return succeeds(c, "XA END 'leak_" + p.mark() + "'", "XA ROLLBACK 'leak_" + p.mark() + "'");
    }
  },
  DYNAMIC_USER_VARIABLE(
      Outcome.RESET, "EXECUTE IMMEDIATE CONCAT('SELECT 1 INTO ', CHAR(64), 'dyn_v')") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return string(c, "SELECT @dyn_v") != null;
    }
  },
  DYNAMIC_USER_LOCK(
      Outcome.RESET, "EXECUTE IMMEDIATE CONCAT('DO GET', '_LOCK(''dyn_${mark}'', 0)')") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return number(c, "SELECT COALESCE(IS_USED_LOCK('dyn_" + p.mark() + "') = CONNECTION_ID(), 0)")
          == 1;
    }
  },
  DYNAMIC_HANDLER(Outcome.RESET, "EXECUTE IMMEDIATE CONCAT('HAND', 'LER marks OPEN')") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return HANDLER_OPEN.leaked(c, p);
    }
  },
  PREPARE_FROM_LITERAL(
      Outcome.RESET,
      "PREPARE dyn_ps FROM 'SELECT 8 INTO @prep_v'",
      "EXECUTE dyn_ps",
      "DEALLOCATE PREPARE dyn_ps") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return string(c, "SELECT @prep_v") != null;
    }
  },
  DYNAMIC_TRACKING_OFF(
      Outcome.RESET,
      "EXECUTE IMMEDIATE CONCAT('SET SESSION session', '_track_state_change = OFF')",
      "SET time_zone = '+03:00'") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return "+03:00".equals(string(c, "SELECT @@session.time_zone"))
          || number(c, "SELECT @@session.session_track_state_change") == 0;
    }
  },
  PROCEDURE_USER_VARIABLE(Outcome.RESET, "CALL battery_sets_variable()") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return string(c, "SELECT @proc_v") != null;
    }
  },
  PROCEDURE_USER_LOCK(Outcome.RESET, "call battery_takes_lock(${mark})") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return number(
              c, "SELECT COALESCE(IS_USED_LOCK('proc_" + p.mark() + "') = CONNECTION_ID(), 0)")
          == 1;
    }
  },
  FUNCTION_USER_LOCK(Outcome.RESET, "SELECT battery_lock_fn(${mark})") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return number(c, "SELECT COALESCE(IS_USED_LOCK('fn_" + p.mark() + "') = CONNECTION_ID(), 0)")
          == 1;
    }
  },
  FUNCTION_QUALIFIED(Outcome.RESET, "SELECT `${db}`.battery_var_fn()") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return string(c, "SELECT @fn_v") != null;
    }
  },
  FUNCTION_SPACED_IN_WHERE(
      Outcome.RESET, "SELECT COUNT(*) FROM marks WHERE 1 = battery_var_fn /* call */ ()") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return FUNCTION_QUALIFIED.leaked(c, p);
    }
  },
  COMPOUND_STATEMENT(
      Outcome.RESET,
      "BEGIN NOT ATOMIC DECLARE x INT; SELECT GET_LOCK('cmp_${mark}', 0) INTO x; END") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return number(c, "SELECT COALESCE(IS_USED_LOCK('cmp_" + p.mark() + "') = CONNECTION_ID(), 0)")
          == 1;
    }
  },
  LAST_INSERT_ID_AUTO_INCREMENT(Outcome.RESET, "INSERT INTO counters (v) VALUES (1)") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return number(c, "SELECT LAST_INSERT_ID()") != 0;
    }
  },
  LAST_INSERT_ID_SET(Outcome.RESET, "SELECT LAST_INSERT_ID(77)") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return number(c, "SELECT LAST_INSERT_ID()") != 0;
    }
  },
  ROLE(Outcome.RESET, "SET ROLE `${role}`") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return string(c, "SELECT CURRENT_ROLE()") != null;
    }
  },
  FOUND_ROWS_CALC(Outcome.RESET, "SELECT SQL_CALC_FOUND_ROWS v FROM counters LIMIT 1") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return number(c, "SELECT FOUND_ROWS()") != 1;
    }
  },
  FOUND_ROWS_OF_A_CLEAN_QUERY(null, "SELECT v FROM counters") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return FOUND_ROWS_CALC.leaked(c, p);
    }
  },
  WARNINGS(Outcome.RESET, "SELECT CAST('abc' AS INT)") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return string(c, "SHOW WARNINGS") != null;
    }
  },
  WARNING_COUNT(Outcome.RESET, "SELECT 1 / 0") {
    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return number(c, "SELECT @@warning_count") != 0;
    }
  },
  CLIENT_INFO_JDBC(Outcome.EVICT) {
    @Override
    void dirty(Connection c, Place p) throws SQLException {
      c.setClientInfo("ApplicationName", "battery-" + p.mark());
    }

    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return c.getClientInfo("ApplicationName") != null;
    }
  },
  CLIENT_INFO_THROUGH_STATEMENT(Outcome.EVICT) {
    @Override
    void dirty(Connection c, Place p) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.getConnection()
            .setClientInfo("ClientUser", "battery-" + p.mark()); // not the lease's handle
      }
    }

    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return c.getClientInfo("ClientUser") != null;
    }
  },
  CLIENT_INFO_PROPERTIES(Outcome.EVICT) {
    @Override
    void dirty(Connection c, Place p) throws SQLException {
      Properties info = new Properties();
      info.setProperty("ApplicationName", "battery-" + p.mark());
      c.setClientInfo(info);
    }

    @Override
    boolean leaked(Connection c, Place p) throws SQLException {
      return !c.getClientInfo().isEmpty();
    }
  };

  /**
   * Creates what the kinds need in the pool's database, over an administrator's connection {@code
   * c}, and grants the role to {@code grantee} ({@code 'name'@'%'}, or {@code CURRENT_USER}).
   */
  static void prepare(Connection c, String grantee) throws SQLException {
    String role = role(string(c, "SELECT DATABASE()"));
    exec(
        c,
        "CREATE TABLE counters (id BIGINT AUTO_INCREMENT PRIMARY KEY, v INT) ENGINE=InnoDB",
        "INSERT INTO counters (v) VALUES (1), (2), (3)",
        "CREATE PROCEDURE battery_sets_variable() SELECT 5 INTO @proc_v",
        "CREATE PROCEDURE battery_takes_lock(n BIGINT) DO GET_LOCK(CONCAT('proc_', n), 0)",
        "CREATE FUNCTION battery_lock_fn(n BIGINT) RETURNS INT NOT DETERMINISTIC"
            + " RETURN GET_LOCK(CONCAT('fn_', n), 0)",
        "CREATE FUNCTION battery_var_fn() RETURNS INT NOT DETERMINISTIC BEGIN SET @fn_v = 1; RETURN 1; END",
        "CREATE ROLE `" + role + "`",
        "GRANT `" + role + "` TO " + grantee);
  }

  /**
   * Drops the role {@link #prepare} made for the database {@code c} is in (roles are server-wide).
   */
  static void cleanUp(Connection c) throws SQLException {
    exec(c, "DROP ROLE IF EXISTS `" + role(string(c, "SELECT DATABASE()")) + "`");
  }

  /** The role of the battery in {@code database}: one per database, so runs do not share it. */
  static String role(String database) {
    return "battery_" + database;
  }

  /**
   * Where a pollution happens: the pool's database, a second one, and a number unique to the run.
   */
  record Place(String database, String other, long mark) {}

  private final Outcome tracked;
  private final String[] statements;

  Pollution(Outcome tracked, String... statements) {
    this.tracked = tracked;
    this.statements = statements;
  }

  /**
   * Whether the kind takes a server-wide lock ({@code FLUSH ... WITH READ LOCK}, {@code BACKUP
   * STAGE}): it needs the RELOAD privilege and stalls every other session's writes while held (on
   * Galera, the whole cluster's through flow control), so it runs only where a lease is alone.
   */
  boolean locksTheServer() {
    return this == GLOBAL_READ_LOCK
        || this == GLOBAL_READ_LOCK_SPELLED
        || this == TABLES_READ_LOCK_FLUSHED
        || this == BACKUP_STAGE;
  }

  /** Whether the connection is retired (evicted) rather than reused, under TRACKED and ALWAYS. */
  boolean retires() {
    return tracked == Outcome.EVICT;
  }

  /**
   * What {@code TRACKED} is expected to do when this kind comes back; {@code null}: CLEAN or RESET.
   */
  Outcome trackedOutcome() {
    return tracked;
  }

  /** Leaves this kind of state on the connection. */
  void dirty(Connection c, Place p) throws SQLException {
    for (String sql : statements) {
      exec(
          c,
          sql.replace("${mark}", String.valueOf(p.mark()))
              .replace("${other}", p.other())
              .replace("${db}", p.database())
              .replace("${role}", role(p.database())));
    }
  }

  /** Whether this kind of state is still there, seen from the next lease. */
  abstract boolean leaked(Connection c, Place p) throws SQLException;
}
