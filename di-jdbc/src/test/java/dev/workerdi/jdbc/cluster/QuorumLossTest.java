package dev.workerdi.jdbc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Messages;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.GaleraCluster;
import dev.workerdi.testing.GaleraTestCluster;
import dev.workerdi.testing.Golden;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes gone (frozen with SIGSTOP, as a partition looks): the survivor is non-Primary. A lease
 * borrowed before the partition fails at its next statement with the library's quorum error naming
 * the node (not the driver's bare text, not an acquisition timeout); that refusal marks the node,
 * so the next borrow fails at once with {@code DI-340} and the node's status; and the next leases
 * work again once quorum returns.
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
      CountDownLatch borrowed = new CountDownLatch(1);
      CountDownLatch partitioned = new CountDownLatch(1);
      CompletableFuture<SQLException> held =
          host.submit(
              () -> {
                Connection c = host.injector().getInstance(Connection.class);
                ClusterHosts.port(c);
                borrowed.countDown();
                partitioned.await();
                try {
                  Sql.exec(c, "INSERT INTO t VALUES (2)");
                  return null;
                } catch (SQLException e) {
                  return e;
                }
              });
      borrowed.await();
      SQLException refused;
      Throwable atBorrow;
      cluster.node(2).pause();
      cluster.node(3).pause();
      try {
        long frozen = System.nanoTime();
        cluster.node(1).awaitNonPrimary(Duration.ofSeconds(60));
        long nonPrimary = System.nanoTime();
        partitioned.countDown();
        refused = held.get();
        long failed = System.nanoTime();
        atBorrow = borrowFailure(host);
        System.out.printf(
            "quorum loss: node 1 non-Primary %d ms after the freeze; a held lease's write failed in"
                + " %d ms, the next borrow in %d ms%n",
            (nonPrimary - frozen) / 1_000_000,
            (failed - nonPrimary) / 1_000_000,
            (System.nanoTime() - failed) / 1_000_000);
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
      DiException borrow = Messages.unwrap(atBorrow);
      assertEquals(ErrorId.QUORUM_LOST, borrow.id(), String.valueOf(atBorrow));
      assertTrue(
          borrow.getMessage().contains("gave no lease on it")
              && borrow.getMessage().contains("wsrep_cluster_status = non-Primary"),
          borrow.getMessage());

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

  /** What a coroutine that takes a lease threw (an AssertionError when it got one). */
  private static Throwable borrowFailure(WorkerHost host) throws InterruptedException {
    try {
      host.submit(() -> host.injector().getInstance(Connection.class)).get();
      return new AssertionError("a lease on a non-Primary node was handed out");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

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
