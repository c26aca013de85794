package dev.workerdi.jdbc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Messages;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.GaleraCluster;
import dev.workerdi.testing.GaleraNode;
import dev.workerdi.testing.GaleraTestCluster;
import dev.workerdi.testing.Golden;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Quorum lost before the pool holds any connection (nodes 2 and 3 frozen with SIGSTOP): the lease's
 * connection is opened during the partition, on node 1 (the frozen nodes do not hold it). A
 * non-Primary node still accepts connections, so the borrow-time quorum check is what fails the
 * lease: {@code DI-340} with the node's {@code wsrep_cluster_status}, before the task's code gets a
 * connection (not "cannot connect", not an acquisition timeout, not the first write). A second
 * borrow fails the same way; once quorum returns the next lease writes.
 */
@ExtendWith(GaleraTestCluster.class)
class QuorumLossAtBorrowTest {
  @Test
  void aLeaseOnANonPrimaryNodeFailsAtTheBorrowWithTheNodesStatus(GaleraCluster cluster)
      throws Exception {
    String db = cluster.createDatabase("qborrow");
    try (Connection c = cluster.node(1).connect(db)) {
      Sql.exec(c, "CREATE TABLE t (id INT PRIMARY KEY)");
    }
    WorkerHost host = Hosts.start("qborrow", ClusterHosts.settings(cluster, db, 1), 1);
    try {
      WorkerPool pool = Hosts.pools(host).get(0);
      assertEquals(0, pool.state().total(), "the pool already holds a connection");
      AtomicInteger handedOut = new AtomicInteger();
      Throwable first;
      Throwable second;
      cluster.node(2).pause();
      cluster.node(3).pause();
      try {
        cluster.node(1).awaitNonPrimary(Duration.ofSeconds(60));
        long started = System.nanoTime();
        first = borrowAndWrite(host, handedOut);
        long failed = System.nanoTime();
        second = borrowAndWrite(host, handedOut);
        System.out.printf(
            "quorum loss at borrow: the first lease (a new connection) failed %d ms after the borrow"
                + " began, the second in %d ms%n",
            (failed - started) / 1_000_000, (System.nanoTime() - failed) / 1_000_000);
      } finally {
        cluster.node(2).resume();
        cluster.node(3).resume();
      }
      assertEquals(0, handedOut.get(), "a lease on a non-Primary node was handed out");
      for (Throwable refused : new Throwable[] {first, second}) {
        DiException quorum = Messages.unwrap(refused);
        assertEquals(ErrorId.QUORUM_LOST, quorum.id(), String.valueOf(refused));
        assertTrue(
            quorum.getMessage().contains("wsrep_cluster_status = non-Primary"),
            quorum.getMessage());
      }
      Golden.assertMatches(
          "jdbc/cluster_quorum_lost_at_borrow",
          Messages.unwrap(first)
              .getMessage()
              .replace(cluster.node(1).address(), "<node1>")
              .replaceAll("wsrep_cluster_size = \\d+", "wsrep_cluster_size = <n>"));
      assertEquals(1, pool.state().total(), "the refused connection was not kept in the pool");

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
        assertEquals(
            List.of(), ClusterHosts.running(node, db), node + ": statements still running");
      }
    } finally {
      ClusterHosts.stop(host);
    }
  }

  /** A coroutine that takes the lease and writes; returns what it threw. */
  private static Throwable borrowAndWrite(WorkerHost host, AtomicInteger handedOut)
      throws InterruptedException {
    try {
      host.submit(
              0,
              () -> {
                Connection c = host.injector().getInstance(Connection.class);
                handedOut.incrementAndGet();
                Sql.exec(c, "INSERT INTO t VALUES (2)");
                return null;
              })
          .get();
      return new AssertionError("the lease wrote on a non-Primary node");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }
}
