package dev.workerdi.jdbc.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.ResetPolicy;
import dev.workerdi.jdbc.internal.SessionCleaner.Outcome;
import dev.workerdi.jdbc.internal.SessionTracking;
import dev.workerdi.jdbc.reset.CleanedPool.Leased;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** The pool's own settings after a reset, connections that cannot be cleaned, and bad set-ups. */
@RealDatabase
class CleanerEdgeCasesTest {

  @Test
  void aResetRestoresThePoolSettings(FreshDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      Sql.exec(c, "CREATE TABLE settings_probe (id INT) ENGINE=InnoDB");
    }
    try (CleanedPool pool =
        CleanedPool.open(
            db,
            ResetPolicy.TRACKED,
            1,
            config -> {
              config.setConnectionInitSql("SET SESSION time_zone = '+02:00'");
              config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
              config.setAutoCommit(false);
              config.addDataSourceProperty("sessionVariables", "max_sort_length=2000");
            })) {
      assertEquals(
          Outcome.RESET,
          pool.lease(
                  c ->
                      Sql.succeeds(
                          c,
                          "SET @x = 1",
                          "SET time_zone = '+09:00'",
                          "SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE",
                          "SET autocommit = 1"))
              .outcome());
      Leased<String> after =
          pool.lease(
              c ->
                  Sql.string(
                          c,
                          "SELECT CONCAT_WS('|', @@session.time_zone,"
                              + " @@autocommit + 0, @@session.max_sort_length, (SELECT COUNT(*) FROM settings_probe))")
                      + "|"
                      + c.getTransactionIsolation());
      assertEquals("+02:00|0|2000|0|" + Connection.TRANSACTION_READ_COMMITTED, after.value());
      assertEquals(
          Outcome.ROLLED_BACK, after.outcome(), "autocommit=0: the query opened a transaction");
      assertNull(pool.lease(c -> Sql.string(c, "SELECT @x")).value());
    }
  }

  @Test
  void aFailedOrCompoundStatementCannotHideAChange(FreshDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      Sql.exec(
          c,
          "CREATE PROCEDURE zone_then_fail() BEGIN SET time_zone = '+01:00';"
              + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'fails after a change'; END");
    }
    try (CleanedPool pool =
        CleanedPool.open(
            db,
            ResetPolicy.TRACKED,
            1,
            config -> config.addDataSourceProperty("allowMultiQueries", "true"))) {
      assertEquals(
          Outcome.RESET,
          pool.lease(c -> Sql.succeeds(c, "CALL zone_then_fail()")).outcome(),
          "the error packet carries no state report");
      assertEquals(
          Outcome.RESET,
          pool.lease(c -> Sql.succeeds(c, "SELECT 1; SET time_zone = '+04:00'; SELECT 2"))
              .outcome(),
          "each result of a multi-statement query reports its own changes");
      Leased<String> next =
          pool.lease(c -> Sql.string(c, "SELECT @@session.time_zone = @@global.time_zone"));
      assertEquals("1", next.value());
      assertEquals(Outcome.CLEAN, next.outcome());
    }
  }

  @Test
  void trackingAlsoWorksThroughMysqlDataSource(FreshDatabase db) throws Exception {
    try (CleanedPool pool =
        CleanedPool.open(
            db,
            ResetPolicy.TRACKED,
            1,
            config -> {
              config.setJdbcUrl(null);
              config.setDataSourceClassName("com.mysql.cj.jdbc.MysqlDataSource");
              config.addDataSourceProperty("url", db.jdbcUrl());
            })) {
      assertEquals(
          Outcome.RESET, pool.lease(c -> Sql.succeeds(c, "SET time_zone = '+06:00'")).outcome());
      Leased<String> next =
          pool.lease(c -> Sql.string(c, "SELECT @@session.time_zone = @@global.time_zone"));
      assertEquals("1", next.value());
      assertEquals(Outcome.CLEAN, next.outcome());
    }
  }

  @Test
  void aBrokenConnectionIsEvicted(FreshDatabase db) throws Exception {
    try (CleanedPool pool = CleanedPool.open(db, ResetPolicy.TRACKED, 1);
        Connection side = db.connect()) {
      Leased<Long> killed =
          pool.lease(
              c -> {
                long id = Sql.connectionId(c);
                Sql.exec(c, "SET @x = 1");
                Sql.exec(side, "KILL " + id);
                return id;
              });
      assertEquals(Outcome.EVICT, killed.outcome());
      Leased<Long> next = pool.lease(Sql::connectionId);
      assertNotEquals(killed.value(), next.value());
      assertEquals(Outcome.CLEAN, next.outcome());
    }
  }

  @Test
  void aSchemaChangeWithoutADefaultSchemaIsEvicted(FreshDatabase db) throws Exception {
    try (CleanedPool pool =
        CleanedPool.open(
            db, ResetPolicy.TRACKED, 1, config -> config.setJdbcUrl(db.server().jdbcUrl("")))) {
      Leased<Long> used =
          pool.lease(
              c -> {
                Sql.exec(c, "USE `" + db.name() + "`");
                return Sql.connectionId(c);
              });
      assertEquals(Outcome.EVICT, used.outcome(), "no statement can select no schema again");
      assertNull(pool.lease(c -> Sql.string(c, "SELECT DATABASE()")).value());
    }
  }

  @Test
  void cachedServerPreparedStatementsAreEvictedNotReset(FreshDatabase db) throws Exception {
    try (CleanedPool pool =
        CleanedPool.open(
            db,
            ResetPolicy.TRACKED,
            1,
            config -> {
              config.addDataSourceProperty("useServerPrepStmts", "true");
              config.addDataSourceProperty("cachePrepStmts", "true");
            })) {
      CleanedPool.Work<Integer> query =
          c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT ? + 1")) {
              select.setInt(1, 41);
              try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
              }
            }
          };
      assertEquals(Outcome.CLEAN, pool.lease(query).outcome());
      assertEquals(Outcome.EVICT, pool.lease(c -> Sql.succeeds(c, "SET @x = 1")).outcome());
      assertEquals(
          42, pool.lease(query).value(), "the driver's statement cache still matches the server");
    }
  }

  @Test
  void badSetupsAreRejected(FreshDatabase db) {
    HikariConfig mariadbDriver = new HikariConfig();
    mariadbDriver.setJdbcUrl("jdbc:mariadb://localhost/x");
    SessionTracking.configure(mariadbDriver, ResetPolicy.UNSAFE_NONE);
    DiException notConnectorJ =
        assertThrows(
            DiException.class, () -> SessionTracking.configure(mariadbDriver, ResetPolicy.TRACKED));
    assertEquals(ErrorId.BAD_SETTINGS, notConnectorJ.id());
    assertTrue(notConnectorJ.getMessage().contains("jdbcUrl"), notConnectorJ.getMessage());

    HikariConfig paranoid = new HikariConfig();
    paranoid.setJdbcUrl(db.jdbcUrl());
    paranoid.addDataSourceProperty("paranoid", "true");
    assertEquals(
        ErrorId.BAD_SETTINGS,
        assertThrows(
                DiException.class, () -> SessionTracking.configure(paranoid, ResetPolicy.ALWAYS))
            .id());

    HikariConfig inUrl = new HikariConfig();
    inUrl.setJdbcUrl(db.jdbcUrl() + "?sessionVariables=time_zone='%2B01:00'");
    DiException urlVariables =
        assertThrows(
            DiException.class, () -> SessionTracking.configure(inUrl, ResetPolicy.TRACKED));
    assertTrue(
        urlVariables.getMessage().contains("dataSource.sessionVariables"),
        urlVariables.getMessage());
    assertFalse(
        urlVariables.getMessage().contains(db.jdbcUrl()), "no URL (it may hold a password)");
  }
}
