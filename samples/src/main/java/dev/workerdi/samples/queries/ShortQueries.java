package dev.workerdi.samples.queries;

import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.samples.ProgressOutput;
import dev.workerdi.samples.SampleDatabase;
import jakarta.inject.Provider;
import java.io.PrintStream;
import java.sql.Connection;

/**
 * Short queries two ways: a new connection per query (connect, query, close), and a lease per
 * query from the worker's pool. Both sequential, on the same server. Not thread-safe.
 */
final class ShortQueries {
  private ShortQueries() {}

  /** {connect-per-query ms, leases ms} for {@code count} short queries. */
  static long[] compare(SampleDatabase db, WorkerHost host, Provider<Connection> leases, String database, int count,
      PrintStream out) throws Exception {
    try (ProgressOutput progress = ProgressOutput.start("short queries", 2L * count, out)) {
      long started = System.nanoTime();
      for (int i = 0; i < count; i++) {
        try (Connection connection = db.connect(database)) {
          ConcurrentQueries.execute(connection, "SELECT " + i);
        }
        progress.step();
      }
      long connectPerQuery = (System.nanoTime() - started) / 1_000_000;
      started = System.nanoTime();
      for (int i = 0; i < count; i++) {
        int n = i;
        host.submit(() -> {
          ConcurrentQueries.execute(leases.get(), "SELECT " + n);
          return null;
        }).get();
        progress.step();
      }
      long leasesMs = (System.nanoTime() - started) / 1_000_000;
      return new long[] {connectPerQuery, leasesMs};
    }
  }
}
