package dev.workerdi.jdbc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.testing.GaleraCluster;
import dev.workerdi.testing.GaleraNode;
import dev.workerdi.lifecycle.WorkerHost;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Worker hosts whose {@link JdbcModule} names every node of the test cluster, and SQL helpers. */
final class ClusterHosts {
  private ClusterHosts() {}

  static JdbcSettings settings(GaleraCluster cluster, String db, int poolSize, Object... extra) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("jdbcUrl", cluster.jdbcUrl(db));
    map.put("username", cluster.user());
    map.put("password", cluster.password());
    map.put("maximumPoolSize", poolSize);
    map.put("minimumIdle", 0);
    map.put("workerdi.reserve", 0);
    for (int i = 0; i < extra.length; i += 2) {
      map.put((String) extra[i], extra[i + 1]);
    }
    return JdbcSettings.fromMap(map);
  }

  static WorkerHost start(String name, JdbcSettings settings, int workers) {
    WorkerHost host = WorkerHost.builder().name(name).workers(workers).shutdownHook(false)
        .modules(JdbcModule.of(settings)).build();
    host.start();
    return host;
  }

  static List<WorkerPool> pools(WorkerHost host) throws Exception {
    List<WorkerPool> pools = new ArrayList<>();
    for (int w = 0; w < host.workerCount(); w++) {
      pools.add(host.submit(w, () -> host.injector().getInstance(WorkerPool.class)).get());
    }
    return pools;
  }

  /** Stops the host after checking that no lease is out and no pool connection is active. */
  static void stop(WorkerHost host) throws Exception {
    for (WorkerPool pool : pools(host)) {
      assertEquals(pool.stats().borrowed(), pool.stats().returned(), pool.name() + ": leases out");
      assertEquals(0, pool.state().active(), pool.name() + ": connections active");
    }
    host.stop(Duration.ofSeconds(30));
  }

  /** The SQL port of the node at the other end of {@code connection}. */
  static int port(Connection connection) throws SQLException {
    return (int) number(connection, "SELECT @@port");
  }

  static long number(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  static void exec(Connection connection, String... sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }

  static long count(GaleraNode node, String db, String sql) throws SQLException {
    try (Connection c = node.connect(db)) {
      return number(c, sql);
    }
  }

  /** Statements of {@code user} still running on {@code node} (not idle in {@code Sleep}). */
  static long running(GaleraNode node, String db) throws SQLException {
    return count(node, "", "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '" + db
        + "' AND COMMAND <> 'Sleep' AND ID <> CONNECTION_ID()");
  }
}
