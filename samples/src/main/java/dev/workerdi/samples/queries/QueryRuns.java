package dev.workerdi.samples.queries;

import dev.workerdi.jdbc.FanOut;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The queries sample's work, as the README teaches injection: built once by Guice, each method
 * called inside a coroutine, where the providers give that coroutine's lease and fan-out.
 * Thread-safe.
 */
@Singleton
final class QueryRuns {
  private final Provider<Connection> connection;
  private final Provider<FanOut> fanOut;

  @Inject
  QueryRuns(Provider<Connection> connection, Provider<FanOut> fanOut) {
    this.connection = connection;
    this.fanOut = fanOut;
  }

  /** The queries one after another on the coroutine's lease. */
  Timeline sequential(List<String> sql) throws SQLException {
    Timeline timeline = new Timeline(sql);
    Connection lease = connection.get();
    for (int i = 0; i < sql.size(); i++) {
      timeline.run(i, lease);
    }
    return timeline.finish();
  }

  /** The queries at once, each on its own lease of the fan-out. */
  Timeline fanOut(List<String> sql) throws Exception {
    Timeline timeline = new Timeline(sql);
    List<FanOut.Task<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < sql.size(); i++) {
      int index = i;
      tasks.add(
          lease -> {
            timeline.run(index, lease);
            return null;
          });
    }
    fanOut.get().run(tasks, Duration.ofSeconds(60));
    return timeline.finish();
  }

  /** One short query on the coroutine's lease. */
  Void shortQuery(int n) throws SQLException {
    ConcurrentQueries.execute(connection.get(), "SELECT " + n);
    return null;
  }
}
