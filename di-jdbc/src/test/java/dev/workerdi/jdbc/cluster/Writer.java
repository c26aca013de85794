package dev.workerdi.jdbc.cluster;

import dev.workerdi.jdbc.Transactional;
import dev.workerdi.jdbc.support.Sql;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * A Guice-built class whose retryable transactional method writes one row of {@code w} and counts
 * its runs: through {@code Provider<Connection>} or through the lease DataSource, as asked, so that
 * both see the fresh connection a retry after a node loss gets. Returns the node's SQL port.
 */
class Writer {
  @Inject Provider<Connection> connection;
  @Inject Provider<DataSource> dataSource;

  /** Runs of {@link #write} in this JVM (each coroutine builds its own Writer). */
  static final LongAdder RUNS = new LongAdder();

  @Transactional(maxAttempts = 5, backoffMillis = 1)
  int write(long id, int worker, boolean viaDataSource) throws SQLException {
    RUNS.increment();
    if (viaDataSource) {
      try (Connection c = dataSource.get().getConnection()) {
        return insert(c, id, worker);
      }
    }
    return insert(connection.get(), id, worker);
  }

  private static int insert(Connection c, long id, int worker) throws SQLException {
    int port = ClusterHosts.port(c);
    // a statement phase longer than the commit, so that a kill finds statements in flight too
    Sql.exec(c, "DO SLEEP(0.002)");
    Sql.exec(
        c, "INSERT INTO w (id, worker, port) VALUES (" + id + ", " + worker + ", " + port + ")");
    return port;
  }
}
