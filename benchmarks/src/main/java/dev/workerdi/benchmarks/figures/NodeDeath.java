package dev.workerdi.benchmarks.figures;

import dev.workerdi.benchmarks.Hosts;
import dev.workerdi.benchmarks.report.FigureResult;
import dev.workerdi.benchmarks.report.Row;
import dev.workerdi.benchmarks.report.Spread;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.Lease;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.GaleraCluster;
import dev.workerdi.testing.GaleraNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time from {@code kill -9} of node 2 (the node worker 1's pool prefers) to worker 1's first
 * lease that reads, and first that writes, on a survivor, while 64 coroutines of that worker loop
 * lease → {@code SELECT @@port} → {@code INSERT}. Reads resume as soon as the failover connection
 * reaches node 3; writes wait until Galera has evicted the dead node from the cluster. After each
 * round the node restarts and rejoins by IST. Not thread-safe; used by one figure run.
 */
final class NodeDeath {
  private static final int COROUTINES = 64;

  private final GaleraCluster cluster;
  private final String db;
  private final int rounds;

  NodeDeath(GaleraCluster cluster, String db, int rounds) {
    this.cluster = cluster;
    this.db = db;
    this.rounds = rounds;
  }

  void run(String figure, FigureResult out) throws Exception {
    GaleraNode victim = cluster.node(2);
    double[] reads = new double[rounds];
    double[] writes = new double[rounds];
    long errors = 0;
    WorkerHost host =
        Hosts.start(
            3, JdbcModule.of(ClusterFigure.settings(cluster.jdbcUrl(db), cluster, "death")));
    try {
      for (int r = 0; r < rounds; r++) {
        Round round = new Round(host, victim.port());
        List<CompletableFuture<Void>> load = round.start();
        Thread.sleep(1_000);
        round.killedAt = System.nanoTime();
        victim.kill();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (round.firstWrite.get() == 0 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        round.stop = true;
        for (CompletableFuture<Void> future : load) {
          future.get();
        }
        if (round.firstWrite.get() == 0) {
          throw new IllegalStateException(
              "no write succeeded on a survivor within 120 s of the kill");
        }
        reads[r] = (round.firstRead.get() - round.killedAt) / 1e6;
        writes[r] = (round.firstWrite.get() - round.killedAt) / 1e6;
        errors += round.errors.get();
        victim.start();
        cluster.awaitAllSynced();
      }
    } finally {
      Hosts.stop(host);
    }
    out.row(
        Row.reported(
            figure,
            "kill -9 of a node → first lease reading on a survivor, ms",
            Spread.of(reads).format(0),
            ""));
    out.row(
        Row.reported(
            figure,
            "kill -9 of a node → first lease writing on a survivor, ms",
            Spread.of(writes).format(0),
            ""));
    out.note(
        String.format(
            Locale.ROOT,
            "Node death (figure 9): %d coroutines of worker 1 (whose pool prefers "
                + "node 2) loop lease → `SELECT @@port` → `INSERT`; node 2 is killed with SIGKILL after 1 s of load, and "
                + "the time to the first read and the first write that succeed on a survivor is taken from the kill. %d "
                + "round(s), node 2 restarted and Synced (IST) after each; %,d statements failed in all (each a "
                + "connection error on a lease of the dead node, or a write refused while the cluster evicted it). "
                + "Writes wait for Galera to declare the node dead (evs.suspect_timeout, 5 s by default).",
            COROUTINES,
            rounds,
            errors));
  }

  /** One kill: the load on worker 1 and the first successes on a survivor. */
  private static final class Round {
    final WorkerHost host;
    final int victimPort;
    final AtomicLong firstRead = new AtomicLong();
    final AtomicLong firstWrite = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    volatile long killedAt = Long.MAX_VALUE;
    volatile boolean stop;

    Round(WorkerHost host, int victimPort) {
      this.host = host;
      this.victimPort = victimPort;
    }

    List<CompletableFuture<Void>> start() {
      List<CompletableFuture<Void>> load = new ArrayList<>();
      for (int i = 0; i < COROUTINES; i++) {
        load.add(
            host.submit(
                1,
                () -> {
                  WorkerPool pool = host.injector().getInstance(WorkerPool.class);
                  while (!stop) {
                    once(pool);
                  }
                  return null;
                }));
      }
      return load;
    }

    private void once(WorkerPool pool) {
      try (Lease lease = pool.lease();
          Statement s = lease.connection().createStatement()) {
        int port;
        try (ResultSet rows = s.executeQuery("SELECT @@port")) {
          rows.next();
          port = rows.getInt(1);
        }
        mark(firstRead, port);
        s.execute("INSERT INTO w (port) VALUES (" + port + ")");
        mark(firstWrite, port);
      } catch (SQLException | RuntimeException e) {
        errors.incrementAndGet();
      }
    }

    private void mark(AtomicLong first, int port) {
      long now = System.nanoTime();
      if (port != victimPort && now > killedAt) {
        first.compareAndSet(0, now);
      }
    }
  }
}
