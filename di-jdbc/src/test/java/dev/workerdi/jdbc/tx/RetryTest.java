package dev.workerdi.jdbc.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Messages;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries on a real server: a real InnoDB deadlock (1213), a real lock wait timeout (1205), and a
 * cluster's certification conflict as the server reports it (1213, SQLSTATE 40001, raised here by
 * SIGNAL since one server certifies nothing), plus a bare SQLSTATE 40001. Only retryable methods
 * retry, only serialization failures, and always the whole outermost method.
 */
@RealDatabase
class RetryTest {
  private static FreshDatabase db;
  private static WorkerHost host;

  @BeforeAll
  static void start(FreshDatabase database) throws Exception {
    db = database;
    try (Connection c = db.connect()) {
      Sql.exec(
          c,
          "CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL)",
          "CREATE PROCEDURE wsrep_conflict() SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = "
              + "'WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction'",
          "CREATE PROCEDURE serialization_failure() SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1644, "
              + "MESSAGE_TEXT = 'serialization failure'",
          "CREATE PROCEDURE other_failure() SIGNAL SQLSTATE '45000' SET MYSQL_ERRNO = 1644, "
              + "MESSAGE_TEXT = 'not a serialization failure'");
    }
    host =
        Hosts.start(
            "tx",
            1,
            JdbcModule.of(Hosts.settings(db, 4, "connectionTimeout", 60_000)),
            new Bank.Stack());
  }

  @AfterAll
  static void stop() throws Exception {
    Hosts.stop(host, db);
  }

  @BeforeEach
  void accounts() throws SQLException {
    try (Connection c = db.connect()) {
      Sql.exec(c, "DELETE FROM accounts", "INSERT INTO accounts VALUES (1, 0), (2, 0), (3, 0)");
    }
  }

  private static long[] balances() throws SQLException {
    try (Connection c = db.connect()) {
      long[] balances = new long[3];
      for (int id = 1; id <= 3; id++) {
        balances[id - 1] = Sql.scalar(c, "SELECT balance FROM accounts WHERE id = " + id);
      }
      return balances;
    }
  }

  private static Transfers transfers() {
    return host.injector().getInstance(Transfers.class);
  }

  /** One use of the transfers, in a coroutine. */
  @FunctionalInterface
  private interface TransfersCall {
    void call(Transfers transfers) throws Exception;
  }

  /** Submits {@code call} as a coroutine of worker 0. */
  private static CompletableFuture<Object> submit(TransfersCall call) {
    return host.submit(
        0,
        () -> {
          call.call(transfers());
          return null;
        });
  }

  /** Runs {@code call} in a coroutine of worker 0 and waits for it. */
  private static void onTransfers(TransfersCall call) throws Exception {
    submit(call).get();
  }

  /** Asserts that {@code call} fails in its coroutine, and returns what it threw. */
  private static Throwable failureOf(TransfersCall call) {
    return assertThrows(ExecutionException.class, () -> onTransfers(call)).getCause();
  }

  /** Two transfers in opposite order, each holding its first row when it asks for the second. */
  private static List<Throwable> deadlock(boolean retryable, AtomicInteger runs) throws Exception {
    CyclicBarrier bothLocked = new CyclicBarrier(2);
    List<CompletableFuture<Object>> both = new ArrayList<>();
    for (int[] order : new int[][] {{1, 2}, {2, 1}}) {
      both.add(
          submit(
              transfers -> {
                if (retryable) {
                  transfers.retryableTransfer(order[0], order[1], bothLocked, runs);
                } else {
                  transfers.plainTransfer(order[0], order[1], bothLocked, runs);
                }
              }));
    }
    List<Throwable> failures = new ArrayList<>();
    for (CompletableFuture<Object> transfer : both) {
      try {
        transfer.get();
      } catch (ExecutionException e) {
        failures.add(e.getCause());
      }
    }
    return failures;
  }

