package dev.workerdi.jdbc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.TransactionSpec;
import dev.workerdi.jdbc.Transactions;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A 1213 that fails a statement (not the commit) of a transaction on a Galera node, as the caller
 * sees it: named by what the node tells ({@code SHOW WARNINGS} on the same connection). A write set
 * from node 1 that aborts the loser's statement while it runs: 1213 with 1317, {@code DI-342} "in a
 * statement" (the statement is a {@code SLEEP} after the conflicting write; a statement parked in
 * an InnoDB lock wait was not reliably BF-aborted by MariaDB 10.11 here, it sometimes waited out
 * {@code innodb_lock_wait_timeout} instead, so the test does not depend on it). A write set that
 * aborts the loser between its statements, and a local InnoDB deadlock, both list 1213 alone:
 * {@code DI-343} "a deadlock or a Galera certification conflict", never a claim of either. Each
 * keeps the driver's exception (1213, 40001) as its cause; a retryable transaction whose attempts
 * all conflict gets the same with the {@code DI-336} note. The loser always runs in worker 1 (node
 * 2).
 */
@ExtendWith(GaleraTestCluster.class)
class StatementConflictTest {
  @Test
  void aStatementAbortedWhileItRunsIsACertificationConflict(GaleraCluster cluster)
      throws Exception {
    try (Fixture fixture = Fixture.open(cluster, "stmtbf");
        Connection winner = cluster.node(1).connect(fixture.db())) {
      CompletableFuture<Object> loser =
          inTransaction(
              fixture.host(),
              TransactionSpec.defaults(),
              c -> {
                onNode2(cluster, c);
                Sql.exec(c, "UPDATE t SET v = v + 1 WHERE id = 2");
                Sql.exec(c, "SELECT SLEEP(50)"); // runs when node 1's write set arrives
                return null;
              });
      awaitOnNode2(
          cluster,
          "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '"
              + fixture.db()
              + "' AND INFO LIKE 'SELECT SLEEP%'",
          loser);
      Sql.exec(winner, "UPDATE t SET v = v + 100 WHERE id = 2"); // aborts the running statement
      DiException error = failure(loser);
      assertEquals(ErrorId.CERTIFICATION_CONFLICT, error.id(), error.getMessage());
      assertConflict(error.getCause());
      assertGolden(cluster, "jdbc/cluster_certification_conflict_in_statement", error);
      assertRows(cluster, fixture.db(), 0, 100);
    }
  }

  @Test
  void aTransactionAbortedBetweenStatementsIsADeadlockOrAConflict(GaleraCluster cluster)
      throws Exception {
    try (Fixture fixture = Fixture.open(cluster, "stmtidle")) {
      Rounds rounds = new Rounds(cluster, fixture.db());
      CompletableFuture<Object> loser =
          inTransaction(fixture.host(), TransactionSpec.defaults(), rounds::loserAttempt);
      rounds.winAgainst();
      DiException error = failure(loser);
      assertEquals(ErrorId.DEADLOCK_OR_CONFLICT, error.id(), error.getMessage());
      assertEquals(0, error.getSuppressed().length, "a DI-336 note on a transaction run once");
      assertConflict(error.getCause());
      assertGolden(cluster, "jdbc/cluster_deadlock_or_conflict", error);
      assertRows(cluster, fixture.db(), 100, 0);
    }
  }

  @Test
  void aRetryableTransactionWhoseAttemptsAllConflictIsNamedAfterTheLast(GaleraCluster cluster)
      throws Exception {
    try (Fixture fixture = Fixture.open(cluster, "stmtretry")) {
      Rounds rounds = new Rounds(cluster, fixture.db());
      CompletableFuture<Object> loser =
          inTransaction(
              fixture.host(),
              TransactionSpec.defaults().retry(2, Duration.ofMillis(1), Duration.ofMillis(2)),
              rounds::loserAttempt);
      rounds.winAgainst();
      rounds.winAgainst();
      DiException error = failure(loser);
      assertEquals(2, rounds.runs.get(), "attempts");
      assertEquals(ErrorId.DEADLOCK_OR_CONFLICT, error.id(), error.getMessage());
      assertTrue(error.getMessage().contains("attempts:   up to 2"), error.getMessage());
      assertConflict(error.getCause());
      assertEquals(1, error.getSuppressed().length, "the DI-336 note");
      assertEquals(
          ErrorId.TRANSACTION_RETRIES_EXHAUSTED,
          assertInstanceOf(DiException.class, error.getSuppressed()[0]).id());
      assertRows(cluster, fixture.db(), 200, 0);
    }
  }

