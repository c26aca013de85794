package dev.workerdi.jdbc.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Key;
import com.google.inject.name.Names;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.Transactions;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Messages;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @Transactional} and {@link Transactions} semantics, each on a real server. */
@RealDatabase
class TransactionalTest {
  private static FreshDatabase db;
  private static WorkerHost host;

  @BeforeAll
  static void start(FreshDatabase database) throws Exception {
    db = database;
    try (Connection c = db.connect()) {
      Sql.exec(c, "CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
    }
    host =
        Hosts.start(
            "tx",
            2,
            JdbcModule.of(Hosts.settings(db, 2, "connectionTimeout", 60_000)),
            JdbcModule.named("audit", Hosts.settings(db, 1, "connectionTimeout", 60_000)),
            new Bank.Stack());
  }

  @AfterAll
  static void stop() throws Exception {
    Hosts.stop(host, db);
  }

  @BeforeEach
  void empty() throws SQLException {
    try (Connection c = db.connect()) {
      Sql.exec(c, "DELETE FROM accounts");
    }
  }

  private static long committed(String where) {
    try (Connection c = db.connect()) {
      return Sql.scalar(c, "SELECT COUNT(*) FROM accounts WHERE " + where);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T inCoroutine(Callable<T> task) throws Exception {
    return host.submit(0, task).get();
  }

  private static Bank.Accounts accounts() {
    return host.injector().getInstance(Bank.Accounts.class);
  }

  /** One use of the accounts, in a coroutine. */
  @FunctionalInterface
  private interface AccountsCall {
    void call(Bank.Accounts accounts) throws Exception;
  }

  /** Runs {@code call} in a coroutine of worker 0 and waits for it. */
  private static void onAccounts(AccountsCall call) throws Exception {
    inCoroutine(
        () -> {
          call.call(accounts());
          return null;
        });
  }

  /** Asserts that {@code call} throws a {@code type} in its coroutine, and returns it. */
  private static <T extends Throwable> T assertThrowsIn(Class<T> type, AccountsCall call) {
    return assertThrows(
        type,
        () -> {
          try {
            onAccounts(call);
          } catch (ExecutionException e) {
            throw e.getCause();
          }
        });
  }

  /** The {@link DiException} of a {@code call} that fails in its coroutine. */
  private static DiException failureIn(AccountsCall call) {
    return Messages.unwrap(assertThrows(Exception.class, () -> onAccounts(call)));
  }

  @Test
  void nestedCallsJoinAndOnlyTheOutermostExitCommits() throws Exception {
    long[] duringOuter = new long[1];
    onAccounts(
        accounts ->
            accounts.insertTwiceThen(1, 2, () -> duringOuter[0] = committed("id IN (1, 2)")));
    assertEquals(0, duringOuter[0], "nothing committed at the nested exit");
    assertEquals(2, committed("id IN (1, 2)"));
  }

  @Test
  void uncheckedExceptionsRollBack() throws Exception {
    IllegalStateException thrown =
        assertThrowsIn(
            IllegalStateException.class,
            accounts -> accounts.insertThenThrow(3, new IllegalStateException("boom")));
    assertEquals("boom", thrown.getMessage());
    assertEquals(0, committed("id = 3"));
  }

  @Test
  void checkedExceptionsRollBackOnlyWhenNamedAndNotWhenExcluded() throws Exception {
    assertThrowsIn(
        IOException.class,
        accounts -> accounts.insertThenThrowChecked(4, new IOException("named")));
    assertEquals(0, committed("id = 4"), "named checked exception: rolled back");

    assertThrowsIn(
        Bank.Declined.class,
        accounts -> accounts.insertThenThrowChecked(5, new Bank.Declined("not named")));
    assertEquals(1, committed("id = 5"), "unnamed checked exception: committed");

    assertThrowsIn(
        FileNotFoundException.class,
        accounts -> accounts.insertThenThrowExcluded(6, new FileNotFoundException("excluded")));
    assertEquals(1, committed("id = 6"), "excluded subclass of a named one: committed");

    assertThrowsIn(
        IOException.class,
        accounts -> accounts.insertThenThrowExcluded(7, new IOException("named")));
    assertEquals(0, committed("id = 7"));

    assertThrowsIn(
        IllegalArgumentException.class,
        accounts ->
            accounts.insertThenThrowExcludedUnchecked(
                8, new IllegalArgumentException("excluded unchecked")));
    assertEquals(1, committed("id = 8"), "excluded unchecked exception: committed");
  }

  @Test
  void aCommitThatFailsIsReportedAndNothingIsKept() throws Exception {
    DiException error =
        failureIn(
            accounts -> {
              long id =
                  Sql.scalar(
                      host.injector().getInstance(Connection.class), "SELECT CONNECTION_ID()");
              accounts.insertThenLoseTheConnection(
                  12,
                  () -> {
                    try (Connection admin = db.connect()) {
                      Sql.exec(admin, "KILL CONNECTION " + id);
                    } catch (SQLException e) {
                      throw new IllegalStateException(e);
                    }
                  });
            });
    assertEquals(ErrorId.TRANSACTION_FAILED, error.id());
    Messages.assertGolden("tx", "commit_failed", error, db);
    assertEquals(0, committed("id = 12"));
    Hosts.assertNothingBorrowed(host);
  }

  @Test
  void aNestedFailureCaughtByTheOuterMethodStillRollsEverythingBack() throws Exception {
    DiException error = failureIn(accounts -> accounts.swallowNestedFailure(10));
    assertEquals(ErrorId.TRANSACTION_ROLLBACK_ONLY, error.id());
    Messages.assertGolden("tx", "rollback_only_after_caught_nested_failure", error, db);
    assertEquals(0, committed("id IN (10, 11)"));
  }

  @Test
  void readOnlyAndIsolationHoldInsideAndAreRestoredAfter() throws Exception {
    String readOnly =
        inCoroutine(
            () -> {
              String inside = accounts().readOnlyInside();
              Connection lease = host.injector().getInstance(Connection.class);
              return inside + " / after: " + lease.isReadOnly() + " " + lease.getAutoCommit();
            });
    assertEquals("true refused / after: false true", readOnly);
    int[] isolation =
        inCoroutine(
            () -> {
              int inside = accounts().isolationInside();
              return new int[] {
                inside, host.injector().getInstance(Connection.class).getTransactionIsolation()
              };
            });
    assertEquals(Connection.TRANSACTION_SERIALIZABLE, isolation[0]);
    assertEquals(Connection.TRANSACTION_REPEATABLE_READ, isolation[1]);
  }

  @Test
  void aNestedCallThatWantsWhatTheOpenTransactionCannotGiveFails() throws Exception {
    DiException writer = failureIn(Bank.Accounts::readOnlyCallsWriter);
    assertEquals(ErrorId.TRANSACTION_CONFLICT, writer.id());
    Messages.assertGolden("tx", "nested_writer_in_read_only", writer, db);
    DiException isolation = failureIn(Bank.Accounts::defaultCallsSerializable);
    assertEquals(ErrorId.TRANSACTION_CONFLICT, isolation.id());
    Messages.assertGolden("tx", "nested_other_isolation", isolation, db);
    assertEquals(0, committed("id = 998"));
  }

  @Test
  void requiresNewInsideAnOpenTransactionIsRefusedBeforeItRuns() throws Exception {
    Bank.Ledger ledger = host.injector().getInstance(Bank.Ledger.class);
    assertSame(ledger.getClass(), host.injector().getInstance(Bank.Ledger.class).getClass());
    DiException error = failureIn(accounts -> accounts.callsRequiresNew(20));
    assertEquals(ErrorId.TRANSACTION_NEEDS_SECOND_CONNECTION, error.id());
    Messages.assertGolden("tx", "requires_new_inside_open_transaction", error, db);
    assertEquals(0, committed("id = 20"));
    inCoroutine(
        () -> {
          host.injector()
              .getInstance(Bank.Ledger.class)
              .requiresNew(21); // none open: it simply runs
          return null;
        });
    assertEquals(1, committed("id = 21"));
    Hosts.assertNothingBorrowed(host);
  }

  @Test
  void commitThroughAConnectionOfTheManagedTransactionIsRefused() throws Exception {
    DiException error = failureIn(Bank.Accounts::commitThroughDataSource);
    assertEquals(ErrorId.TRANSACTION_MANAGED, error.id());
    Messages.assertGolden("tx", "commit_through_managed_connection", error, db);
  }

  @Test
  void jdbiAndJooqStatementsJoinTheTransaction() throws Exception {
    onAccounts(
        accounts -> {
          accounts.jdbiThenMaybeFail(30, false);
          accounts.jooqThenMaybeFail(31, false);
        });
    assertEquals(2, committed("id IN (30, 31)"));
    assertThrows(
        Exception.class, () -> onAccounts(accounts -> accounts.jdbiThenMaybeFail(32, true)));
    assertThrows(
        Exception.class, () -> onAccounts(accounts -> accounts.jooqThenMaybeFail(33, true)));
    assertEquals(
        0, committed("id IN (32, 33)"), "Jdbi's and jOOQ's statements rolled back with the method");
  }

  @Test
  void jdbisTransactionJoinsAndJooqsOwnCommitIsRefused() throws Exception {
    Throwable jdbi =
        assertThrows(
                ExecutionException.class,
                () -> onAccounts(accounts -> accounts.jdbiTransactionInside(34, true)))
            .getCause();
    Throwable jooq =
        assertThrows(
                ExecutionException.class,
                () -> onAccounts(accounts -> accounts.jooqTransactionInside(35)))
            .getCause();
    assertEquals(
        "after Jdbi's useTransaction",
        jdbi.getMessage(),
        "Jdbi joined: its callback ran, nothing committed");
    assertEquals(
        ErrorId.TRANSACTION_MANAGED,
        Messages.unwrap(jooq).id(),
        "jOOQ's own commit was refused: " + jooq);
    assertEquals(0, committed("id IN (34, 35)"));
  }

  @Test
  void theProgrammaticFormCommitsRollsBackAndJoins() throws Exception {
    inCoroutine(
        () -> {
          Transactions transactions = host.injector().getInstance(Transactions.class);
          assertFalse(transactions.isActive());
          Connection[] kept = new Connection[1];
          transactions.inTransaction(
              c -> {
                assertTrue(transactions.isActive());
                Bank.insert(c, 40);
                kept[0] = c;
                return null;
              });
          assertEquals(
              ErrorId.CONNECTION_VIEW_CLOSED,
              assertThrows(DiException.class, kept[0]::createStatement).id(),
              "the callback's connection ends with its transaction");
          assertThrows(
              IOException.class,
              () ->
                  transactions.inTransaction(
                      c -> {
                        Bank.insert(c, 41);
                        throw new IOException("checked, committed");
                      }));
          assertThrows(
              IllegalStateException.class,
              () ->
                  transactions.inTransaction(
                      c -> {
                        Bank.insert(c, 42);
                        throw new IllegalStateException("rolled back");
                      }));
          return null;
        });
    assertEquals(2, committed("id IN (40, 41)"));
    assertEquals(0, committed("id = 42"));
    long[] during = new long[1];
    long sameConnection =
        inCoroutine(() -> accounts().programmaticJoins(43, () -> during[0] = committed("id = 43")));
    assertEquals(1, sameConnection);
    assertEquals(0, during[0], "the joined programmatic call did not commit");
    assertEquals(1, committed("id = 43"));
  }

  @Test
  void aNamedDatabaseHasItsOwnTransactionsOnItsOwnLease() throws Exception {
    long[] ids =
        inCoroutine(
            () -> {
              long inside = host.injector().getInstance(Bank.Audit.class).connectionId();
              long lease =
                  Sql.scalar(
                      host.injector().getInstance(Key.get(Connection.class, Names.named("audit"))),
                      "SELECT CONNECTION_ID()");
              return new long[] {inside, lease};
            });
    assertEquals(ids[1], ids[0]);
  }

  @Test
  void aTransactionOutsideAnyCoroutineFailsFast() {
    DiException error =
        assertThrows(
            DiException.class, () -> accounts().insertThenThrow(50, new IllegalStateException()));
    assertEquals(ErrorId.TRANSACTION_OUTSIDE_COROUTINE, error.id());
    Messages.assertGolden("tx", "transaction_outside_coroutine", error, db);
    DiException programmatic =
        assertThrows(
            DiException.class,
            () -> host.injector().getInstance(Transactions.class).inTransaction(c -> null));
    assertEquals(ErrorId.TRANSACTION_OUTSIDE_COROUTINE, programmatic.id());
  }

  @Test
  void aTransactionLeftOpenByHandWhenTheCoroutineEndsIsRolledBack() throws Exception {
    WorkerPool pool = inCoroutine(() -> host.injector().getInstance(WorkerPool.class));
    long rollbacks = pool.stats().rollbacks();
    inCoroutine(
        () -> {
          Connection lease = host.injector().getInstance(Connection.class);
          lease.setAutoCommit(false);
          Bank.insert(lease, 60);
          return null;
        });
    assertEquals(0, committed("id = 60"));
    assertEquals(rollbacks + 1, pool.stats().rollbacks());
  }
}
