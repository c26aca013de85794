package dev.workerdi.jdbc.internal;

import dev.workerdi.jdbc.ConnectionBudget;
import dev.workerdi.jdbc.JdbcSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections one database's pools (every worker's pool of one {@code JdbcModule}) send a
 * {@code KILL} over when none of the pool's own connections on the same node is free: at most one
 * per node, opened for a burst of cancels, used by one cancel at a time, and closed {@value
 * #LINGER_MILLIS} ms after the last. It belongs to no pool, so that a pool's server connections
 * never exceed its maximum size; the budget counts it once per instance ({@link
 * ConnectionBudget#CONTROL_CONNECTIONS}). It connects to exactly the node of the connection it
 * stops (a thread id means nothing on another node), with the settings' credentials and options,
 * without a default database, and names itself in the connection attributes as this instance's
 * control connection. Thread-safe. Not a supported API.
 */
public final class ControlConnections {
  private static final Logger LOG = LoggerFactory.getLogger(ControlConnections.class);
  private static final long LINGER_MILLIS = 1_000;

  private final JdbcSettings settings;
  private final HostList hosts;
  private final Map<String, Node> nodes = new ConcurrentHashMap<>();
  private final AtomicInteger pools = new AtomicInteger();

  /** The control connections of the pools built from {@code settings}. */
  public ControlConnections(JdbcSettings settings) {
    this.settings = settings;
    this.hosts = HostList.parse(settings.jdbcUrl());
  }

  /**
   * The control connection to {@code node} ({@code host:port}), held until the returned handle is
   * closed; other cancels to the same node wait for it meanwhile.
   */
  Handle lend(String node) throws SQLException {
    return nodes.computeIfAbsent(node, Node::new).lend();
  }

  /** A pool of the module opened. */
  void poolOpened() {
    pools.incrementAndGet();
  }

  /** A pool of the module closed: with the last one, every control connection closes now. */
  void poolClosed() {
    if (pools.decrementAndGet() <= 0) {
      nodes.values().forEach(Node::shut);
    }
  }

  /** The first host the settings' URL names, as written there. */
  String firstNode() {
    return hosts.hosts().isEmpty() ? "localhost:3306" : hosts.hosts().get(0);
  }

  /**
   * The URL of {@code node} ({@code host:port} as the driver names it, or a host as the URL writes
   * it) alone: the settings' options, no default database.
   */
  String url(String node) {
    if (node.contains("=") || node.startsWith("[")) {
      return hosts.withoutDatabase(node);
    }
    int colon = node.lastIndexOf(':');
    String host = colon < 0 ? node : node.substring(0, colon);
    String port = colon < 0 ? "" : "(port=" + node.substring(colon + 1) + ")";
    return hosts.withoutDatabase("address=(host=" + host + ")" + port);
  }

  private Properties login() {
    Properties login =
        Logins.of(settings, settings.hikariConfig("control").getDataSourceProperties());
    ConnectionAttributes.applyControl(login, hosts, settings);
    return login;
  }

  /** A lent control connection; closing the handle gives it back. */
  interface Handle extends AutoCloseable {
    Connection connection();

    @Override
    void close();
  }

  /** The control connection to one node, guarded by its lock. */
  private final class Node implements Handle {
    private final String address;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection control; // guarded by lock
    private boolean closing; // guarded by lock
    private long lastUse; // guarded by lock
    private volatile Thread closer;

    Node(String address) {
      this.address = address;
    }

    Handle lend() throws SQLException {
      lock.lock();
      try {
        if (control == null || control.isClosed()) {
          control = DriverManager.getConnection(url(address), login());
        }
        return this;
      } catch (SQLException | RuntimeException e) {
        lock.unlock();
        throw e;
      }
    }

    @Override
    public Connection connection() {
      return control;
    }

    /**
     * Gives the connection back: kept open while other cancels wait for it, and for {@value
     * #LINGER_MILLIS} ms after the last one (cancels come in bursts), then closed.
     */
    @Override
    public void close() {
      lastUse = System.nanoTime();
      boolean startCloser = !lock.hasQueuedThreads() && !closing;
      closing |= startCloser;
      lock.unlock();
      if (startCloser) {
        closer =
            Thread.ofVirtual()
                .name(settings.poolName() + "-control-closer")
                .start(this::closeWhenIdle);
      }
    }

    private void closeWhenIdle() {
      try {
        while (true) {
          Thread.sleep(LINGER_MILLIS);
          lock.lock();
          try {
            if (System.nanoTime() - lastUse >= TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS)) {
              closing = false;
              closeNow();
              return;
            }
          } finally {
            lock.unlock();
          }
        }
      } catch (InterruptedException e) {
        LOG.debug("Pool {}: control connection to {} closed early", settings.poolName(), address);
      }
    }

    /** Closes the connection now; waits for a cancel that is using it. */
    void shut() {
      Thread running = closer;
      if (running != null) {
        running.interrupt();
      }
      lock.lock();
      try {
        closing = false; // the interrupted closer is gone: the next burst starts its own
        closeNow();
      } finally {
        lock.unlock();
      }
    }

    private void closeNow() {
      Connection open = control;
      control = null;
      if (open != null) {
        try {
          open.close();
        } catch (SQLException e) {
          LOG.debug(
              "Pool {}: closing the control connection to {}: {}",
              settings.poolName(),
              address,
              e.toString());
        }
      }
    }
  }
}
