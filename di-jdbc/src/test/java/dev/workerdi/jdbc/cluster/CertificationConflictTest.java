package dev.workerdi.jdbc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.workerdi.core.DiException;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.GaleraCluster;
import dev.workerdi.testing.GaleraNode;
import dev.workerdi.testing.GaleraTestCluster;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two coroutines on different nodes update the same row: Galera certifies the first commit and
 * aborts the other, which fails with the driver's own {@code SQLTransactionRollbackException}
 * (1213, SQLState 40001) — the same error as an InnoDB deadlock, passed through unwrapped, so a
 * transaction policy that retries deadlocks retries certification conflicts too. The first update
 * is applied once on every node and the loser's not at all; both leases return clean.
 */
@ExtendWith(GaleraTestCluster.class)
class CertificationConflictTest {
  @Test
  void theLoserGets1213AndOnlyTheWinnerIsApplied(GaleraCluster cluster) throws Exception {
    String db = cluster.createDatabase("conflict");
    try (Connection c = cluster.node(1).connect(db)) {
      Sql.exec(
          c,
          "CREATE TABLE account (id INT PRIMARY KEY, balance INT)",
          "INSERT INTO account VALUES (1, 0)");
    }
    WorkerHost host = Hosts.start("conflict", ClusterHosts.settings(cluster, db, 2), 2);
    try {
      CountDownLatch bothUpdated = new CountDownLatch(2);
      CountDownLatch firstCommitted = new CountDownLatch(1);
      CompletableFuture<Integer> first =
          host.submit(
              0,
              () -> {
                Connection c = host.injector().getInstance(Connection.class);
                c.setAutoCommit(false);
                Sql.exec(c, "UPDATE account SET balance = balance + 1 WHERE id = 1");
                bothUpdated.countDown();
                bothUpdated.await();
                c.commit();
                firstCommitted.countDown();
                return ClusterHosts.port(c);
              });
      CompletableFuture<SQLException> second =
          host.submit(
              1,
              () -> {
                Connection c = host.injector().getInstance(Connection.class);
                c.setAutoCommit(false);
                Sql.exec(c, "UPDATE account SET balance = balance + 10 WHERE id = 1");
                bothUpdated.countDown();
                bothUpdated.await();
                firstCommitted.await();
                try {
                  c.commit();
                  return null;
                } catch (SQLException e) {
                  return e;
                }
              });
      assertEquals(cluster.node(1).port(), first.get());
      SQLException lost = second.get();
      assertInstanceOf(
          SQLTransactionRollbackException.class,
          lost,
          "the loser's commit succeeded or failed otherwise");
      assertEquals(1213, lost.getErrorCode());
      assertEquals("40001", lost.getSQLState());
      assertFalse(lost.getMessage().startsWith("[DI-"), "wrapped: " + lost.getMessage());
      for (Throwable cause = lost; cause != null; cause = cause.getCause()) {
        assertFalse(cause instanceof DiException, "the library wrapped the conflict: " + cause);
      }
      for (GaleraNode node : cluster.nodes()) {
        node.awaitSynced(3, Duration.ofSeconds(30));
        assertEquals(
            1,
            ClusterHosts.count(node, db, "SELECT balance FROM account WHERE id = 1"),
            node.toString());
      }
      Integer next =
          host.submit(
                  1,
                  () -> {
                    Connection c = host.injector().getInstance(Connection.class);
                    assertEquals(
                        1,
                        Sql.scalar(c, "SELECT @@autocommit"),
                        "the loser's lease returned dirty");
                    Sql.exec(c, "UPDATE account SET balance = balance + 10 WHERE id = 1");
                    return ClusterHosts.port(c);
                  })
              .get();
      assertEquals(cluster.node(2).port(), next);
      assertEquals(
          11, ClusterHosts.count(cluster.node(2), db, "SELECT balance FROM account WHERE id = 1"));
    } finally {
      ClusterHosts.stop(host);
    }
  }
}
