package dev.workerdi.jdbc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.GaleraCluster;
import dev.workerdi.testing.GaleraNode;
import dev.workerdi.testing.GaleraTestCluster;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Leases on a URL naming the three nodes: the workers' pools spread over the nodes, writes work on
 * every node, and the session is one node's for the whole lease. (The owner check, fan-out and the
 * pollution battery run on the cluster too: the -Pcluster profile runs their suites on this URL.)
 */
@ExtendWith(GaleraTestCluster.class)
class ClusterLeasesTest {
  @Test
  void eachWorkerPrefersAnotherNodeAndWritesEverywhere(GaleraCluster cluster) throws Exception {
    String db = cluster.createDatabase("leases");
    try (Connection c = cluster.node(1).connect(db)) {
      Sql.exec(c, "CREATE TABLE t (id BIGINT PRIMARY KEY AUTO_INCREMENT, worker INT, port INT)");
    }
    WorkerHost host = Hosts.start("spread", ClusterHosts.settings(cluster, db, 4), 3);
    try {
      List<CompletableFuture<Integer>> writes = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        int worker = i % 3;
        writes.add(
            host.submit(
                worker,
                () -> {
                  Connection c = host.injector().getInstance(Connection.class);
                  int port = ClusterHosts.port(c);
                  Sql.exec(
                      c,
                      "CREATE TEMPORARY TABLE mine (x INT)",
                      "INSERT INTO t (worker, port) VALUES (" + worker + ", " + port + ")",
                      "INSERT INTO mine VALUES (1)");
                  assertEquals(port, ClusterHosts.port(c), "the lease moved to another node");
                  assertEquals(1, Sql.scalar(c, "SELECT COUNT(*) FROM mine"));
                  return port;
                }));
      }
      for (int i = 0; i < writes.size(); i++) {
        assertEquals(
            cluster.node(i % 3 + 1).port(), writes.get(i).get(), "worker " + (i % 3) + "'s node");
      }
      for (GaleraNode node : cluster.nodes()) {
        node.awaitSynced(3, Duration.ofSeconds(30));
        assertEquals(300, ClusterHosts.count(node, db, "SELECT COUNT(*) FROM t"), node.toString());
      }
      Set<Long> ports = new TreeSet<>();
      try (Connection c = cluster.node(2).connect(db)) {
        try (var s = c.createStatement();
            var rows = s.executeQuery("SELECT DISTINCT port FROM t")) {
          while (rows.next()) {
            ports.add(rows.getLong(1));
          }
        }
      }
      assertEquals(3, ports.size(), "every node took writes: " + ports);
    } finally {
      ClusterHosts.stop(host);
    }
  }
}
