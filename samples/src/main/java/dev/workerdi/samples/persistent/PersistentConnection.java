package dev.workerdi.samples.persistent;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A worker's one long-lived connection, as PHP's persistent connections are: every request of the
 * worker uses it in turn (the lock plays the PHP process serving one request at a time) and nothing
 * cleans it between requests. Thread-safe.
 */
final class PersistentConnection implements AutoCloseable {
  private final Connection connection;
  private final ReentrantLock turn = new ReentrantLock();

  PersistentConnection(Connection connection) {
    this.connection = connection;
  }

  /** Runs {@code work} with the connection, one request at a time. */
  <T> T use(SqlWork<T> work) throws Exception {
    turn.lock();
    try {
      return work.apply(connection);
    } finally {
      turn.unlock();
    }
  }

  @FunctionalInterface
  interface SqlWork<T> {
    T apply(Connection connection) throws Exception;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
