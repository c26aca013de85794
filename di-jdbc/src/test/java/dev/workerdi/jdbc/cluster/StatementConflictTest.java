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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
                Sql.exec(c, "UPDATE t SET v = v + 1 WHERE id = 2");
                Sql.exec(c, "SELECT SLEEP(50)"); // runs when node 1's write set arrives
                return null;
              });
      awaitSleeping(cluster.node(2), fixture.db());
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
                Sql.exec(c, "UPDATE t SET v = v + 1 WHERE id = 1");
                firstDone.release();
                acquire(otherWaits);
                Sql.exec(c, "UPDATE t SET v = v + 1 WHERE id = 2"); // closes the cycle: the victim
                return null;
              });
      acquire(firstDone);
      CompletableFuture<Void> blocked =
          CompletableFuture.runAsync(
              () -> {
                try {
                  Sql.exec(other, "UPDATE t SET v = v + 1 WHERE id = 1");
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      awaitLockWait(cluster.node(2));
      otherWaits.release();
      DiException error = failure(loser);
      blocked.get();
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

  private static void awaitLockWait(GaleraNode node) throws Exception {
    try (Connection c = node.connect("")) {
      while (Sql.number(
              c, "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'")
          == 0) {
        Thread.sleep(5);
      }
    }
  }

  private static void awaitSleeping(GaleraNode node, String db) throws Exception {
    try (Connection c = node.connect("")) {
      while (Sql.number(
              c,
              "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '"
                  + db
                  + "' AND INFO LIKE 'SELECT SLEEP%'")
          == 0) {
        Thread.sleep(5);
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
