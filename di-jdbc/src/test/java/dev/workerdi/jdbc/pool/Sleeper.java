package dev.workerdi.jdbc.pool;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A coroutine of worker 0 running {@code SELECT SLEEP(30)} on its lease, started and seen sleeping
 * on the server; with the lease's server connection id and the coroutine's thread. Immutable.
 *
 * @param future the coroutine's result, the sleep's
 * @param connectionId the lease's server connection
 * @param thread the thread the coroutine runs on
 */
record Sleeper(CompletableFuture<Long> future, long connectionId, Thread thread) {

  /** Starts the coroutine and waits until {@code observer} sees its statement sleep. */
  static Sleeper start(WorkerHost host, Connection observer) throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    AtomicReference<Thread> thread = new AtomicReference<>();
    long[] id = new long[1];
    CompletableFuture<Long> future =
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
    Sql.awaitSleeping(observer, id[0]);
    return new Sleeper(future, id[0], thread.get());
  }

  /** The server connection id of the lease of worker 0's next coroutine. */
  static long nextConnectionId(WorkerHost host) throws Exception {
    return host.submit(
            0,
            () ->
                Sql.scalar(host.injector().getInstance(Connection.class), "SELECT CONNECTION_ID()"))
        .get(10, TimeUnit.SECONDS);
  }
}
