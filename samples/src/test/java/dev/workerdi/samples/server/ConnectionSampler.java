package dev.workerdi.samples.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Samples, over its own connection, how many server connections use one database (the server's
 * {@code information_schema.PROCESSLIST}), as often as it can until {@link #close()}; keeps the
 * highest count seen. Thread-safe.
 */
final class ConnectionSampler implements AutoCloseable {
  private final String url;
  private final String user;
  private final String password;
  private final String database;
  private final AtomicInteger highest = new AtomicInteger();
  private final AtomicInteger samples = new AtomicInteger();
  private final AtomicReference<SQLException> failure = new AtomicReference<>();
  private volatile boolean running = true;
  private final Thread thread;

  ConnectionSampler(String url, String user, String password, String database) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.database = database;
    this.thread = Thread.ofPlatform().name("processlist-sampler").start(this::sample);
  }

  /** Connections on the database right now. */
  static int count(Connection connection, String database) throws SQLException {
    try (PreparedStatement count =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()")) {
      count.setString(1, database);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  private void sample() {
    try (Connection connection = DriverManager.getConnection(url, user, password)) {
      while (running) {
        highest.accumulateAndGet(count(connection, database), Math::max);
        samples.incrementAndGet();
      }
    } catch (SQLException e) {
      failure.set(e);
    }
  }

  int highest() {
    return highest.get();
  }

  int samples() {
    return samples.get();
  }

  @Override
  public void close() throws Exception {
    running = false;
    thread.join();
    if (failure.get() != null) {
      throw failure.get();
    }
  }
}
