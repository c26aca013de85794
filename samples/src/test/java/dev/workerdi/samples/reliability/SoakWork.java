package dev.workerdi.samples.reliability;

import dev.workerdi.jdbc.Lease;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.lifecycle.WorkerHost;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one soak coroutine does: it first checks that its lease starts clean (no session state left
 * by the previous lease of the connection), then, at random, writes a row, leaves session state
 * behind, forgets a lease taken by hand, throws, or runs a query it is cancelled in the middle of.
 * Stateless and thread-safe.
 */
final class SoakWork {
  /** The kinds of coroutine, with their share out of 100. */
  enum Kind {
    WRITE,
    POLLUTE,
    FORGET,
    THROW,
    CANCEL
  }

  /** Thrown by a coroutine that found state left by the previous lease. */
  static final class PollutionLeaked extends Exception {
    private static final long serialVersionUID = 1L;

    PollutionLeaked(String what) {
      super("session state reached the next lease: " + what);
    }
  }

  private static final String[][] DIRT = {
    {"SET @soak = 1"},
    {"SET time_zone = '+03:00'"},
    {"SET NAMES latin1"},
    {"SET SESSION sql_mode = 'ANSI_QUOTES'"},
    {"CREATE TEMPORARY TABLE shadow (id INT)", "INSERT INTO shadow VALUES (1)"},
    {"SELECT GET_LOCK('soak_lock', 0)"},
    {"LOCK TABLES marks READ"},
    {"START TRANSACTION", "INSERT INTO marks VALUES (NULL)"},
    {"SET autocommit = 0"},
    {"SET foreign_key_checks = 0"},
    {"SET SESSION group_concat_max_len = 4321"},
    {"PREPARE soak_ps FROM 'SELECT 1'"},
    {"SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE"},
    {"SET SESSION TRANSACTION READ ONLY"}
  };

  /**
   * Every lease checks this; reading {@code @soak} costs the lease a reset (the lexical check), so
   * 1 in 4 does.
   */
  private static final String LEFTOVERS =
      "SELECT CONCAT_WS(',', ${variables}"
          + " IF(@@session.time_zone = @@global.time_zone, NULL, 'time_zone'), IF(@@autocommit, NULL, 'autocommit'),"
          + " IF(@@character_set_client = 'utf8mb4', NULL, 'charset'), IF(@@foreign_key_checks, NULL, 'fk checks'),"
          + " IF(@@session.sql_mode = @@global.sql_mode, NULL, 'sql_mode'),"
          + " IF(@@session.group_concat_max_len = @@global.group_concat_max_len, NULL, 'session variable'),"
          + " IF(@@session.tx_isolation = @@global.tx_isolation, NULL, 'isolation'),"
          + " IF(@@session.tx_read_only = @@global.tx_read_only, NULL, 'read only'),"
          + " IF((SELECT COUNT(*) FROM marks) = 0, NULL, 'open transaction'),"
          + " IF((SELECT COUNT(*) FROM shadow) = 0, NULL, 'temporary table'),"
          + " IF(COALESCE(IS_USED_LOCK('soak_lock') = CONNECTION_ID(), 0), 'user lock', NULL))";

  private SoakWork() {}

  static Kind pick() {
    int roll = ThreadLocalRandom.current().nextInt(100);
    return roll < 60
        ? Kind.WRITE
        : roll < 80 ? Kind.POLLUTE : roll < 88 ? Kind.FORGET : roll < 94 ? Kind.THROW : Kind.CANCEL;
  }

  /**
   * The coroutine's body; {@code querying} completes when a CANCEL coroutine's query is on its way.
   */
  static Long run(WorkerHost host, Kind kind, long number, CompletableFuture<Void> querying)
      throws Exception {
    if (kind == Kind.FORGET) {
      Lease forgotten = host.injector().getInstance(WorkerPool.class).lease();
      checkClean(forgotten.connection());
      return number; // never closed: the coroutine's end must reclaim it
    }
    Connection c = host.injector().getInstance(Connection.class);
    checkClean(c);
    switch (kind) {
      case WRITE -> {
        try (PreparedStatement insert =
            c.prepareStatement("INSERT INTO soak_writes VALUES (?, CONNECTION_ID())")) {
          insert.setLong(1, number);
          insert.executeUpdate();
        }
      }
      case POLLUTE -> {
        try (Statement s = c.createStatement()) {
          for (String sql : DIRT[ThreadLocalRandom.current().nextInt(DIRT.length)]) {
            s.execute(sql);
          }
        }
      }
      case THROW -> throw new IllegalStateException("a coroutine failed on purpose");
      default -> {
        querying.complete(null);
        try (Statement s = c.createStatement()) {
          s.execute("SELECT SLEEP(0.3)");
        }
      }
    }
    return number;
  }

  private static void checkClean(Connection c) throws SQLException, PollutionLeaked {
    boolean variables = ThreadLocalRandom.current().nextInt(4) == 0;
    String check =
        LEFTOVERS.replace(
            "${variables}", variables ? "IF(@soak IS NULL, NULL, 'user variable')," : "");
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(check)) {
      rows.next();
      String found = rows.getString(1);
      if (found != null && !found.isEmpty()) {
        throw new PollutionLeaked(found);
      }
    }
  }
}
