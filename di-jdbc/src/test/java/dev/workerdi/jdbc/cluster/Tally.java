package dev.workerdi.jdbc.cluster;

import dev.workerdi.jdbc.Transactional;
import dev.workerdi.jdbc.support.Sql;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Guice-built class whose transactional methods add to the one row of {@code account} and record
 * each committed addition in {@code history}. The first run of a call waits at {@code meet} after
 * its update (so that two calls on different nodes hold conflicting write sets at once), then for
 * {@code before} (so that the other call commits first), then optionally reads the row; re-runs
 * wait for nothing. Each method returns the SQL port of the node it ran on.
 */
class Tally {
  @Inject Provider<Connection> connection;

  /**
   * One call: what to add, where to count runs, what to wait for, and whether to read after
   * waiting.
   */
  record Call(
      int round,
      String who,
      int amount,
      AtomicInteger runs,
      CountDownLatch meet,
      CountDownLatch before,
      boolean readAfterWaiting) {}

  @Transactional(maxAttempts = 10, backoffMillis = 5)
  int addRetrying(Call call) throws SQLException, InterruptedException {
    return add(call);
  }

  @Transactional
  int addOnce(Call call) throws SQLException, InterruptedException {
    return add(call);
  }

  private int add(Call call) throws SQLException, InterruptedException {
    Connection c = connection.get();
    Sql.exec(
        c,
        "UPDATE account SET balance = balance + " + call.amount() + " WHERE id = 1",
        "INSERT INTO history (round, who) VALUES (" + call.round() + ", '" + call.who() + "')");
    int port = ClusterHosts.port(c);
    if (call.runs().incrementAndGet() == 1) {
      call.meet().countDown();
      await(call.meet());
      await(call.before());
      if (call.readAfterWaiting()) {
        Sql.number(c, "SELECT balance FROM account WHERE id = 1");
      }
    }
    return port;
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    if (!latch.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the other coroutine never got there");
    }
  }
}
