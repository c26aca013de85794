package dev.workerdi.jdbc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.GaleraCluster;
import dev.workerdi.testing.GaleraNode;
import dev.workerdi.testing.GaleraTestCluster;
import dev.workerdi.testing.Golden;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Quorum lost before the pool holds any connection (nodes 2 and 3 frozen with SIGSTOP): the lease's
 * connection is opened during the partition. A non-Primary MariaDB node still accepts connections
 * and statements that touch no table ({@code SET}, {@code SHOW}, {@code SELECT @@port}), so the
 * borrow itself succeeds, on node 1 (the frozen nodes do not hold it); the first write fails with
 * the library's quorum error ({@code DI-340}), not "cannot connect" nor an acquisition timeout.
 * Once quorum returns the next lease writes.
 */
@ExtendWith(GaleraTestCluster.class)
class QuorumLossAtBorrowTest {
  @Test
  void aConnectionOpenedDuringTheQuorumLossFailsWithTheQuorumError(GaleraCluster cluster)
      throws Exception {
    String db = cluster.createDatabase("qborrow");
    try (Connection c = cluster.node(1).connect(db)) {
      Sql.exec(c, "CREATE TABLE t (id INT PRIMARY KEY)");
    }
    WorkerHost host = Hosts.start("qborrow", ClusterHosts.settings(cluster, db, 1), 1);
    try {
      WorkerPool pool = Hosts.pools(host).get(0);
      assertEquals(0, pool.state().total(), "the pool already holds a connection");
      AtomicReference<Integer> borrowedOn = new AtomicReference<>();
      SQLException refused;
      cluster.node(2).pause();
      cluster.node(3).pause();
      try {
        cluster.node(1).awaitNonPrimary(Duration.ofSeconds(60));
        long started = System.nanoTime();
        refused =
            host.submit(
                    0,
                    () -> {
                      Connection c = host.injector().getInstance(Connection.class);
                      borrowedOn.set(ClusterHosts.port(c));
                      try {
                        Sql.exec(c, "INSERT INTO t VALUES (2)");
                        return null;
                      } catch (SQLException e) {
                        return e;
                      }
                    })
                .get();
        System.out.printf(
            "quorum loss at borrow: the first write of a new connection failed %d ms after the borrow"
                + " began%n",
            (System.nanoTime() - started) / 1_000_000);
      } finally {
        cluster.node(2).resume();
        cluster.node(3).resume();
      }
      assertEquals(cluster.node(1).port(), borrowedOn.get(), "the borrow went to another node");
      assertNotNull(refused, "a write on a non-Primary node succeeded");
      assertEquals(1047, refused.getErrorCode());
      DiException quorum = assertInstanceOf(DiException.class, refused.getCause());
      assertEquals(ErrorId.QUORUM_LOST, quorum.id());
      Golden.assertMatches(
          "jdbc/cluster_quorum_lost_new_connection",
          refused.getMessage().replace(cluster.node(1).address(), "<node1>"));

      cluster.awaitAllSynced();
      Integer port =
          host.submit(
                  0,
                  () -> {
                    Connection c = host.injector().getInstance(Connection.class);
                    Sql.exec(c, "INSERT INTO t VALUES (3)");
                    return ClusterHosts.port(c);
                  })
              .get();
      assertEquals(cluster.node(1).port(), port);
      for (GaleraNode node : cluster.nodes()) {
        node.awaitSynced(3, Duration.ofSeconds(30));
        assertEquals(
            1,
            ClusterHosts.count(node, db, "SELECT COUNT(*) FROM t WHERE id = 3"),
            node.toString());
        assertEquals(
            0,
            ClusterHosts.count(node, db, "SELECT COUNT(*) FROM t WHERE id = 2"),
            node.toString());
        assertEquals(0, ClusterHosts.running(node, db), node + ": statements still running");
      }
    } finally {
      ClusterHosts.stop(host);
    }
  }
}
