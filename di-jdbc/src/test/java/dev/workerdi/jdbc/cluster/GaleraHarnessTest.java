package dev.workerdi.jdbc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.GaleraCluster;
import dev.workerdi.testing.GaleraNode;
import dev.workerdi.testing.GaleraTestCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster harness itself: three Synced nodes, replication, and a killed node rejoining by IST.
 */
@ExtendWith(GaleraTestCluster.class)
class GaleraHarnessTest {
  @Test
  void threeNodesReplicateAndAKilledNodeRejoinsByIst(GaleraCluster cluster) throws Exception {
    String db = cluster.createDatabase("harness");
    Set<Long> pids = new HashSet<>();
    for (GaleraNode node : cluster.nodes()) {
      assertEquals("Synced", node.status("wsrep_local_state_comment"), node.toString());
      assertEquals("3", node.status("wsrep_cluster_size"), node.toString());
      pids.add(node.pid());
    }
    assertEquals(3, pids.size());
    exec(cluster.node(1), db, "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (1)");
    assertEquals(1, count(cluster.node(3), db));

    GaleraNode third = cluster.node(3);
    third.kill();
    cluster.node(2).awaitSynced(2, Duration.ofSeconds(60));
    exec(cluster.node(1), db, "INSERT INTO t VALUES (2)", "INSERT INTO t VALUES (3)");
    third.start();
    cluster.awaitAllSynced();
    assertTrue(third.joinedByIst(), "node 3 rejoined by a full SST, not IST:\n" + third.logTail());
    assertNotEquals(-1, third.pid());
    assertEquals(3, count(third, db));
  }

  static void exec(GaleraNode node, String db, String... sql) throws SQLException {
    try (Connection c = node.connect(db);
        Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    }
  }

  static long count(GaleraNode node, String db) throws SQLException {
    try (Connection c = node.connect(db);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM t")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