  @Test
  void aRealDeadlockRerunsTheRetryableMethodAndBothTransfersCommitOnce() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    assertEquals(List.of(), deadlock(true, runs));
    assertEquals(3, runs.get(), "the deadlock's victim ran twice");
    assertEquals("[2, 2, 0]", Arrays.toString(balances()), "each transfer applied exactly once");
    Hosts.assertNothingBorrowed(host);
  }

  @Test
  void aThousandContendingCoroutinesOnAPoolOfFourEachCommitExactlyOnce() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    List<CompletableFuture<Object>> all = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      boolean forward = i % 2 == 0;
      all.add(submit(transfers -> transfers.addToBoth(forward ? 1 : 2, forward ? 2 : 1, runs)));
    }
    for (CompletableFuture<Object> one : all) {
      one.get();
    }
    assertEquals(
        "[1000, 1000, 0]", Arrays.toString(balances()), "every transaction applied exactly once");
    assertTrue(runs.get() >= 1_000, String.valueOf(runs.get()));
    Hosts.assertNothingBorrowed(host);
    Hosts.assertNoStatementRunning(db);
  }

  @Test
  void aMethodNotMarkedRetryableIsNeverRetried() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    List<Throwable> failures = deadlock(false, runs);
    assertEquals(1, failures.size());
    SQLException deadlock = assertInstanceOfSql(failures.get(0));
    assertEquals(1213, deadlock.getErrorCode());
    assertEquals(2, runs.get());
    assertEquals(
        "[1, 1, 0]", Arrays.toString(balances()), "only the survivor's transfer committed");
  }

  @Test
  void aLockWaitTimeoutIsRetried() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    try (Connection holder = db.connect()) {
      holder.setAutoCommit(false);
      Sql.exec(holder, "UPDATE accounts SET balance = balance WHERE id = 3");
      onTransfers(
          transfers ->
              transfers.updateAfterLockWait(
                  3,
                  runs,
                  () -> {
                    try {
                      holder.commit();
                    } catch (SQLException e) {
                      throw new IllegalStateException(e);
                    }
                  }));
    }
    assertEquals(2, runs.get(), "the first run timed out waiting for the lock (1205)");
    assertEquals("[0, 0, 1]", Arrays.toString(balances()));
  }

  @Test
  void certificationConflictsAndSqlState40001AreRetriedAndTheirWorkIsRedoneOnce() throws Exception {
    for (String procedure : List.of("wsrep_conflict", "serialization_failure")) {
      AtomicInteger runs = new AtomicInteger();
      onTransfers(transfers -> transfers.conflictAfterWork(1, runs, 2, procedure));
      assertEquals(3, runs.get(), procedure);
    }
    assertEquals("[2, 0, 0]", Arrays.toString(balances()), "each method's work committed once");
  }

  @Test
  void afterMaxAttemptsTheLastFailureIsThrownWithANote() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Throwable failure =
        failureOf(transfers -> transfers.conflictAfterWork(2, runs, 100, "wsrep_conflict"));
    assertTrue(failure instanceof UnableToExecuteStatementException, failure.toString());
    assertEquals(4, runs.get());
    DiException note = (DiException) failure.getSuppressed()[0];
    assertEquals(ErrorId.TRANSACTION_RETRIES_EXHAUSTED, note.id());
    Messages.assertGolden("tx", "retries_exhausted", note, db);
    assertEquals("[0, 0, 0]", Arrays.toString(balances()));
  }

  @Test
  void otherFailuresAreNotRetried() throws Exception {
    AtomicInteger duplicate = new AtomicInteger();
    failureOf(transfers -> transfers.duplicateKey(1, duplicate));
    assertEquals(1, duplicate.get());
    AtomicInteger signalled = new AtomicInteger();
    failureOf(transfers -> transfers.conflictAfterWork(1, signalled, 100, "other_failure"));
    assertEquals(1, signalled.get());
    assertEquals("[0, 0, 0]", Arrays.toString(balances()));
  }

  @Test
  void aRetryRerunsTheWholeOutermostMethodNeverANestedPart() throws Exception {
    AtomicInteger nestedRuns = new AtomicInteger();
    Throwable failure = failureOf(transfers -> transfers.plainOuter(1, nestedRuns));
    assertEquals(1213, assertInstanceOfSql(failure).getErrorCode());
    assertEquals(
        1, nestedRuns.get(), "a retryable nested method joined the outer one: not retried alone");

    AtomicInteger outerRuns = new AtomicInteger();
    AtomicInteger innerRuns = new AtomicInteger();
    onTransfers(transfers -> transfers.retryableOuter(2, outerRuns, innerRuns));
    assertEquals(2, outerRuns.get(), "the whole outer method ran again");
    assertEquals(2, innerRuns.get());
    assertEquals("[0, 1, 0]", Arrays.toString(balances()));
  }

  private static SQLException assertInstanceOfSql(Throwable failure) {
    assertTrue(failure instanceof SQLException, String.valueOf(failure));
    return (SQLException) failure;
  }
}
