package dev.workerdi.benchmarks.figures;

import com.google.inject.Key;
import com.google.inject.name.Names;
import dev.workerdi.benchmarks.Hosts;
import dev.workerdi.benchmarks.report.FigureResult;
import dev.workerdi.benchmarks.report.Plots;
import dev.workerdi.benchmarks.report.Row;
import dev.workerdi.benchmarks.report.Spread;
import dev.workerdi.benchmarks.report.Target;
import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.jdbc.FanOut;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.ResetPolicy;
import dev.workerdi.lifecycle.WorkerHost;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Figure 3: {@link FanOut} of 64 queries sleeping 50–200 ms on a pool of 64 (wall ÷ slowest query,
 * and the same queries one after another), and of 1,000 queries of 20 ms on a pool of 16 (wall ÷
 * the pool-bound ideal ⌈1000/16⌉ × 20 ms). Writes the timeline plot of the median 64-query run.
 */
public final class FanOutFigure implements Figure {
  static final String PLOT = "fanout-timeline.svg";

  @Override
  public String id() {
    return "3";
  }

  @Override
  public String title() {
    return "Fan-out";
  }

  /**
   * One fan-out: its wall time and each task's query start and end, in ms from the fan-out's start.
   */
  private record Run(double wallMs, double[] startMs, double[] endMs, double slowestMs) {}

  @Override
  public void run(BenchContext context, FigureResult out) throws Exception {
    String db = context.server().createDatabase("fanout");
    int wide = context.size(64, 64, 8);
    int many = context.size(1000, 1000, 40);
    int small = context.size(16, 16, 4);
    WorkerHost host =
        Hosts.start(
            1,
            JdbcModule.named(
                "wide", Hosts.settings(context.server(), db, "wide", wide, ResetPolicy.TRACKED)),
            JdbcModule.named(
                "small",
                Hosts.settings(context.server(), db, "small", small, ResetPolicy.TRACKED)));
    try {
      Hosts.fill(host, "wide", wide);
      Hosts.fill(host, "small", small);
      FanOut wideFan = host.injector().getInstance(Key.get(FanOut.class, Names.named("wide")));
      FanOut smallFan = host.injector().getInstance(Key.get(FanOut.class, Names.named("small")));
      double[] sleeps = new double[wide];
      for (int i = 0; i < wide; i++) {
        sleeps[i] = 0.050 + 0.150 * i / Math.max(1, wide - 1);
      }
      Hosts.call(host, 0, () -> fanOut(wideFan, sleeps)); // warms the code paths
      int rounds = context.size(5, 3, 1);
      List<Run> runs = new ArrayList<>();
      double[] sequentialMs = new double[context.size(3, 1, 1)];
      for (int r = 0; r < rounds; r++) {
        runs.add(Hosts.call(host, 0, () -> fanOut(wideFan, sleeps)));
        if (r < sequentialMs.length) {
          sequentialMs[r] = Hosts.call(host, 0, () -> sequential(host, sleeps));
        }
      }
      double[] wall = runs.stream().mapToDouble(Run::wallMs).toArray();
      double[] slowest = runs.stream().mapToDouble(Run::slowestMs).toArray();
      Spread wallSpread = Spread.of(wall);
      Spread sequential = Spread.of(sequentialMs);
      out.row(
          Row.of(
              id(),
              wide + " queries sleeping 50–200 ms, pool of " + wide + ", ms",
              "fan-out wall " + wallSpread.format(),
              "slowest query " + Spread.of(slowest).format(),
              "wall ÷ slowest",
              Spread.ratios(wall, slowest),
              Target.atMost(1.15)));
      double[] seqRatio = new double[sequentialMs.length];
      for (int i = 0; i < seqRatio.length; i++) {
        seqRatio[i] = sequentialMs[i] / wall[i];
      }
      out.row(
          Row.of(
              id(),
              "the same " + wide + " queries one after another, ms",
              "fan-out " + wallSpread.format(),
              "sequential, one lease " + sequential.format(),
              "sequential ÷ fan-out",
              Spread.of(seqRatio),
              Target.report()));

      Hosts.call(
          host,
          0,
          () -> smallFan.run(sleepTasks(many, 0.02, null, null, 0), Duration.ofMinutes(5)));
      int manyRounds = context.size(3, 2, 1);
      double[] manyWall = new double[manyRounds];
      for (int r = 0; r < manyRounds; r++) {
        manyWall[r] =
            Hosts.call(
                host,
                0,
                () -> {
                  long started = System.nanoTime();
                  smallFan.run(sleepTasks(many, 0.02, null, null, 0), Duration.ofMinutes(5));
                  return (System.nanoTime() - started) / 1e6;
                });
      }
      double ideal = Math.ceil(many / (double) small) * 20.0;
      double[] manyRatio = new double[manyRounds];
      for (int r = 0; r < manyRounds; r++) {
        manyRatio[r] = manyWall[r] / ideal;
      }
      out.row(
          Row.of(
              id(),
              many + " queries of 20 ms, pool of " + small + ", ms",
              "fan-out wall " + Spread.of(manyWall).format(),
              String.format(
                  Locale.ROOT, "pool-bound ideal ⌈%d/%d⌉ × 20 ms = %.0f", many, small, ideal),
              "wall ÷ ideal",
              Spread.of(manyRatio),
              Target.atMost(1.15)));

      Run median =
          runs.stream()
              .sorted((a, b) -> Double.compare(a.wallMs(), b.wallMs()))
              .toList()
              .get(runs.size() / 2);
      Plots.timeline(
          context.outputDir().resolve(PLOT),
          String.format(
              Locale.ROOT,
              "Fan-out of %d queries (SELECT SLEEP 50–200 ms) on a pool of %d: wall %.0f ms",
              wide,
              wide,
              median.wallMs()),
          median.startMs(),
          median.endMs(),
          median.wallMs(),
          median.slowestMs());
      out.plot(PLOT, "fan-out timeline");
      out.note(
          String.format(
              Locale.ROOT,
              "Figure 3: `FanOut.run` from a worker task, each query `SELECT SLEEP(s)` on "
                  + "its own lease, s spread evenly over 50–200 ms; every connection of the pool is open before "
                  + "timing, and one untimed fan-out warms the code; %d runs. \"Slowest query\" is the longest query as timed inside its task (from "
                  + "after its lease to its last row). The sequential side runs the same queries on one lease in one "
                  + "coroutine (%d runs). The 1,000-query run uses `SELECT SLEEP(0.02)` on a pool of %d: the ideal counts "
                  + "only the sleeps, so every round trip, lease and hand-over is in the ratio (%d runs).",
              rounds,
              sequentialMs.length,
              small,
              manyRounds));
      out.note(
          "The timeline (below) shows each task's query as a dark bar and, light, the time before its lease "
              + "was handed over; all 64 start within a few milliseconds, so the wall time is the slowest query plus "
              + "the start-up of 64 coroutines.");
    } finally {
      Hosts.stop(host);
      context.server().dropDatabase(db);
    }
  }

