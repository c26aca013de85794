package dev.workerdi.samples.server;

import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Asks the server about the request's lease: its connection id, and a server-side sleep that holds
 * the lease (to show a graceful stop waiting for a request in flight). Built per request on the
 * request's injected {@code Connection}; not thread-safe.
 */
final class SessionProbe {
  private final Connection connection;

  @Inject
  SessionProbe(Connection connection) {
    this.connection = connection;
  }

  /** The server's id of the lease's connection ({@code CONNECTION_ID()}). */
  long connectionId() throws SQLException {
    return scalar("SELECT CONNECTION_ID()");
  }

  /** Sleeps {@code millis} on the server, holding the lease, and returns the connection id. */
  long sleep(int millis) throws SQLException {
    scalar("SELECT SLEEP(" + millis / 1000.0 + ")");
    return connectionId();
  }

  private long scalar(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
