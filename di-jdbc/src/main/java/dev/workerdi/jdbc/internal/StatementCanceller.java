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
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a pool's statements on the server, as Connector/J's {@code Statement.cancel()} does: a
 * {@code KILL QUERY} (or, for a connection whose socket is already gone, {@code KILL}) sent over
 * another connection: one of the pool's own connections when one is free or given back within
 * {@value #POOLED_WAIT_MILLIS} ms while no lease waits, else the pool's control connection, opened
 * with the pool's credentials for a burst of cancels and closed when no cancel waits for it (so at
 * most one, for a short time). Thread-safe.
 */
final class StatementCanceller {
  private static final Logger LOG = LoggerFactory.getLogger(StatementCanceller.class);
  private static final long POOLED_WAIT_MILLIS = 10;
  private static final long RESEND_MILLIS = 20;
  private static final long STATEMENT_END_MILLIS = 5_000;
  private static final long GONE_WAIT_MILLIS = 3_000;
  private static final String ATTRIBUTES = "connectionAttributes";

  private final String pool;
  private final JdbcSettings settings;
  private volatile HikariDataSource source;
  private final ReentrantLock raw = new ReentrantLock();
  private final AtomicInteger pending = new AtomicInteger(); // cancels and kills under way
  private Connection control; // guarded by raw
  private boolean closing; // guarded by raw
  private volatile Thread closerThread;
  private long lastUse; // guarded by raw
  private static final long LINGER_MILLIS = 1_000;

  StatementCanceller(String pool, JdbcSettings settings) {
    this.pool = pool;
    this.settings = settings;
  }

  void attach(HikariDataSource dataSource) {
    source = dataSource;
  }

