package dev.workerdi.samples.persistent;

import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.samples.DatabaseOptions;
import dev.workerdi.samples.HelpOption;
import dev.workerdi.samples.ProgressOutput;
import dev.workerdi.samples.SampleCommandLine;
import dev.workerdi.samples.SampleDatabase;
import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Persistent connections vs leases (the {@code persistent} command): the same request workload served three
 * ways — a new connection per request, one long-lived connection per worker shared by its requests
 * (the PHP persistent-connection style), and a lease per request — with timings; then one request
 * that leaves state behind (an open transaction, a session variable, a user lock) and the next
 * request of the same worker looking for it. Not thread-safe; picocli runs it once.
 */
@Command(name = "persistent", sortOptions = false,
    description = "The same requests on a new connection each, on one persistent connection per worker, "
        + "and on a lease each; then the state one request leaves for the next.",
    footer = {"", "Exit status: 0 done, 1 failed, 2 bad usage."})
public final class PersistentVsPooled implements Callable<Integer> {
  @Spec
  private CommandSpec spec;

  @Mixin
  private HelpOption help;

  @Mixin
  private DatabaseOptions database;

  @Option(names = "--requests", paramLabel = "N", defaultValue = "400",
      description = "requests served in each style (default: ${DEFAULT-VALUE})")
  private int requests;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "2", description = "workers (default: ${DEFAULT-VALUE})")
  private int workers;

  /** Concurrent clients of the simulated server. */
  static final int CLIENTS = 16;


  /** Timings of the three styles, and what leaked in each. */
  public record Report(long perRequestMs, long persistentMs, long leasesMs, List<String> persistentLeaks,
      List<String> leaseLeaks) {}

  public static void main(String[] args) {
    SampleCommandLine.exit(new PersistentVsPooled(), args);
  }

  @Override
  public Integer call() throws Exception {
    SampleCommandLine.require(spec, requests >= 1, "--requests must be at least 1, not " + requests);
    SampleCommandLine.require(spec, workers >= 1, "--workers must be at least 1, not " + workers);
    try (SampleDatabase db = database.open()) {
      run(db, requests, workers, System.out);
    }
    return 0;
  }

  public static Report run(SampleDatabase db, int requests, int workers, PrintStream out) throws Exception {
    db.recreate("persistent_demo");
    WorkerHost host = WorkerHost.builder().workers(workers).shutdownHook(false)
        .modules(JdbcModule.of(db.settings("persistent_demo", 1, "workerdi.reserve", 0)), new PersistentModule(db))
        .build();
    host.start();
    try {
      Styles styles = new Styles(host.injector().getProvider(Connection.class),
          host.injector().getProvider(PersistentConnection.class), db);
      out.println("Persistent vs pooled: " + requests + " requests from " + CLIENTS + " concurrent clients over "
          + workers + " worker(s)");
      long perRequest;
      long persistent;
      long leases;
      try (ProgressOutput progress = ProgressOutput.start("requests", 3L * requests, out)) {
        perRequest = time(host, requests, styles::perRequest, progress);
        persistent = time(host, requests, styles::persistent, progress);
        leases = time(host, requests, styles::lease, progress);
      }
      List<String> persistentLeaks = Pollution.check(host, styles::persistentPolluting, styles::persistentInspect);
      List<String> leaseLeaks = Pollution.check(host, styles::leasePolluting, styles::leaseInspect);
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
  private static long time(WorkerHost host, int requests, Request request, ProgressOutput progress)
      throws Exception {
    long started = System.nanoTime();
    Semaphore clients = new Semaphore(CLIENTS);
    List<CompletableFuture<Object>> all = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      int n = i;
      clients.acquire();
      all.add(host.submit(() -> {
        try {
          request.serve(n);
          progress.step();
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
