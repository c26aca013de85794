package dev.workerdi.samples.persistent;

import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.samples.Args;
import dev.workerdi.samples.SampleDatabase;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Persistent connections vs leases (seed {@code 004_*}): the same request workload served three
 * ways — a new connection per request, one long-lived connection per worker shared by its requests
 * (the PHP persistent-connection style), and a lease per request — with timings; then one request
 * that leaves state behind (an open transaction, a session variable, a user lock) and the next
 * request of the same worker looking for it. Not thread-safe; run from {@code main}.
 */
public final class PersistentVsPooled {
  static final String USAGE = """
      Usage: PersistentVsPooled [--url jdbc:mysql://host:3306/ --user U --password P] [--requests N] [--workers N]
        without --url an embedded MariaDB 11.4 is started for the run""";

  /** Concurrent clients of the simulated server. */
  static final int CLIENTS = 16;

  private PersistentVsPooled() {}

  /** Timings of the three styles, and what leaked in each. */
  public record Report(long perRequestMs, long persistentMs, long leasesMs, List<String> persistentLeaks,
      List<String> leaseLeaks) {}

  public static void main(String[] argv) throws Exception {
    Args.runMain(argv, List.of(), USAGE,
        (args, db) -> run(db, args.integer("requests", 400, 1), args.integer("workers", 2, 1), System.out));
  }

  public static Report run(SampleDatabase db, int requests, int workers, PrintStream out) throws Exception {
    db.recreate("persistent_demo");
    WorkerHost host = WorkerHost.builder().workers(workers).shutdownHook(false)
        .modules(JdbcModule.of(db.settings("persistent_demo", 1, "workerdi.reserve", 0)), new PersistentModule(db))
        .build();
    host.start();
    try {
      Styles styles = new Styles(host, db);
      long perRequest = time(host, requests, styles::perRequest);
      long persistent = time(host, requests, styles::persistent);
      long leases = time(host, requests, styles::lease);
      List<String> persistentLeaks = Pollution.check(host, styles::persistentPolluting, styles::persistentInspect);
      List<String> leaseLeaks = Pollution.check(host, styles::leasePolluting, styles::leaseInspect);
      out.println("Persistent vs pooled: " + requests + " requests from " + CLIENTS + " concurrent clients over "
          + workers + " worker(s)");
      out.printf("  new connection per request %5d ms%n  one persistent connection per worker %5d ms%n"
          + "  one lease per request (pool of 1 per worker) %5d ms%n", perRequest, persistent, leases);
      out.println("  state left by one request, seen by the next request of the same worker:");
      out.println("    persistent: " + (persistentLeaks.isEmpty() ? "nothing" : String.join(", ", persistentLeaks)));
      out.println("    leases:     " + (leaseLeaks.isEmpty() ? "nothing" : String.join(", ", leaseLeaks)));
      return new Report(perRequest, persistent, leases, persistentLeaks, leaseLeaks);
    } finally {
      host.stop(Duration.ofSeconds(10));
    }
  }

  /** One request's work in a given style. */
  @FunctionalInterface
  interface Request {
    void serve(int n) throws Exception;
  }

  /** Serves {@code requests} requests, at most {@link #CLIENTS} at a time, as a server's clients would. */
  private static long time(WorkerHost host, int requests, Request request) throws Exception {
    long started = System.nanoTime();
    java.util.concurrent.Semaphore clients = new java.util.concurrent.Semaphore(CLIENTS);
    List<CompletableFuture<Object>> all = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      int n = i;
      clients.acquire();
      all.add(host.submit(() -> {
        try {
          request.serve(n);
          return null;
        } finally {
          clients.release();
        }
      }));
    }
    for (CompletableFuture<Object> future : all) {
      future.get();
    }
    return (System.nanoTime() - started) / 1_000_000;
  }
}