  /**
   * Cancels a lease's running statement, if any, then runs {@code interrupt}, all while holding the
   * lease's {@code lock} (which its return takes too): refuses the lease's further statements,
   * sends {@code KILL QUERY} when one is on the wire, waits for it to return, and only then
   * interrupts, so that the interrupt never closes the socket in the middle of a statement.
   */
  void cancel(
      SessionStateInterceptor session,
      long serverThread,
      ReentrantLock lock,
      BooleanSupplier released,
      Runnable interrupt) {
    lock.lock();
    pending.incrementAndGet();
    try {
      if (!released.getAsBoolean() && session.cancel()) {
        // A KILL that reaches the server before the statement does is lost: send it again until it
        // ends.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STATEMENT_END_MILLIS);
        do {
          send("KILL QUERY " + serverThread, false, serverThread);
        } while (!session.awaitStatementEnd(RESEND_MILLIS) && System.nanoTime() < deadline);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      pending.decrementAndGet();
      try {
        interrupt.run();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Ends the server thread of a connection whose socket was closed while it may have been running a
   * statement, and waits until the server has let it go, so that its replacement never makes the
   * pool hold more server connections than its maximum.
   */
  void killConnection(long serverThread) {
    pending.incrementAndGet();
    try {
      send("KILL " + serverThread, true, serverThread);
    } finally {
      pending.decrementAndGet();
    }
  }

  private void send(String kill, boolean awaitGone, long serverThread) {
    try (Helper helper = helper();
        Statement statement = helper.connection.createStatement()) {
      try {
        statement.execute(kill);
      } catch (SQLException e) {
        if (e.getErrorCode() != 1094) { // 1094: unknown thread id, it is gone already
          throw e;
        }
      }
      if (awaitGone) {
        awaitGone(helper.connection, serverThread);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warn("Pool {}: could not stop server thread {}: {}", pool, serverThread, e.toString());
    }
  }

  private static void awaitGone(Connection helper, long serverThread) throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GONE_WAIT_MILLIS);
    try (PreparedStatement present =
        helper.prepareStatement(
            "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?")) {
      present.setLong(1, serverThread);
      while (System.nanoTime() < deadline) {
        try (ResultSet rows = present.executeQuery()) {
          if (rows.next() && rows.getLong(1) == 0) {
            return;
          }
        }
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * One of the pool's connections if one is free or given back within {@value #POOLED_WAIT_MILLIS}
   * ms, else the control connection (at most one per pool): then, and only then, the pool holds one
   * connection more than its maximum.
   */
  private Helper helper() throws SQLException {
    HikariDataSource dataSource = source;
    if (dataSource != null
        && dataSource.getHikariPoolMXBean() instanceof HikariPool hikari
        && pending.get() < hikari.getTotalConnections() // else every connection waits for a kill
        && hikari.getThreadsAwaitingConnection()
            == 0) { // else the next one given back goes to a waiting lease
      try {
        return new Helper(hikari.getConnection(POOLED_WAIT_MILLIS), null);
      } catch (SQLException e) {
        LOG.debug("Pool {}: no idle connection to cancel with, opening one", pool);
      }
    }
    raw.lock();
    try {
      Connection open = control;
      if (open == null || open.isClosed()) {
        open = DriverManager.getConnection(controlUrl(dataSource), controlLogin(dataSource));
        control = open;
      }
      return new Helper(open, this);
    } catch (SQLException | RuntimeException e) {
      raw.unlock();
      throw e;
    }
  }

  /** The pool's own URL (a multi-host one rotated for its worker), else the settings' URL. */
  private String controlUrl(HikariDataSource dataSource) {
    return dataSource != null && dataSource.getJdbcUrl() != null
        ? dataSource.getJdbcUrl()
        : settings.jdbcUrl();
  }

  /**
   * The pool's credentials and its connection attributes, so that the control connection is counted
   * on the server as one of the pool's (another instance's budget check reads them).
   */
  private Properties controlLogin(HikariDataSource dataSource) {
    Properties login = new Properties();
    if (settings.username() != null) {
      login.setProperty("user", settings.username());
    }
    if (settings.password() != null) {
      login.setProperty("password", settings.password());
    }
    Object attributes =
        dataSource == null ? null : dataSource.getDataSourceProperties().get(ATTRIBUTES);
    if (attributes != null) {
      login.setProperty(ATTRIBUTES, attributes.toString());
    }
    return login;
  }

  /**
   * Gives the control connection back: kept open while other cancels wait for it, and for {@value
   * #LINGER_MILLIS} ms after the last one (cancels come in bursts), then closed.
   */
  private void release(Connection connection) {
    lastUse = System.nanoTime();
    boolean closer = !raw.hasQueuedThreads() && !closing;
    closing |= closer;
    raw.unlock();
    if (closer) {
      closerThread = Thread.ofVirtual().name(pool + "-cancel-closer").start(this::closeWhenIdle);
    }
  }

  private void closeWhenIdle() {
    try {
      while (true) {
        Thread.sleep(LINGER_MILLIS);
        raw.lock();
        try {
          if (System.nanoTime() - lastUse >= TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS)) {
            closing = false;
            Connection open = control;
            control = null;
            if (open != null) {
              open.close();
            }
            return;
          }
        } finally {
          raw.unlock();
        }
      }
    } catch (InterruptedException | SQLException e) {
      LOG.debug("Pool {}: closing the control connection: {}", pool, e.toString());
    }
  }

  /** Closes the control connection now (the pool closes). */
  void close() {
    Thread closer = closerThread;
    if (closer != null) {
      closer.interrupt();
    }
    raw.lock();
    try {
      if (control != null) {
        control.close();
        control = null;
      }
    } catch (SQLException e) {
      LOG.debug("Pool {}: closing the control connection: {}", pool, e.toString());
    } finally {
      raw.unlock();
    }
  }

  /** A connection to send a KILL over: a pooled one, or the control connection of {@code owner}. */
  private record Helper(Connection connection, StatementCanceller owner) implements AutoCloseable {
    @Override
    public void close() throws SQLException {
      if (owner != null) {
        owner.release(connection);
      } else {
        connection.close();
      }
    }
  }
}
