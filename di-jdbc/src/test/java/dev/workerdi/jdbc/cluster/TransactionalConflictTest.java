package dev.workerdi.jdbc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.GaleraCluster;
import dev.workerdi.testing.GaleraNode;
import dev.workerdi.testing.GaleraTestCluster;
import dev.workerdi.testing.Golden;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Certification conflicts under {@code @Transactional}: two coroutines on different nodes update
 * the same row in a method of a Guice-built class. Retryable: the loser's whole method runs again
 * and each update is applied exactly once, on every node. Not retryable: the loser fails with the
 * conflict named and only the winner's update is applied. Each round proves its conflict by
 * counting runs.
 */
@ExtendWith(GaleraTestCluster.class)
class TransactionalConflictTest {
  private static final int ROUNDS = 8;
  private static final CountDownLatch OPEN = new CountDownLatch(0);

  @Test
  void aRetryableMethodIsReRunAndBothUpdatesAreAppliedExactlyOnce(GaleraCluster cluster)
      throws Exception {
    String db = tables(cluster, "txretry");
    WorkerHost host = Hosts.start("txretry", ClusterHosts.settings(cluster, db, 2), 2);
    try {
      int conflicts = 0;
      for (int round = 1; round <= ROUNDS; round++) {
        AtomicInteger runsA = new AtomicInteger();
        AtomicInteger runsB = new AtomicInteger();
        CountDownLatch meet = new CountDownLatch(2);
        int r = round;
        CompletableFuture<Integer> a =
            host.submit(
                0,
                () ->
                    tally(host)
                        .addRetrying(new Tally.Call(r, "a", 1, runsA, meet, OPEN, r % 2 == 0)));
        CompletableFuture<Integer> b =
            host.submit(
                1,
                () ->
                    tally(host)
                        .addRetrying(new Tally.Call(r, "b", 1000, runsB, meet, OPEN, r % 2 == 0)));
        assertNotEquals(
            a.get(), b.get(), "round " + round + ": both coroutines ran on the same node");
        int runs = runsA.get() + runsB.get();
        assertTrue(runs >= 3, "round " + round + ": no conflict happened (" + runs + " runs)");
        assertTrue(
            runsA.get() == 1 || runsB.get() == 1,
            "round " + round + ": both lost (" + runsA + ", " + runsB + ")");
        conflicts += runs - 2;
      }
      System.out.printf(
          "certification conflicts under @Transactional(maxAttempts = 10): %d rounds, %d re-runs%n",
          ROUNDS, conflicts);
      for (GaleraNode node : cluster.nodes()) {
        node.awaitSynced(3, Duration.ofSeconds(30));
        assertEquals(
            ROUNDS * 1001L,
            ClusterHosts.count(node, db, "SELECT balance FROM account WHERE id = 1"),
            node.toString());
        assertEquals(
            2L * ROUNDS,
            ClusterHosts.count(node, db, "SELECT COUNT(*) FROM history"),
            node.toString());
        assertEquals(
            2L * ROUNDS,
            ClusterHosts.count(node, db, "SELECT COUNT(DISTINCT round, who) FROM history"),
            node.toString());
        assertEquals(
            List.of(), ClusterHosts.running(node, db), node + ": statements still running");
      }
    } finally {
      ClusterHosts.stop(host);
    }
  }

  @Test
  void aMethodThatIsNotRetryableFailsAtCommitWithTheConflictNamed(GaleraCluster cluster)
      throws Exception {
    String db = tables(cluster, "txcommit");
    Throwable lost = notRetried(cluster, db, "txcommit", false);
    DiException error = assertInstanceOf(DiException.class, lost, String.valueOf(lost));
    assertEquals(ErrorId.CERTIFICATION_CONFLICT, error.id());
    assertTrue(
        error.getMessage().contains("node:       " + cluster.node(2).address()),
        error.getMessage());
    assertEquals(
        0, error.getSuppressed().length, "a DI-336 note on a method that was never retried");
    assertConflict(error.getCause());
    Golden.assertMatches(
        "jdbc/cluster_certification_conflict_at_commit",
        error.getMessage().replace(db, "<db>").replace(cluster.node(2).address(), "<node2>"));
  }

  @Test
  void aMethodThatIsNotRetryableFailsInItsNextStatementNamingADeadlockOrAConflict(
      GaleraCluster cluster) throws Exception {
    String db = tables(cluster, "txstatement");
    Throwable lost = notRetried(cluster, db, "txstatement", true);
    DiException error = assertInstanceOf(DiException.class, lost, String.valueOf(lost));
    // aborted between statements: the node's warnings cannot tell it from a deadlock
    assertEquals(ErrorId.DEADLOCK_OR_CONFLICT, error.id(), error.getMessage());
    assertEquals(
        0, error.getSuppressed().length, "a DI-336 note on a method that was never retried");
    assertConflict(error.getCause());
  }

