package dev.workerdi.jdbc.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.workerdi.jdbc.JdbcSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a pool's statements on the server, as Connector/J's {@code Statement.cancel()} does: a
 * {@code KILL QUERY} (or, for a connection whose socket is already gone, {@code KILL}) sent over
 * another connection: one of the pool's own idle connections when one comes within a short wait,
 * else a short-lived connection with the pool's credentials. Thread-safe.
 */
final class StatementCanceller {
  private static final Logger LOG = LoggerFactory.getLogger(StatementCanceller.class);
  private static final long POOLED_WAIT_MILLIS = 100;
  private static final long STATEMENT_END_MILLIS = 5_000;
  private static final long GONE_WAIT_MILLIS = 3_000;

  private final String pool;
  private final JdbcSettings settings;
  private volatile HikariDataSource source;

  StatementCanceller(String pool, JdbcSettings settings) {
    this.pool = pool;
    this.settings = settings;
  }

  void attach(HikariDataSource dataSource) {
    source = dataSource;
  }

  /**
   * Cancels the statement {@code session} has on the wire, if any, and waits for it to return, so
   * that interrupting its thread afterwards does not close the socket mid-statement. Any later
   * statement of the lease is refused.
   */
  void cancelRunning(SessionStateInterceptor session, long serverThread) {
    if (!session.cancel()) {
      return;
    }
    send("KILL QUERY " + serverThread, false, serverThread);
    try {
      session.awaitStatementEnd(STATEMENT_END_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Ends the server thread of a connection whose socket was closed while it may have been running a
   * statement, and waits until the server has let it go, so that its replacement never makes the
   * pool hold more server connections than its maximum.
   */
  void killConnection(long serverThread) {
    send("KILL " + serverThread, true, serverThread);
  }

  private void send(String kill, boolean awaitGone, long serverThread) {
    try (Connection helper = helper(); Statement statement = helper.createStatement()) {
      try {
        statement.execute(kill);
      } catch (SQLException e) {
        if (e.getErrorCode() != 1094) { // 1094: unknown thread id, it is gone already
          throw e;
        }
      }
      if (awaitGone) {
        awaitGone(helper, serverThread);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warn("Pool {}: could not stop server thread {}: {}", pool, serverThread, e.toString());
    }
  }

  private static void awaitGone(Connection helper, long serverThread) throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GONE_WAIT_MILLIS);
    try (PreparedStatement present = helper.prepareStatement(
        "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?")) {
      present.setLong(1, serverThread);
      while (System.nanoTime() < deadline) {
        try (ResultSet rows = present.executeQuery()) {
          if (rows.next() && rows.getLong(1) == 0) {
            return;
          }
        }
        Thread.onSpinWait();
      }
    }
  }

  private Connection helper() throws SQLException {
    HikariDataSource dataSource = source;
    if (dataSource != null && dataSource.getHikariPoolMXBean() instanceof HikariPool hikari) {
      try {
        return hikari.getConnection(POOLED_WAIT_MILLIS);
      } catch (SQLException e) {
        LOG.debug("Pool {}: no idle connection to cancel with, opening one", pool);
      }
    }
    return DriverManager.getConnection(settings.jdbcUrl(), settings.username(), settings.password());
  }
}
