package dev.workerdi.jdbc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.FanOut;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A coroutine cancelled while its statement runs ({@code Future.cancel(true)}, or FanOut's cancel
 * on its first failure): the statement stops on the server (seen from {@code
 * information_schema.PROCESSLIST}) and the connection is reused, not evicted.
 */
@RealDatabase
class CancellationTest {

  @Test
  void aCancelledCoroutinesStatementStopsOnTheServerAndItsConnectionIsReused(FreshDatabase db)
      throws Exception {
    WorkerHost host = Hosts.start(Hosts.settings(db, 1), 1);
    try (Connection side = db.connect()) {
      Sleeper sleeper = Sleeper.start(host, side);
      sleeper.future().cancel(true);
      Thread.sleep(1000);
      assertEquals(
          0,
          Sql.scalar(
              side,
              "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = "
                  + sleeper.connectionId()
                  + " AND COMMAND = 'Query'"),
          "the cancelled statement still runs on the server");
      assertEquals(
          sleeper.connectionId(), Sleeper.nextConnectionId(host), "the connection was not reused");
      Hosts.assertNothingBorrowed(host);
    } finally {
      Hosts.stop(host);
    }
  }

  @Test
  void fanOutsFirstFailureStopsTheOtherQueriesOnTheServerAndKeepsTheirConnections(FreshDatabase db)
      throws Exception {
    WorkerHost host = Hosts.start(Hosts.settings(db, 3), 1);
    try {
      Set<Long> ids = ConcurrentHashMap.newKeySet();
      FanOut.Task<Long> sleeper =
          c -> {
            ids.add(Sql.scalar(c, "SELECT CONNECTION_ID()"));
            return Sql.scalar(c, "SELECT SLEEP(30)");
          };
      FanOut.Task<Long> failing =
          c -> {
            ids.add(Sql.scalar(c, "SELECT CONNECTION_ID()"));
            for (int i = 0;
                i < 500
                    && Sql.scalar(
                            c,
                            "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                                + " WHERE INFO = 'SELECT SLEEP(30)' AND DB = DATABASE()")
                        < 2;
                i++) {
              Thread.sleep(10);
            }
            throw new IllegalStateException("fails once both others run on the server");
          };
      ExecutionException error =
          assertThrows(
              ExecutionException.class,
              () ->
                  host.submit(
                          0,
                          () ->
                              host.injector()
                                  .getInstance(FanOut.class)
                                  .run(List.of(sleeper, failing, sleeper), Duration.ofSeconds(60)))
                      .get(20, TimeUnit.SECONDS));
      assertEquals(ErrorId.FANOUT_FAILED, ((DiException) error.getCause()).id());
      try (Connection side = db.connect()) {
        assertEquals(
            0,
            Sql.scalar(
                side,
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                    + " WHERE INFO = 'SELECT SLEEP(30)' AND DB = '"
                    + db.name()
                    + "'"),
            "the other queries still run");
      }
      WorkerPool pool = Hosts.pools(host).get(0);
      assertEquals(0, pool.stats().evicted(), "the cancelled tasks' connections were evicted");
      Set<Long> after =
          new HashSet<>(
              host.submit(
                      0,
                      () ->
                          host.injector()
                              .getInstance(FanOut.class)
                              .run(
                                  List.of(connectionId(), connectionId(), connectionId()),
                                  Duration.ofSeconds(10)))
                  .get());
      assertTrue(ids.containsAll(after), "new connections " + after + " instead of " + ids);
      Hosts.assertNothingBorrowed(host);
    } finally {
      Hosts.stop(host);
    }
  }

  private static FanOut.Task<Long> connectionId() {
    return c -> Sql.scalar(c, "SELECT CONNECTION_ID(), SLEEP(0.2)");
  }
}
