package dev.workerdi.jdbc.reliability;

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
import dev.workerdi.testing.RealDatabase;
import dev.workerdi.testing.TestUser;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Several application instances in one JVM (worker hosts with settings of their own) against the
 * real server: the boot-time budget of the next instance counts the connections the running ones
 * hold (by connection attributes when performance_schema is on, else by user in PROCESSLIST), so it
 * fails with every number before it could exhaust the server.
 */
@RealDatabase
class RunningInstancesBudgetTest {
  @Test
  void theNextInstanceCountsWhatTheRunningOnesHold(FreshDatabase db) throws Exception {
    try (TestUser user = TestUser.create(db.server(), db.name())) {
      JdbcSettings firstSettings =
          Hosts.settings(
              db.jdbcUrl(),
              user,
              3,
              "workerdi.warmUp",
              true,
              "minimumIdle",
              3,
              "workerdi.reserve",
              0);
      WorkerHost first = Hosts.start("first", firstSettings, 2);
      try {
        List<WorkerPool> pools = Hosts.pools(first);
        awaitOpen(pools, 3);
        int open = pools.stream().mapToInt(p -> p.state().total()).sum();
        assertEquals(open, user.connections(), "the first instance's server connections");
        JdbcSettings next = Hosts.settings(db.jdbcUrl(), user, 2, "workerdi.reserve", 0);
        assertEquals(
            open,
            user.awaitConnections(open),
            "sessions the server still lists"); // the first instance's budget check's connection
        ConnectionBudget.Report report = ConnectionBudget.check(next, 2);
        assertEquals(open, report.othersHold(), report.arithmetic());
        assertTrue(report.othersMayOpen() >= open, report.arithmetic());
        assertEquals(2 * 2 + 1 + report.othersMayOpen(), report.needed(), report.arithmetic());
        assertTrue(
            report.arithmetic().contains(" + " + report.othersMayOpen() + " "),
            report.arithmetic());

        int room = report.maxConnections() - (2 * 2 + 1) - report.othersMayOpen();
        JdbcSettings tight = next.with("workerdi.reserve", room + 1);
        assertEquals(
            open,
            user.awaitConnections(open),
            "sessions the server still lists"); // the check above, its connection closed just now
        DiException over = assertThrows(DiException.class, () -> ConnectionBudget.check(tight, 2));
        assertEquals(ErrorId.BUDGET_EXCEEDED, over.id());
        assertTrue(
            over.getMessage().contains((room + 1) + " reserve + " + report.othersMayOpen() + " "),
            over.getMessage());
        assertEquals(
            open,
            user.awaitConnections(open),
            "sessions the server still lists"); // the over-budget check's own connection, closed
        // just now
        assertFalse(ConnectionBudget.check(next.with("workerdi.reserve", room), 2).overLimit());
      } finally {
        first.stop(Duration.ofSeconds(10));
      }
      assertEquals(0, user.awaitConnections(0), "sessions the server still lists");
      assertEquals(
          0,
          ConnectionBudget.check(Hosts.settings(db.jdbcUrl(), user, 2), 2).othersHold(),
          "a stopped instance still counted");
    }
  }

  private static void awaitOpen(List<WorkerPool> pools, int each) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (pools.stream().anyMatch(p -> p.state().total() < each)) {
      assertTrue(
          System.nanoTime() < deadline,
          "the pools did not open " + each + " connections each: " + pools);
      Thread.sleep(20);
    }
  }
}
