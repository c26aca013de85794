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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
      Sleeper sleeper = Sleeper.start(host, side);
      sleeper.thread().interrupt();
      ExecutionException failed =
          assertThrows(ExecutionException.class, () -> sleeper.future().get(20, TimeUnit.SECONDS));
      assertTrue(failed.getCause() != null);
      assertEquals(
          0,
          Sql.scalar(
              side,
              "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = "
                  + sleeper.connectionId()),
          "the broken connection's server thread is still there after its lease returned");
      assertNotEquals(
          sleeper.connectionId(),
          Sleeper.nextConnectionId(host),
          "a broken connection is not reused");
      Hosts.assertNothingBorrowed(host);
    } finally {
      Hosts.stop(host);
    }
  }
}
