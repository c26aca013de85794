package dev.workerdi.samples;

import dev.workerdi.core.DiException;
import dev.workerdi.samples.backup.BackupReport;
import dev.workerdi.samples.persistent.PersistentVsPooled;
import dev.workerdi.samples.queries.ConcurrentQueries;
import dev.workerdi.samples.server.LoadCheck;
import dev.workerdi.samples.server.WorkerServer;
import java.io.PrintStream;
import java.util.List;

/**
 * The README's first command: on an embedded MariaDB (or {@code --url}), runs the concurrent
 * backup, the concurrent queries, a short exchange with the worker HTTP server, and the persistent
 * vs pooled comparison, then prints a report and exits 0 (non-zero with a clear message on any
 * failure). Not thread-safe; run from {@code main}.
 */
public final class Demo {
  static final String USAGE = """
      Usage: Demo [--url jdbc:mysql://host:3306/ --user U --password P] [--rows N] [--requests N]
        --rows N       rows to generate in the source database for the backup, default 200000
        --requests N   HTTP requests in the server exchange, default 200
        without --url an embedded MariaDB 11.4 is started for the run and stopped at the end""";

  private Demo() {}

  public static void main(String[] argv) {
    long started = System.nanoTime();
    PrintStream out = System.out;
    try {
      Args args = Args.parse(argv, List.of("help"), USAGE);
      if (args.flag("help")) {
        out.println(USAGE);
        return;
      }
      try (SampleDatabase db = SampleDatabase.open(args)) {
        out.println("== workerdi demo on " + db.describe() + ", server " + db.version());
        BackupReport backup = DemoSteps.backup(db, args.integer("rows", 200_000, 1_000), out);
        ConcurrentQueries.Report queries = ConcurrentQueries.run(db, 8, 300, out);
        LoadCheck.Result http = server(db, args.integer("requests", 200, 1), out);
        PersistentVsPooled.Report persistent = PersistentVsPooled.run(db, 400, 2, out);
        misuse(db, out);
        check(queries.fanOutMs() < queries.sequentialMs(), "the fan-out was not faster than sequential queries");
        check(persistent.leaseLeaks().isEmpty(), "state leaked between leases: " + persistent.leaseLeaks());
        out.println("== summary");
        out.printf("  backup      %,d rows verified equal, resumed after an interruption, %,.0f rows/s with 4 coroutines%n",
            backup.rowsVerified(), backup.rowsPerSecond());
        out.printf("  fan-out     %.1fx faster than sequential; wall time %.2fx the slowest query%n",
            queries.speedup(), (double) queries.fanOutMs() / queries.slowestMs());
        out.printf("  leases      %.1fx faster than a new connection per short query%n", queries.reuseGain());
        out.printf("  http        %d/%d round trips correct, one lease per request, pools per worker%n",
            http.ok(), http.requests());
        out.printf("  pollution   persistent connections leaked %d kind(s) of state, leases %d%n",
            persistent.persistentLeaks().size(), persistent.leaseLeaks().size());
      }
      out.printf("== demo finished in %.1f s%n", (System.nanoTime() - started) / 1e9);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    } catch (Exception | AssertionError e) {
      System.err.println("The demo failed: " + e);
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static LoadCheck.Result server(SampleDatabase db, int requests, PrintStream out) throws Exception {
    db.recreate("server_demo");
    out.println("Worker server: lifecycle hooks as they ran");
    WorkerServer server = WorkerServer.start(db, "server_demo", 2, 0, false);
    LoadCheck.Result result;
    try {
      result = LoadCheck.run(server.port(), requests);
    } finally {
      server.close();
    }
    server.hookLog().stream().skip(5).forEach(line -> out.println("  hook " + line));
    out.printf("  %d concurrent POST+GET round trips over HTTP: %d correct, %d wrong, %d ms%n",
        result.requests(), result.ok(), result.wrong(), result.elapsedMs());
    check(result.wrong() == 0, result.wrong() + " HTTP round trips returned a wrong answer");
    return result;
  }

  private static void misuse(SampleDatabase db, PrintStream out) throws Exception {
    out.println("The misuse: a Connection resolved in beforeWorkerStart fails fast");
    try (WorkerServer server = WorkerServer.start(db, "server_demo", 2, 0, true)) {
      throw new AssertionError("the misuse started a server on port " + server.port());
    } catch (DiException expected) {
      out.println("  " + expected.getMessage().replace("\n", "\n  "));
    }
  }

  static void check(boolean condition, String failure) {
    if (!condition) {
      throw new AssertionError(failure);
    }
  }
}
