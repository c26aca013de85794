package dev.workerdi.jdbc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.ConnectionBudget;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.Golden;
import dev.workerdi.testing.RealDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The connection budget against the real max_connections, and recovery after connections are
 * killed.
 */
@RealDatabase
class BudgetAndRecoveryTest {

  static int maxConnections(FreshDatabase db) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT @@max_connections")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  @Test
  void budgetPassesWarnsAndFailsAgainstTheRealServer(FreshDatabase db) throws Exception {
    int max = maxConnections(db);
    ConnectionBudget.Report fits = ConnectionBudget.check(Hosts.settings(db, 2), 2);
    assertEquals(max, fits.maxConnections());
    assertFalse(fits.overLimit());
    assertFalse(fits.nearLimit());

    int nearPool = (int) Math.ceil(0.9 * max) / 2;
    ConnectionBudget.Report near = ConnectionBudget.check(Hosts.settings(db, nearPool), 2);
    assertTrue(near.nearLimit(), near.arithmetic());

    JdbcSettings tooMany = Hosts.settings(db, max, "workerdi.reserve", 10, "workerdi.instances", 2);
    DiException over = assertThrows(DiException.class, () -> ConnectionBudget.check(tooMany, 3));
    assertEquals(ErrorId.BUDGET_EXCEEDED, over.id());
    long held =
        Long.parseLong(
            over.getMessage().replaceAll("(?s).* \\+ (\\d+) open by other sessions.*", "$1"));
    Golden.assertMatches(
        "jdbc/budget_exceeded",
        over.getMessage()
            .replace(String.valueOf((3 * max + 1) * 2 + 10 + held), "NEEDED")
            .replace(String.valueOf(max), "MAX")
            .replace("+ " + held + " open by", "+ HELD open by"));
  }

  @Test
  void overBudgetStopsTheHostBeforeAnyWorkerStarts(FreshDatabase db) throws Exception {
    int max = maxConnections(db);
    WorkerHost host =
        WorkerHost.builder()
            .workers(2)
            .shutdownHook(false)
            .modules(dev.workerdi.jdbc.JdbcModule.of(Hosts.settings(db, max)))
            .build();
    DiException error = assertThrows(DiException.class, host::start);
    assertEquals(ErrorId.BUDGET_EXCEEDED, error.id(), error.getMessage());
    assertTrue(
        error
            .getMessage()
            .contains(
                "\n  phase:      BEFORE_WORKER_START\n  hook:       "
                    + "dev.workerdi.jdbc.JdbcModule.checkConnectionBudget("),
        error.getMessage());
  }

  @Test
  void theNextLeasesWorkAfterEveryPoolConnectionWasKilled(FreshDatabase db) throws Exception {
    WorkerHost host = Hosts.start(Hosts.settings(db, 4), 1);
    List<Long> ids = new ArrayList<>();
    CountDownLatch together = new CountDownLatch(4);
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      futures.add(
          host.submit(
              () -> {
                long id = LeaseTest.connectionId(host.injector().getInstance(Connection.class));
                together.countDown();
                together.await();
                return id;
              }));
    }
    for (CompletableFuture<Long> future : futures) {
      ids.add(future.get());
    }
    try (Connection admin = db.connect();
        Statement s = admin.createStatement()) {
      for (long id : ids) {
        s.execute("KILL " + id);
      }
    }
    int failures = 0;
    for (int i = 0; i < 8; i++) {
      try {
        long id =
            host.submit(() -> LeaseTest.connectionId(host.injector().getInstance(Connection.class)))
                .get();
        assertFalse(ids.contains(id), "a killed connection was handed out again");
      } catch (java.util.concurrent.ExecutionException e) {
        failures++;
      }
    }
    assertTrue(
        failures <= 1,
        "after a mass KILL at most the first lease (inside HikariCP's 500 ms alive-bypass "
            + "window) may fail; then the pool replaces every idle connection. Failures: "
            + failures);
    WorkerPool pool = Hosts.pools(host).get(0);
    assertEquals(0, pool.state().active());
    Hosts.stop(host);
  }
}
