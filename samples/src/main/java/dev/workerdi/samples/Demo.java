package dev.workerdi.samples;

import dev.workerdi.core.DiException;
import dev.workerdi.samples.backup.BackupReport;
import dev.workerdi.samples.persistent.PersistentVsPooled;
import dev.workerdi.samples.queries.ConcurrentQueries;
import dev.workerdi.samples.server.LoadCheck;
import dev.workerdi.samples.server.WorkerServer;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The README's first command ({@code demo}): on an embedded MariaDB (or {@code --url}), runs the
 * concurrent backup, the concurrent queries, a concurrent exchange with the worker HTTP server, the
 * persistent vs pooled comparison and the misuse, then prints a report. Exit status 0, 1 with one
 * clear message on any failure, 2 for bad usage. Not thread-safe; picocli runs it once.
 */
@Command(
    name = "demo",
    sortOptions = false,
    description = "Runs every sample once on an embedded MariaDB (or --url) and prints a report.",
    footer = {
      "",
      "Exit status: 0 every check passed, 1 a check or the database failed, 2 bad usage."
    })
public final class Demo implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private HelpOption help;

  @Mixin private DatabaseOptions database;

  @Option(
      names = "--rows",
      paramLabel = "N",
      defaultValue = "200000",
      description =
          "rows to generate in the source database for the backup, at least 1000 (default: ${DEFAULT-VALUE})")
  private int rows;

  @Option(
      names = "--requests",
      paramLabel = "N",
      defaultValue = "200",
      description =
          "concurrent HTTP round trips in the server exchange (default: ${DEFAULT-VALUE})")
  private int requests;

  public static void main(String[] args) {
    SampleCommandLine.exit(new Demo(), args);
  }

  @Override
  public Integer call() throws Exception {
    SampleCommandLine.require(spec, rows >= 1_000, "--rows must be at least 1000, not " + rows);
    SampleCommandLine.require(
        spec, requests >= 1, "--requests must be at least 1, not " + requests);
    long started = System.nanoTime();
    PrintStream out = System.out;
    try (SampleDatabase db = database.open()) {
      out.println("== workerdi demo on " + db.describe() + ", server " + db.version());
      BackupReport backup = DemoSteps.backup(db, rows, out);
      ConcurrentQueries.Report queries = ConcurrentQueries.run(db, 8, 300, out);
      LoadCheck.Result http = server(db, requests, out);
      PersistentVsPooled.Report persistent = PersistentVsPooled.run(db, 400, 2, out);
      misuse(db, out);
      check(
          queries.fanOutMs() < queries.sequentialMs(),
          "the fan-out was not faster than sequential queries");
      check(
          persistent.leaseLeaks().isEmpty(),
          "state leaked between leases: " + persistent.leaseLeaks());
      summary(out, backup, queries, http, persistent);
    }
    out.printf("== demo finished in %.1f s%n", (System.nanoTime() - started) / 1e9);
    return 0;
  }

  private static void summary(
      PrintStream out,
      BackupReport backup,
      ConcurrentQueries.Report queries,
      LoadCheck.Result http,
      PersistentVsPooled.Report persistent) {
    out.println("== summary");
    out.printf(
        "  backup      %,d rows verified equal, resumed after an interruption, %,.0f rows/s with 4 coroutines%n",
        backup.rowsVerified(), backup.rowsPerSecond());
    out.printf(
        "  fan-out     %.1fx faster than sequential; wall time %.2fx the slowest query%n",
        queries.speedup(), (double) queries.fanOutMs() / queries.slowestMs());
    out.printf(
        "  leases      %.1fx faster than a new connection per short query%n", queries.reuseGain());
    out.printf(
        "  http        %d/%d concurrent clients correct on Jetty (JDBC, Jdbi, @Transactional), one lease per"
            + " request, served by %s; accounts balanced after %d transfers%n",
        http.ok(), http.clients(), http.workers(), http.transfers());
    out.printf(
        "  pollution   persistent connections leaked %d kind(s) of state, leases %d%n",
        persistent.persistentLeaks().size(), persistent.leaseLeaks().size());
  }

  private static LoadCheck.Result server(SampleDatabase db, int requests, PrintStream out)
      throws Exception {
    db.recreate("server_demo");
    out.println("Worker server: lifecycle hooks as they ran");
    WorkerServer server = WorkerServer.start(db, WorkerServer.Config.of("server_demo", 2, false));
    int started = server.hookLog().size();
    server.hookLog().forEach(line -> out.println("  hook " + line));
    LoadCheck.Result result;
    try {
      result = LoadCheck.run(server.port(), requests, out);
    } finally {
      server.close();
    }
    server.hookLog().stream().skip(started).forEach(line -> out.println("  hook " + line));
    out.printf(
        "  %d concurrent clients over HTTP (Jetty), each a note through JDBC and one through Jdbi (POST+GET)"
            + " and a transactional transfer: %d correct, %d wrong, %d ms, by worker %s%n",
        result.clients(), result.ok(), result.wrong(), result.elapsedMs(), result.workers());
    out.printf(
        "  transfers: %d done, %d refused and rolled back; accounts: %s%n",
        result.transfers(), result.refused(), result.accounts());
    check(
        result.wrong() == 0 && result.balanced(),
        result.wrong() + " HTTP clients went wrong, first: " + result.firstFailure().orElse("?"));
    return result;
  }

  private static void misuse(SampleDatabase db, PrintStream out) throws Exception {
    out.println("The misuse: a Connection resolved in beforeWorkerStart fails fast");
    try (WorkerServer server =
        WorkerServer.start(db, WorkerServer.Config.of("server_demo", 2, true))) {
      throw new IllegalStateException("the misuse started a server on port " + server.port());
    } catch (DiException expected) {
      out.println("  " + expected.getMessage().replace("\n", "\n  "));
    }
  }

  /** Fails the demo (exit status 1) with {@code failure} unless {@code condition}. */
  static void check(boolean condition, String failure) {
    if (!condition) {
      throw new IllegalStateException(failure);
    }
  }
}
