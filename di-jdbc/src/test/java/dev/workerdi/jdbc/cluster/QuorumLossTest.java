package dev.workerdi.jdbc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.GaleraCluster;
import dev.workerdi.testing.GaleraTestCluster;
import dev.workerdi.testing.Golden;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes gone (frozen with SIGSTOP, as a partition looks): the survivor is non-Primary, a
 * lease's statement fails with the library's quorum error naming the node (not the driver's bare
 * text, not an acquisition timeout), and the next leases work again once quorum returns.
 */
@ExtendWith(GaleraTestCluster.class)
class QuorumLossTest {
  @Test
  void quorumLossFailsWithTheQuorumErrorAndLeasesRecover(GaleraCluster cluster) throws Exception {
    String db = cluster.createDatabase("quorum");
    try (Connection c = cluster.node(1).connect(db)) {
      Sql.exec(c, "CREATE TABLE t (id INT PRIMARY KEY)");
    }
    WorkerHost host = Hosts.start("quorum", ClusterHosts.settings(cluster, db, 2), 1);
    try {
      assertNotNull(write(host, 1), "a write before the partition");
      SQLException refused;
      cluster.node(2).pause();
      cluster.node(3).pause();
      try {
        long frozen = System.nanoTime();
        cluster.node(1).awaitNonPrimary(Duration.ofSeconds(60));
        long nonPrimary = System.nanoTime();
        refused = write(host, 2) == null ? lastError : null;
        System.out.printf(
            "quorum loss: node 1 non-Primary %d ms after the freeze; the write failed in %d ms%n",
            (nonPrimary - frozen) / 1_000_000, (System.nanoTime() - nonPrimary) / 1_000_000);
      } finally {
        cluster.node(2).resume();
        cluster.node(3).resume();
      }
      assertNotNull(refused, "a write on a non-Primary node succeeded");
      assertEquals(1047, refused.getErrorCode());
      assertEquals("HY000", refused.getSQLState());
      DiException quorum = assertInstanceOf(DiException.class, refused.getCause());
      assertEquals(ErrorId.QUORUM_LOST, quorum.id());
      Golden.assertMatches(
          "jdbc/cluster_quorum_lost",
          refused.getMessage().replace(cluster.node(1).address(), "<node1>"));

      long resumed = System.nanoTime();
      cluster.awaitAllSynced();
      System.out.printf(
          "quorum loss: the cluster was whole again %d ms after SIGCONT%n",
          (System.nanoTime() - resumed) / 1_000_000);
      assertNotNull(write(host, 3), "a write after quorum returned");
      for (var node : cluster.nodes()) {
        node.awaitSynced(3, Duration.ofSeconds(30));
        assertEquals(
            2,
            ClusterHosts.count(node, db, "SELECT COUNT(*) FROM t WHERE id IN (1, 3)"),
            node.toString());
        assertEquals(
            0,
            ClusterHosts.count(node, db, "SELECT COUNT(*) FROM t WHERE id = 2"),
            node.toString());
      }
    } finally {
      ClusterHosts.stop(host);
    }
  }

  private static volatile SQLException lastError;

  /**
   * Inserts {@code id} in a coroutine; returns the node's port, or null with {@link #lastError}
   * set.
   */
  private static Integer write(WorkerHost host, int id) throws Exception {
    return host.submit(
            () -> {
              Connection c = host.injector().getInstance(Connection.class);
              try {
                Sql.exec(c, "INSERT INTO t VALUES (" + id + ")");
                return ClusterHosts.port(c);
              } catch (SQLException e) {
                lastError = e;
                return null;
              }
            })
        .get();
  }
}
