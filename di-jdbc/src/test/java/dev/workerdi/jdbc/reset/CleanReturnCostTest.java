package dev.workerdi.jdbc.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workerdi.jdbc.ResetPolicy;
import dev.workerdi.jdbc.internal.SessionCleaner.Outcome;
import dev.workerdi.jdbc.reset.CleanedPool.Leased;
import dev.workerdi.jdbc.reset.CleanedPool.Work;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a return costs, counted by the server: the session's {@code Questions} status counter
 * (statements the client sent), read as the last statement of a lease and as the first of the next
 * lease on the same connection, so that only the return (cleaner and HikariCP) lies in between.
 */
@RealDatabase
class CleanReturnCostTest {
  private static final AtomicLong IDS = new AtomicLong();

  @BeforeAll
  static void tables(FreshDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      Sql.exec(c, "CREATE TABLE marks (id BIGINT PRIMARY KEY) ENGINE=InnoDB");
    }
  }

  /**
   * The statements the server counted between the end of {@code work} and the next lease's first
   * statement: what the cleaner (and HikariCP, on return and on borrow) sent.
   */
  static long statementsAfter(CleanedPool pool, Outcome expected, Work<?> work)
      throws SQLException {
    Leased<Long> leased =
        pool.lease(
            c -> {
              work.run(c);
              return questions(c);
            });
    assertEquals(expected, leased.outcome());
    Leased<Long> next = pool.lease(CleanReturnCostTest::questions);
    assertEquals(Outcome.CLEAN, next.outcome(), "reading a status counter is clean");
    return next.value() - leased.value() - 1;
  }

  /** The session's Questions counter, this statement included. */
  private static long questions(Connection c) throws SQLException {
    return Sql.number(
        c,
        "SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS"
            + " WHERE VARIABLE_NAME = 'QUESTIONS'");
  }

  @Test
  void aCleanReturnSendsNoStatement(FreshDatabase db) throws Exception {
    try (CleanedPool pool = CleanedPool.open(db, ResetPolicy.TRACKED, 1)) {
      pool.lease(c -> Sql.number(c, "SELECT 1"));
      assertEquals(
          0, statementsAfter(pool, Outcome.CLEAN, c -> Sql.number(c, "SELECT 1")), "a query");
      assertEquals(
          0,
          statementsAfter(
              pool,
              Outcome.CLEAN,
              c -> {
                try (PreparedStatement select =
                    c.prepareStatement("SELECT COUNT(*) FROM marks WHERE id > ?")) {
                  select.setLong(1, 0);
                  return select.executeQuery().next();
                }
              }),
          "a prepared query");
      assertEquals(
          0,
          statementsAfter(
              pool,
              Outcome.CLEAN,
              c ->
                  Sql.succeeds(
                      c,
                      "START TRANSACTION",
                      "INSERT INTO marks VALUES (" + IDS.incrementAndGet() + ")",
                      "COMMIT")),
          "an SQL transaction");
      assertEquals(
          0,
          statementsAfter(
              pool,
              Outcome.CLEAN,
              c -> {
                c.setAutoCommit(false);
                Sql.exec(c, "INSERT INTO marks VALUES (" + IDS.incrementAndGet() + ")");
                c.commit();
                c.setAutoCommit(true);
                return null;
              }),
          "a JDBC transaction that restores autocommit");
      assertEquals(
          0,
          statementsAfter(
              pool, Outcome.CLEAN, c -> Sql.succeeds(c, "LOCK TABLES marks READ", "UNLOCK TABLES")),
          "table locks taken and released");
    }
  }

  @Test
  void aLeftTransactionCostsOneRollback(FreshDatabase db) throws Exception {
    try (CleanedPool pool = CleanedPool.open(db, ResetPolicy.TRACKED, 1)) {
      pool.lease(c -> Sql.number(c, "SELECT 1"));
      assertEquals(
          1,
          statementsAfter(
              pool,
              Outcome.ROLLED_BACK,
              c ->
                  Sql.succeeds(
                      c,
                      "START TRANSACTION",
                      "INSERT INTO marks VALUES (" + IDS.incrementAndGet() + ")")),
          "ROLLBACK");
      assertEquals(
          2,
          statementsAfter(
              pool,
              Outcome.ROLLED_BACK,
              c -> {
                c.setAutoCommit(false);
                Sql.exec(c, "INSERT INTO marks VALUES (" + IDS.incrementAndGet() + ")");
                return null;
              }),
          "ROLLBACK and SET autocommit=1");
    }
  }

  @Test
  void reportsWhatEachOutcomeCosts(FreshDatabase db) throws Exception {
    int rounds = 500;
    for (ResetPolicy policy : ResetPolicy.values()) {
      try (CleanedPool pool = CleanedPool.open(db, policy, 1);
          Connection side = db.connect()) {
        for (String dirt : new String[] {null, "START TRANSACTION", "SET @x = 1"}) {
          Work<Object> work = c -> dirt == null ? Sql.number(c, "SELECT 1") : Sql.succeeds(c, dirt);
          for (int i = 0; i < rounds; i++) {
            pool.lease(work);
          }
          long questions = globalQuestions(side);
          long started = System.nanoTime();
          Outcome outcome = null;
          for (int i = 0; i < rounds; i++) {
            outcome = pool.lease(work).outcome();
          }
          long micros = (System.nanoTime() - started) / 1000 / rounds;
          double statements = (globalQuestions(side) - questions - 1) / (double) rounds - 1;
          System.out.printf(
              "COST %-11s %-17s -> %-11s %4d us/lease, %.2f statements/return beyond the lease's"
                  + " own (global Questions, %s)%n",
              policy,
              dirt == null ? "SELECT 1" : dirt,
              outcome,
              micros,
              statements,
              db.server().serverVersion());
        }
      }
    }
  }

  private static long globalQuestions(Connection side) throws SQLException {
    return Sql.number(
        side,
        "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
            + " WHERE VARIABLE_NAME = 'QUESTIONS'");
  }
}
