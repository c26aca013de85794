package dev.workerdi.samples.queries;

import dev.workerdi.jdbc.FanOut;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.samples.DatabaseOptions;
import dev.workerdi.samples.HelpOption;
import dev.workerdi.samples.SampleCommandLine;
import dev.workerdi.samples.SampleDatabase;
import jakarta.inject.Provider;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Concurrent queries (the {@code queries} command; PHP's {@code mysqli_poll} over several links):
 * the same list of queries run one after another on one lease, then as a fan-out where each runs on
 * its own lease; prints both wall times, the per-query timeline and the ratio. Then shows that for
 * short queries a new connection per query loses to leases. Not thread-safe; picocli runs it once.
 */
@Command(name = "queries", sortOptions = false,
    description = "Slow queries one after another on one lease, then as a fan-out with a lease each; "
        + "then short queries on a new connection each against leases.",
    footer = {"", "Exit status: 0 done, 1 failed, 2 bad usage."})
public final class ConcurrentQueries implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Mixin
  private HelpOption help;

  @Mixin
  private DatabaseOptions database;

  @Option(names = "--queries", paramLabel = "N", defaultValue = "8",
      description = "slow queries (sleeps of 50..400 ms) to run (default: ${DEFAULT-VALUE})")
  private int queries;

  @Option(names = "--short", paramLabel = "N", defaultValue = "300",
      description = "short queries for the connect-per-query comparison (default: ${DEFAULT-VALUE})")
  private int shortQueries;

  /** What one run measured. */
  public record Report(long sequentialMs, long fanOutMs, long slowestMs, long connectPerQueryMs, long leasesMs,
      int shortQueries) {
    public double speedup() {
      return (double) sequentialMs / fanOutMs;
    }

    public double reuseGain() {
      return (double) connectPerQueryMs / Math.max(1, leasesMs);
    }
  }

  public static void main(String[] args) {
    SampleCommandLine.exit(new ConcurrentQueries(), args);
  }

  @Override
  public Integer call() throws Exception {
    SampleCommandLine.require(spec, queries >= 1, "--queries must be at least 1, not " + queries);
    SampleCommandLine.require(spec, shortQueries >= 1, "--short must be at least 1, not " + shortQueries);
    try (SampleDatabase db = database.open()) {
      run(db, queries, shortQueries, System.out);
    }
    return 0;
  }

  /** Runs the comparison on {@code db} and prints it to {@code out}. */
  public static Report run(SampleDatabase db, int queries, int shortQueries, PrintStream out) throws Exception {
    db.recreate("queries_demo");
    List<String> sql = new ArrayList<>();
    for (int i = 0; i < queries; i++) {
      double seconds = 0.05 + 0.35 * ((i * 7 % queries) / (double) Math.max(1, queries - 1));
      sql.add(String.format(Locale.ROOT, "SELECT SLEEP(%.3f), %d", seconds, i));
    }
    WorkerHost host = WorkerHost.builder().workers(1).shutdownHook(false)
        .modules(JdbcModule.of(db.settings("queries_demo", Math.max(queries, 4), "workerdi.reserve", 0))).build();
    host.start();
    try {
      Provider<Connection> leases = host.injector().getProvider(Connection.class);
      FanOut fanOutRunner = host.injector().getInstance(FanOut.class);
      Timeline sequential = host.submit(() -> sequential(leases, sql)).get();
      Timeline fanOut = host.submit(() -> fanOut(fanOutRunner, sql)).get();
      out.println("Concurrent queries: " + queries + " queries, sleeps of 50..400 ms");
      out.print(sequential.render("sequential, one lease"));
      out.print(fanOut.render("fan-out, one lease each"));
      long slowest = fanOut.slowestMs();
      out.printf("  sequential %d ms, fan-out %d ms, slowest query %d ms: fan-out is %.1fx faster, %.2fx the slowest%n",
          sequential.wallMs(), fanOut.wallMs(), slowest, (double) sequential.wallMs() / fanOut.wallMs(),
          (double) fanOut.wallMs() / slowest);
      long[] reuse = ShortQueries.compare(db, host, leases, "queries_demo", shortQueries, out);
      out.printf("  %d short queries: a new connection each %d ms, leases %d ms: leases %.1fx faster%n",
          shortQueries, reuse[0], reuse[1], (double) reuse[0] / Math.max(1, reuse[1]));
      return new Report(sequential.wallMs(), fanOut.wallMs(), slowest, reuse[0], reuse[1], shortQueries);
    } finally {
      host.stop(Duration.ofSeconds(10));
    }
  }

  /** In one coroutine: every query on its lease, one after another. */
  private static Timeline sequential(Provider<Connection> leases, List<String> sql) throws Exception {
    Timeline timeline = new Timeline(sql);
    Connection connection = leases.get();
    for (int i = 0; i < sql.size(); i++) {
      timeline.run(i, connection);
    }
    return timeline.finish();
  }

  /** In one coroutine: each query on a lease of its own, all at once. */
  private static Timeline fanOut(FanOut fanOut, List<String> sql) throws Exception {
    Timeline timeline = new Timeline(sql);
    List<FanOut.Task<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < sql.size(); i++) {
      int index = i;
      tasks.add(connection -> {
        timeline.run(index, connection);
        return null;
      });
    }
    fanOut.run(tasks, Duration.ofSeconds(60));
    return timeline.finish();
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(sql)) {
      while (rows.next()) {
        rows.getString(1);
      }
    }
  }
}
