package dev.workerdi.benchmarks.figures;

import com.google.inject.Key;
import com.google.inject.name.Names;
import dev.workerdi.benchmarks.Hosts;
import dev.workerdi.benchmarks.report.FigureResult;
import dev.workerdi.benchmarks.report.Row;
import dev.workerdi.benchmarks.report.Spread;
import dev.workerdi.benchmarks.report.Target;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.GaleraCluster;
import dev.workerdi.testing.GaleraSupport;
import jakarta.inject.Provider;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Figure 9: a three-node Galera cluster on loopback ({@link GaleraCluster}), measured only where
 * {@code galera-4} is installed. Figure 6's load (10,000 coroutines in flight, a primary-key query
 * each) through a URL naming the three nodes beside the same load through node 1 alone; and the
 * time from {@code kill -9} of the node serving a worker's pool to that worker's first successful
 * read and first successful write on a survivor ({@link NodeDeath}).
 */
public final class ClusterFigure implements Figure {
  private static final int WORKERS = 3;
  private static final int POOL = 8;
  private static final int ROWS = 10_000;

  @Override
  public String id() {
    return "10";
  }

  @Override
  public String title() {
    return "Galera: three nodes beside one, and node death";
  }

  @Override
  public void run(BenchContext context, FigureResult out) throws Exception {
    Optional<String> missing = GaleraSupport.missing();
    if (missing.isPresent() || context.config().smoke()) {
      String why =
          missing.map(m -> "Galera is not available here: " + m).orElse("not in the smoke test");
      out.row(Row.reported(id(), "skipped", why, ""));
      out.note("Figure 9 was not measured: " + why + ".");
      return;
    }
    try (GaleraCluster cluster = GaleraCluster.start(3)) {
      String db = cluster.createDatabase("bench");
      fill(cluster, db);
      throughput(context, cluster, db, out);
      new NodeDeath(cluster, db, context.size(3, 1, 1)).run(id(), out);
    }
  }

  private void throughput(BenchContext context, GaleraCluster cluster, String db, FigureResult out)
      throws Exception {
    WorkerHost three =
        Hosts.start(
            WORKERS, JdbcModule.named("three", settings(cluster.jdbcUrl(db), cluster, "three")));
    WorkerHost one =
        Hosts.start(
            WORKERS,
            JdbcModule.named("one", settings(cluster.node(1).jdbcUrl(db), cluster, "one")));
    try {
      Hosts.fill(three, "three", POOL);
      Hosts.fill(one, "one", POOL);
      Scale.Load ours = coroutines(three, "three");
      Scale.Load single = coroutines(one, "one");
      int concurrency = context.size(10_000, 10_000, 100);
      int total = context.size(40_000, 20_000, 300);
      int rounds = context.size(5, 2, 1);
      ours.run(total / 2, concurrency);
      single.run(total / 2, concurrency);
      double[] threeRates = new double[rounds];
      double[] oneRates = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        boolean threeFirst = r % 2 == 0;
        double first = (threeFirst ? ours : single).run(total, concurrency);
        double second = (threeFirst ? single : ours).run(total, concurrency);
        threeRates[r] = threeFirst ? first : second;
        oneRates[r] = threeFirst ? second : first;
      }
      out.row(
          Row.of(
              id(),
              String.format(
                  Locale.ROOT,
                  "%,d requests in flight (%,d in all), requests/s",
                  concurrency,
                  total),
              "3 nodes, "
                  + WORKERS
                  + " workers × pool of "
                  + POOL
                  + ": "
                  + Spread.of(threeRates).format(0),
              "node 1 alone, the same pools: " + Spread.of(oneRates).format(0),
              "3 nodes ÷ 1 node",
              Spread.ratios(threeRates, oneRates),
              Target.report()));
      out.note(
          String.format(
              Locale.ROOT,
              "Figure 9: figure 6's request (`SELECT name, qty FROM items WHERE id = ?`, "
                  + "%,d rows) as one coroutine per request over %d workers with pools of %d; through "
                  + "`jdbc:mysql://node1,node2,node3/...` each worker's pool prefers another node, through node 1's URL all "
                  + "pools use node 1. All three nodes (each `mariadbd` 10.11 with galera-4, 64 MB buffer pool, "
                  + "performance_schema on) and the client share the same 2 cores, so this shows what spreading costs or "
                  + "saves on one machine, not what three machines would give. %d runs each, alternating, after a warm-up.",
              ROWS,
              WORKERS,
              POOL,
              rounds));
    } finally {
      Hosts.stop(three);
      Hosts.stop(one);
    }
  }

  private static Scale.Load coroutines(WorkerHost host, String name) {
    Provider<Connection> connections =
        host.injector().getProvider(Key.get(Connection.class, Names.named(name)));
    return (total, concurrency) ->
        Scale.closedLoop(
            total,
            concurrency,
            i ->
                host.submit(
                    i % WORKERS,
                    () -> {
                      Scale.request(connections.get(), i);
                      return null;
                    }));
  }

  static JdbcSettings settings(String url, GaleraCluster cluster, String pool) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("jdbcUrl", url);
    map.put("username", cluster.user());
    map.put("password", cluster.password());
    map.put("poolName", pool);
    map.put("maximumPoolSize", POOL);
    map.put("minimumIdle", POOL);
    map.put("connectionTimeout", Hosts.CONNECTION_TIMEOUT_MS);
    map.put("workerdi.reserve", 0);
    return JdbcSettings.fromMap(map);
  }

  private static void fill(GaleraCluster cluster, String db) throws Exception {
    try (Connection c = cluster.node(1).connect(db);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, qty INT NOT NULL) ENGINE=InnoDB");
      s.execute(
          "INSERT INTO items SELECT seq, CONCAT('item-', seq), seq % 97 FROM seq_1_to_" + ROWS);
      s.execute("CREATE TABLE w (id BIGINT PRIMARY KEY AUTO_INCREMENT, port INT) ENGINE=InnoDB");
    }
    cluster.awaitAllSynced();
  }
}