  /**
   * {@code ROUNDS} rounds of a call on node 1 that commits first and one on node 2 that waits until
   * node 2 has applied that commit (then reads, if {@code readAfterWaiting}) and fails; returns the
   * last round's failure.
   */
  private static Throwable notRetried(
      GaleraCluster cluster, String db, String name, boolean readAfterWaiting) throws Exception {
    WorkerHost host = Hosts.start(name, ClusterHosts.settings(cluster, db, 2), 2);
    Throwable lost = null;
    try {
      for (int round = 1; round <= ROUNDS; round++) {
        AtomicInteger runsA = new AtomicInteger();
        AtomicInteger runsB = new AtomicInteger();
        CountDownLatch meet = new CountDownLatch(2);
        CountDownLatch committed = new CountDownLatch(1);
        int r = round;
        CompletableFuture<Integer> a =
            host.submit(
                0,
                () -> {
                  try {
                    return tally(host).addOnce(new Tally.Call(r, "a", 1, runsA, meet, OPEN, false));
                  } finally {
                    try {
                      appliedOn(cluster.node(2), db);
                    } finally {
                      committed.countDown();
                    }
                  }
                });
        CompletableFuture<Integer> b =
            host.submit(
                1,
                () ->
                    tally(host)
                        .addOnce(
                            new Tally.Call(
                                r, "b", 1000, runsB, meet, committed, readAfterWaiting)));
        assertEquals(cluster.node(1).port(), a.get(), "round " + round + ": the winner");
        lost = assertInstanceOf(ExecutionException.class, catchFailure(b)).getCause();
        assertEquals(1, runsA.get(), "round " + round);
        assertEquals(1, runsB.get(), "round " + round + ": a method without maxAttempts ran again");
        assertConflict(lost instanceof DiException ? lost.getCause() : lost);
      }
      for (GaleraNode node : cluster.nodes()) {
        node.awaitSynced(3, Duration.ofSeconds(30));
        assertEquals(
            ROUNDS,
            ClusterHosts.count(node, db, "SELECT balance FROM account WHERE id = 1"),
            node.toString());
        assertEquals(
            ROUNDS,
            ClusterHosts.count(node, db, "SELECT COUNT(*) FROM history WHERE who = 'a'"),
            node.toString());
        assertEquals(
            0,
            ClusterHosts.count(node, db, "SELECT COUNT(*) FROM history WHERE who = 'b'"),
            node.toString());
        assertEquals(
            List.of(), ClusterHosts.running(node, db), node + ": statements still running");
      }
    } finally {
      ClusterHosts.stop(host);
    }
    return lost;
  }

  /**
   * Returns once {@code node} has applied every write set committed so far ({@code
   * wsrep_sync_wait}), so the loser there has been aborted before it goes on: its next statement,
   * or its commit, fails.
   */
  private static void appliedOn(GaleraNode node, String db) throws SQLException {
    try (Connection c = node.connect(db)) {
      Sql.exec(c, "SET SESSION wsrep_sync_wait = 1");
      Sql.number(c, "SELECT balance FROM account WHERE id = 1");
    }
  }

  /** The driver's own certification-conflict error: 1213, SQLState 40001, the server's text. */
  private static void assertConflict(Throwable failure) {
    SQLTransactionRollbackException conflict =
        assertInstanceOf(SQLTransactionRollbackException.class, failure, String.valueOf(failure));
    assertEquals(1213, conflict.getErrorCode());
    assertEquals("40001", conflict.getSQLState());
    assertEquals(
        "Deadlock found when trying to get lock; try restarting transaction",
        conflict.getMessage());
  }

  private static Throwable catchFailure(CompletableFuture<?> future) {
    try {
      return new AssertionError("the loser committed: " + future.get());
    } catch (Exception e) {
      return e;
    }
  }

  private static Tally tally(WorkerHost host) {
    return host.injector().getInstance(Tally.class);
  }

  private static String tables(GaleraCluster cluster, String hint) throws Exception {
    String db = cluster.createDatabase(hint);
    try (Connection c = cluster.node(1).connect(db)) {
      Sql.exec(
          c,
          "CREATE TABLE account (id INT PRIMARY KEY, balance BIGINT NOT NULL)",
          "INSERT INTO account VALUES (1, 0)",
          "CREATE TABLE history (seq BIGINT AUTO_INCREMENT PRIMARY KEY, round INT NOT NULL, who CHAR(1) NOT NULL)");
    }
    return db;
  }
}
