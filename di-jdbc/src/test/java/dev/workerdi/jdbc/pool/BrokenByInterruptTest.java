package dev.workerdi.jdbc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A coroutine's thread interrupted directly ({@code Thread.interrupt()}, not a cancel) while its
 * statement runs: the JDK closes the socket, the statement would run on; the lease's return ends
 * the server thread before the connection is evicted, so no replacement runs beside it.
 */
@RealDatabase
class BrokenByInterruptTest {

  @Test
  void aConnectionBrokenByAnInterruptIsKilledOnTheServerBeforeItIsReplaced(FreshDatabase db)
      throws Exception {
    WorkerHost host = Hosts.start(Hosts.settings(db, 1), 1);
    try (Connection side = db.connect()) {
      CountDownLatch started = new CountDownLatch(1);
      AtomicReference<Thread> thread = new AtomicReference<>();
      long[] id = new long[1];
      CompletableFuture<Long> sleeper =
          host.submit(
              0,
              () -> {
                Connection c = host.injector().getInstance(Connection.class);
                id[0] = Sql.scalar(c, "SELECT CONNECTION_ID()");
                thread.set(Thread.currentThread());
                started.countDown();
                return Sql.scalar(c, "SELECT SLEEP(30)");
              });
      assertTrue(started.await(10, TimeUnit.SECONDS));
      Sql.awaitSleeping(side, id[0]);
      thread.get().interrupt();
      ExecutionException failed =
          assertThrows(ExecutionException.class, () -> sleeper.get(20, TimeUnit.SECONDS));
      assertTrue(failed.getCause() != null);
      assertEquals(
          0,
          Sql.scalar(
              side, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + id[0]),
          "the broken connection's server thread is still there after its lease returned");
      long next =
          host.submit(
                  0,
                  () ->
                      Sql.scalar(
                          host.injector().getInstance(Connection.class), "SELECT CONNECTION_ID()"))
              .get(10, TimeUnit.SECONDS);
      assertNotEquals(id[0], next, "a broken connection is not reused");
      Hosts.assertNothingBorrowed(host);
    } finally {
      Hosts.stop(host);
    }
  }
}