  @Test
  void aLocalDeadlockOnAGaleraNodeIsNeverCalledACertificationConflict(GaleraCluster cluster)
      throws Exception {
    try (Fixture fixture = Fixture.open(cluster, "stmtlocal");
        Connection other = cluster.node(2).connect(fixture.db())) {
      other.setAutoCommit(false);
      Sql.exec(other, "UPDATE t SET v = v + 1 WHERE id = 2");
      Semaphore firstDone = new Semaphore(0);
      Semaphore otherWaits = new Semaphore(0);
      CompletableFuture<Object> loser =
          inTransaction(
              fixture.host(),
              TransactionSpec.defaults(),
              c -> {
                onNode2(cluster, c);
                Sql.exec(c, "UPDATE t SET v = v + 1 WHERE id = 1");
                firstDone.release();
                acquire(otherWaits);
                Sql.exec(c, "UPDATE t SET v = v + 1 WHERE id = 2"); // closes the cycle: the victim
                return null;
              });
      acquire(firstDone, loser);
      CompletableFuture<Void> blocked = new CompletableFuture<>();
      Thread.ofPlatform()
          .name("stmtlocal-other")
          .start(
              () -> {
                try {
                  Sql.exec(other, "UPDATE t SET v = v + 1 WHERE id = 1");
                  blocked.complete(null);
                } catch (Throwable e) {
                  blocked.completeExceptionally(e);
                }
              });
      awaitOnNode2(
          cluster,
          "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'",
          blocked);
      otherWaits.release();
      DiException error = failure(loser);
      blocked.get(60, TimeUnit.SECONDS);
      other.rollback();
      assertEquals(ErrorId.DEADLOCK_OR_CONFLICT, error.id(), error.getMessage());
      assertConflict(error.getCause());
      assertRows(cluster, fixture.db(), 0, 0);
    }
  }

  /**
   * The loser's attempts and the winner's rounds against them: each attempt updates row 1 and waits
   * until node 1 has committed an update of the same row and node 2 has applied it, then reads.
   */
  private static final class Rounds {
    final GaleraCluster cluster;
    final String db;
    final AtomicInteger runs = new AtomicInteger();
    final Semaphore updated = new Semaphore(0);
    final Semaphore applied = new Semaphore(0);

    Rounds(GaleraCluster cluster, String db) {
      this.cluster = cluster;
      this.db = db;
    }

    Object loserAttempt(Connection c) throws SQLException {
      runs.incrementAndGet();
      Sql.exec(c, "UPDATE t SET v = v + 1 WHERE id = 1");
      updated.release();
      acquire(applied);
      return Sql.number(c, "SELECT v FROM t WHERE id = 1");
    }

    void winAgainst() throws SQLException {
      acquire(updated);
      try (Connection winner = cluster.node(1).connect(db)) {
        Sql.exec(winner, "UPDATE t SET v = v + 100 WHERE id = 1");
      }
      try (Connection c = cluster.node(2).connect(db)) {
        Sql.exec(c, "SET SESSION wsrep_sync_wait = 1");
        Sql.number(c, "SELECT v FROM t WHERE id = 1");
      }
      applied.release();
    }
  }

  @FunctionalInterface
  private interface Work {
    Object run(Connection c) throws SQLException;
  }

  private static CompletableFuture<Object> inTransaction(
      WorkerHost host, TransactionSpec spec, Work work) {
    return host.submit(
        1, () -> host.injector().getInstance(Transactions.class).inTransaction(spec, work::run));
  }

  private static DiException failure(CompletableFuture<Object> loser) throws Exception {
    try {
      throw new AssertionError("the loser committed: " + loser.get(60, TimeUnit.SECONDS));
    } catch (ExecutionException e) {
      return assertInstanceOf(DiException.class, e.getCause(), String.valueOf(e.getCause()));
    }
  }

