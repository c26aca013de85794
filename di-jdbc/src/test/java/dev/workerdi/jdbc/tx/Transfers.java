package dev.workerdi.jdbc.tx;

import dev.workerdi.jdbc.Transactional;
import dev.workerdi.jdbc.support.Sql;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/** Guice-built transactional methods that meet real serialization failures, counting their runs. */
class Transfers {
  @Inject Provider<Connection> connection;
  @Inject Provider<Jdbi> jdbi;
  @Inject Nested nested;

  /**
   * Locks {@code first}, waits until the other transfer locked its first, then locks {@code
   * second}.
   */
  @Transactional(maxAttempts = 5, backoffMillis = 5)
  void retryableTransfer(int first, int second, CyclicBarrier bothLocked, AtomicInteger runs)
      throws Exception {
    transfer(first, second, bothLocked, runs);
  }

  @Transactional
  void plainTransfer(int first, int second, CyclicBarrier bothLocked, AtomicInteger runs)
      throws Exception {
    transfer(first, second, bothLocked, runs);
  }

  private void transfer(int first, int second, CyclicBarrier bothLocked, AtomicInteger runs)
      throws Exception {
    boolean firstRun = runs.incrementAndGet() <= 2;
    add(first);
    if (firstRun) {
      bothLocked.await(30, TimeUnit.SECONDS);
    }
    add(second);
  }

  /** Moves nothing: adds 1 to both rows, in the order given, so opposite orders can deadlock. */
  @Transactional(maxAttempts = 50, backoffMillis = 2)
  void addToBoth(int first, int second, AtomicInteger runs) throws SQLException {
    runs.incrementAndGet();
    add(first);
    add(second);
  }

  /**
   * The first run waits for a row lock until innodb_lock_wait_timeout (1 s); the second finds it
   * free.
   */
  @Transactional(maxAttempts = 3, backoffMillis = 1)
  void updateAfterLockWait(int id, AtomicInteger runs, Runnable releaseLock) throws SQLException {
    if (runs.incrementAndGet() == 1) {
      Sql.exec(connection.get(), "SET SESSION innodb_lock_wait_timeout = 1");
    } else {
      releaseLock.run();
    }
    add(id);
  }

  /**
   * Adds 1 to {@code id}, then fails with {@code procedure}'s error on the first {@code failures}
   * runs.
   */
  @Transactional(maxAttempts = 4, backoffMillis = 1)
  void conflictAfterWork(int id, AtomicInteger runs, int failures, String procedure)
      throws SQLException {
    add(id);
    if (runs.incrementAndGet() <= failures) {
      jdbi.get().useHandle(h -> h.execute("CALL " + procedure + "()"));
    }
  }

  @Transactional(maxAttempts = 4, backoffMillis = 1)
  void duplicateKey(int id, AtomicInteger runs) throws SQLException {
    runs.incrementAndGet();
    Sql.exec(connection.get(), "INSERT INTO accounts VALUES (" + id + ", 0)");
  }

  /** Not retryable itself: a nested retryable method's failure is not retried either. */
  @Transactional
  void plainOuter(int id, AtomicInteger nestedRuns) throws SQLException {
    nested.retryableConflict(id, nestedRuns);
  }

  /** Retryable: a failure in its nested (not retryable) part re-runs this whole method. */
  @Transactional(maxAttempts = 3, backoffMillis = 1)
  void retryableOuter(int id, AtomicInteger outerRuns, AtomicInteger nestedRuns)
      throws SQLException {
    outerRuns.incrementAndGet();
    add(id);
    nested.plainConflict(id, nestedRuns);
  }

  private void add(int id) throws SQLException {
    Sql.exec(connection.get(), "UPDATE accounts SET balance = balance + 1 WHERE id = " + id);
  }

  /** The nested side of the retry tests. */
  static class Nested {
    @Inject Provider<Connection> connection;

    @Transactional(maxAttempts = 5, backoffMillis = 1)
    void retryableConflict(int id, AtomicInteger runs) throws SQLException {
      if (runs.incrementAndGet() == 1) {
        Sql.exec(connection.get(), "CALL wsrep_conflict()");
      }
    }

    @Transactional
    void plainConflict(int id, AtomicInteger runs) throws SQLException {
      if (runs.incrementAndGet() == 1) {
        Sql.exec(connection.get(), "CALL wsrep_conflict()");
      }
    }
  }
}
