package dev.workerdi.jdbc.internal;

import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a pool's statements on the server, as Connector/J's {@code Statement.cancel()} does: a
 * {@code KILL QUERY} (or, for a connection whose socket is already gone, {@code KILL}) sent over
 * another connection to the same node: one of the pool's own connections when one on that node is
 * free or given back within {@value #POOLED_WAIT_MILLIS} ms while no lease waits (at the {@link
 * PoolGate} or inside HikariCP), else the module's control connection to that node ({@link
 * ControlConnections}, which belongs to no pool), so that the pool never holds more server
 * connections than its maximum. Thread-safe.
 */
final class StatementCanceller {
  private static final Logger LOG = LoggerFactory.getLogger(StatementCanceller.class);
  private static final long POOLED_WAIT_MILLIS = 10;
  private static final long RESEND_MILLIS = 20;
  private static final long STATEMENT_END_MILLIS = 5_000;
  private static final long GONE_WAIT_MILLIS = 3_000;

  private final String pool;
  private final ControlConnections control;
  private final PoolGate gate;
  private volatile HikariDataSource source;
  private final AtomicInteger pending = new AtomicInteger(); // cancels and kills under way

  StatementCanceller(String pool, ControlConnections control, PoolGate gate) {
    this.pool = pool;
    this.control = control;
    this.gate = gate;
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
  void cancel(PooledLink link, ReentrantLock lock, BooleanSupplier released, Runnable interrupt) {
    lock.lock();
    pending.incrementAndGet();
    try {
      SessionStateInterceptor session = link.session();
      if (!released.getAsBoolean() && session.cancel()) {
        // A KILL that reaches the server before the statement does is lost: send it again until it
        // ends.
        String node = node(session);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STATEMENT_END_MILLIS);
        do {
          send("KILL QUERY " + link.serverThread(), false, link.serverThread(), node);
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
  void killConnection(PooledLink link) {
    long serverThread = link.serverThread();
    pending.incrementAndGet();
    try {
      send("KILL " + serverThread, true, serverThread, node(link.session()));
    } finally {
      pending.decrementAndGet();
    }
  }

  private void send(String kill, boolean awaitGone, long serverThread, String node) {
    try {
      try (Helper helper = helper(node);
          Statement statement = helper.connection.createStatement()) {
        statement.execute(kill);
      } catch (SQLException e) {
        if (e.getErrorCode() != 1094) { // 1094: unknown thread id, it is gone already
          throw e;
        }
      }
      if (awaitGone) {
        awaitGone(serverThread, node);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warn("Pool {}: could not stop server thread {}: {}", pool, serverThread, e.toString());
    }
  }

  /**
   * Waits (up to {@value #GONE_WAIT_MILLIS} ms) until the server no longer lists {@code
   * serverThread}. Each look takes the helper connection anew, so other cancels to the same node
   * are not held up by the wait.
   */
  private void awaitGone(long serverThread, String node) throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GONE_WAIT_MILLIS);
    while (System.nanoTime() < deadline) {
      try (Helper helper = helper(node);
          PreparedStatement present =
              helper.connection.prepareStatement(
                  "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?")) {
        present.setLong(1, serverThread);
        try (ResultSet rows = present.executeQuery()) {
          if (rows.next() && rows.getLong(1) == 0) {
            return;
          }
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

  /**
   * The node ({@code host:port}) of the physical connection {@code session} serves, as the driver
   * names it; the settings' first host when the driver did not say.
   */
  private String node(SessionStateInterceptor session) {
    String node = session == null ? null : session.node();
    return node != null ? node : control.firstNode();
  }

  /** The node of an idle pooled connection (asked through the driver: nothing runs on it). */
  private static String nodeOf(Connection idle) {
    try {
      return idle.unwrap(JdbcConnection.class).getHostPortPair();
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }

  /**
   * One of the pool's connections to {@code node} if one is free or given back within {@value
   * #POOLED_WAIT_MILLIS} ms, else the control connection to that node.
   */
  private Helper helper(String node) throws SQLException {
    HikariDataSource dataSource = source;
    if (dataSource != null
        && dataSource.getHikariPoolMXBean() instanceof HikariPool hikari
        && pending.get() < hikari.getTotalConnections() // else every connection waits for a kill
        && hikari.getThreadsAwaitingConnection() == 0
        && gate.waiting() == 0) { // else the next one given back goes to a waiting lease
      try {
        Connection pooled = hikari.getConnection(POOLED_WAIT_MILLIS);
        if (node.equals(nodeOf(pooled))) {
          return new Helper(pooled, null);
        }
        pooled.close();
      } catch (SQLException e) {
        LOG.debug("Pool {}: no idle connection to cancel with, using the control connection", pool);
      }
    }
    ControlConnections.Handle handle = control.lend(node);
    return new Helper(handle.connection(), handle);
  }

  /** A connection to send a KILL over: a pooled one, or a lent control connection. */
  private record Helper(Connection connection, ControlConnections.Handle lent)
      implements AutoCloseable {
    @Override
    public void close() throws SQLException {
      if (lent != null) {
        lent.close();
      } else {
        connection.close();
      }
    }
  }
}