  private static void assertConflict(Throwable cause) {
    SQLTransactionRollbackException conflict =
        assertInstanceOf(SQLTransactionRollbackException.class, cause, String.valueOf(cause));
    assertEquals(1213, conflict.getErrorCode());
    assertEquals("40001", conflict.getSQLState());
  }

  /** Fails the transaction at once unless it runs on node 2, where the test expects it. */
  private static void onNode2(GaleraCluster cluster, Connection c) throws SQLException {
    String node = "127.0.0.1:" + Sql.number(c, "SELECT @@port");
    if (!node.equals(cluster.node(2).address())) {
      throw new IllegalStateException("worker 1's lease is on " + node + ", not on node 2");
    }
  }

  /**
   * Waits (up to 60 s) until {@code count} is positive on node 2, asked over a connection that does
   * not wait for the node to catch up with the cluster (a stuck applier must not hang the test);
   * fails early, with what node 2 shows, when {@code party} ends first.
   */
  private static void awaitOnNode2(GaleraCluster cluster, String count, Future<?> party)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try (Connection c = ClusterHosts.observer(cluster, cluster.node(2))) {
      while (Sql.number(c, count) == 0) {
        if (party.isDone() || System.nanoTime() > deadline) {
          throw new AssertionError(
              "never seen on node 2: "
                  + count
                  + "; "
                  + (party.isDone() ? "the other side ended: " + outcome(party) : "after 60 s")
                  + "; node 2: "
                  + ClusterHosts.sessions(c));
        }
        Thread.sleep(5);
      }
    }
  }

  private static String outcome(Future<?> party) {
    try {
      return "returned " + party.get();
    } catch (ExecutionException e) {
      return String.valueOf(e.getCause());
    } catch (InterruptedException | CancellationException e) {
      return String.valueOf(e);
    }
  }

  /** {@link #acquire(Semaphore)}, failing early when {@code party} ends first. */
  private static void acquire(Semaphore semaphore, Future<?> party) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!semaphore.tryAcquire(50, TimeUnit.MILLISECONDS)) {
      if (party.isDone() || System.nanoTime() > deadline) {
        throw new AssertionError(
            "the other side never got there: "
                + (party.isDone() ? "it ended: " + outcome(party) : "60 s"));
      }
    }
  }

  private static void acquire(Semaphore semaphore) {
    try {
      if (!semaphore.tryAcquire(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other side never got there");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Rows 1 and 2 hold {@code one} and {@code two} on every node; nothing runs there. */
  private static void assertRows(GaleraCluster cluster, String db, long one, long two)
      throws Exception {
    for (GaleraNode node : cluster.nodes()) {
      node.awaitSynced(3, Duration.ofSeconds(30));
      assertEquals(one, ClusterHosts.count(node, db, "SELECT v FROM t WHERE id = 1"), node + "");
      assertEquals(two, ClusterHosts.count(node, db, "SELECT v FROM t WHERE id = 2"), node + "");
      assertEquals(List.of(), ClusterHosts.running(node, db), node + ": statements still running");
    }
  }

  /** The error's message against golden file {@code name}, node 2's address as {@code <node2>}. */
  private static void assertGolden(GaleraCluster cluster, String name, DiException error) {
    Golden.assertMatches(name, error.getMessage().replace(cluster.node(2).address(), "<node2>"));
  }

  /**
   * A new database named after {@code hint} with table {@code t} (rows 1 and 2 at 0), and a host of
   * that name: 2 workers, pools of 2 on it; closing stops the host.
   */
  private record Fixture(String db, WorkerHost host) implements AutoCloseable {
    static Fixture open(GaleraCluster cluster, String hint) throws Exception {
      String db = cluster.createDatabase(hint);
      try (Connection c = cluster.node(1).connect(db)) {
        Sql.exec(
            c,
            "CREATE TABLE t (id INT PRIMARY KEY, v BIGINT NOT NULL)",
            "INSERT INTO t VALUES (1, 0), (2, 0)");
      }
      return new Fixture(db, Hosts.start(hint, ClusterHosts.settings(cluster, db, 2), 2));
    }

    @Override
    public void close() throws Exception {
      ClusterHosts.stop(host);
    }
  }
}
