package dev.workerdi.samples.queries;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Start and end times of each query of a run, relative to the run's start, and their rendering as a
 * text timeline. Thread-safe (queries record from their own coroutines).
 */
final class Timeline {
  private static final int WIDTH = 50;

  private final List<String> sql;
  private final long origin = System.nanoTime();
  private final AtomicLongArray starts;
  private final AtomicLongArray ends;
  private long wallNanos;

  Timeline(List<String> sql) {
    this.sql = sql;
    this.starts = new AtomicLongArray(sql.size());
    this.ends = new AtomicLongArray(sql.size());
  }

  void run(int index, Connection connection) throws SQLException {
    starts.set(index, System.nanoTime() - origin);
    ConcurrentQueries.execute(connection, sql.get(index));
    ends.set(index, System.nanoTime() - origin);
  }

  Timeline finish() {
    wallNanos = System.nanoTime() - origin;
    return this;
  }

  long wallMs() {
    return wallNanos / 1_000_000;
  }

  long slowestMs() {
    long slowest = 0;
    for (int i = 0; i < sql.size(); i++) {
      slowest = Math.max(slowest, ends.get(i) - starts.get(i));
    }
    return slowest / 1_000_000;
  }

  /** One line per query: its span as a bar over the run's wall time, with start and end in ms. */
  String render(String title) {
    StringBuilder out =
        new StringBuilder("  ").append(title).append(" (").append(wallMs()).append(" ms)\n");
    for (int i = 0; i < sql.size(); i++) {
      int from = (int) (WIDTH * starts.get(i) / Math.max(1, wallNanos));
      int to = Math.max(from + 1, (int) (WIDTH * ends.get(i) / Math.max(1, wallNanos)));
      out.append(
          String.format(
              "    q%-2d |%s%s%s| %4d..%4d ms  %s%n",
              i,
              " ".repeat(from),
              "#".repeat(to - from),
              " ".repeat(Math.max(0, WIDTH - to)),
              starts.get(i) / 1_000_000,
              ends.get(i) / 1_000_000,
              sql.get(i)));
    }
    return out.toString();
  }
}