  private static Run fanOut(FanOut fan, double[] sleeps) throws Exception {
    int n = sleeps.length;
    long[] starts = new long[n];
    long[] ends = new long[n];
    long started = System.nanoTime();
    List<FanOut.Task<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tasks.add(sleepTask(sleeps[i], starts, ends, i));
    }
    fan.run(tasks, Duration.ofMinutes(2));
    long wall = System.nanoTime() - started;
    double[] startMs = new double[n];
    double[] endMs = new double[n];
    double slowest = 0;
    for (int i = 0; i < n; i++) {
      startMs[i] = (starts[i] - started) / 1e6;
      endMs[i] = (ends[i] - started) / 1e6;
      slowest = Math.max(slowest, endMs[i] - startMs[i]);
    }
    return new Run(wall / 1e6, startMs, endMs, slowest);
  }

  private static List<FanOut.Task<Integer>> sleepTasks(
      int n, double seconds, long[] starts, long[] ends, int from) {
    List<FanOut.Task<Integer>> tasks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tasks.add(sleepTask(seconds, starts, ends, from + i));
    }
    return tasks;
  }

  private static FanOut.Task<Integer> sleepTask(
      double seconds, long[] starts, long[] ends, int index) {
    String sql = String.format(Locale.ROOT, "SELECT SLEEP(%.4f)", seconds);
    return connection -> {
      long started = System.nanoTime();
      int value = query(connection, sql);
      if (starts != null) {
        starts[index] = started;
        ends[index] = System.nanoTime();
      }
      return value;
    };
  }

  private static int query(Connection connection, String sql) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  /** The same queries one after another on one lease, in a coroutine of the worker; ms. */
  private static double sequential(WorkerHost host, double[] sleeps) throws Exception {
    WorkerContext worker = WorkerContext.current().orElseThrow();
    Key<Connection> key = Key.get(Connection.class, Names.named("wide"));
    long started = System.nanoTime();
    try (CoroutineContext coroutine = worker.openCoroutine()) {
      Connection connection = host.injector().getInstance(key);
      for (double sleep : sleeps) {
        query(connection, String.format(Locale.ROOT, "SELECT SLEEP(%.4f)", sleep));
      }
    }
    return (System.nanoTime() - started) / 1e6;
  }
}
