package dev.workerdi.jdbc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.jdbc.testing.FreshDatabase;
import dev.workerdi.jdbc.testing.RealDatabase;
import dev.workerdi.lifecycle.WorkerHost;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A coroutine cancelled while its statement runs: the statement stops on the server (seen from
 * {@code information_schema.PROCESSLIST}) and the connection is reused, not evicted.
 */
@RealDatabase
class CancellationTest {

  @Test
  void aCancelledCoroutinesStatementStopsOnTheServerAndItsConnectionIsReused(FreshDatabase db) throws Exception {
    WorkerHost host = JdbcHosts.start(JdbcHosts.settings(db, 1), 1);
    try (Connection side = db.connect()) {
      CountDownLatch started = new CountDownLatch(1);
      long[] id = new long[1];
      CompletableFuture<Object> sleeper = host.submit(0, () -> {
        Connection c = host.injector().getInstance(Connection.class);
        id[0] = scalar(c, "SELECT CONNECTION_ID()");
        started.countDown();
        return scalar(c, "SELECT SLEEP(30)");
      });
      assertTrue(started.await(10, TimeUnit.SECONDS));
      awaitQuery(side, id[0]);
      sleeper.cancel(true);
      Thread.sleep(1000);
      assertEquals(0, scalar(side, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + id[0]
          + " AND COMMAND = 'Query'"), "the cancelled statement still runs on the server");
      long next = host.submit(0, () -> scalar(host.injector().getInstance(Connection.class),
          "SELECT CONNECTION_ID()")).get(10, TimeUnit.SECONDS);
      assertEquals(id[0], next, "the connection was not reused");
      JdbcHosts.assertNothingBorrowed(host);
    } finally {
      JdbcHosts.stop(host);
    }
  }

  private static void awaitQuery(Connection side, long id) throws Exception {
    for (int i = 0; i < 200; i++) {
      if (scalar(side, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + id
          + " AND INFO LIKE 'SELECT SLEEP%'") == 1) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the query never started");
  }

  private static long scalar(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
