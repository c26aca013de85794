package dev.workerdi.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.jdbc.ConnectionBudget;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import dev.workerdi.testing.Secrets;
import dev.workerdi.testing.TestUser;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The run-time connection budget under a storm: 2,000 coroutines on one worker with a pool of 2, a
 * tenth cancelled in the middle of {@code SLEEP(2)}, half throwing after a query, the rest
 * querying. The test account's server connections are sampled from {@code
 * information_schema.PROCESSLIST} all along: the pool's (those on the pool's database) never exceed
 * its maximum, and the account's never exceed that plus the one control connection a cancel opens
 * for its {@code KILL QUERY} when no pool connection is free (it has no default database, and
 * belongs to no pool); after the storm no statement of the account runs, and cancelled connections
 * were reused rather than evicted.
 */
@RealDatabase
@ExtendWith(Secrets.class)
class CancellationStormTest {
  private static final int COROUTINES = 2_000;
  private static final int POOL = 2;

  @Test
  void theServerNeverHoldsMoreThanThePoolAndTheCancelledQueriesStop(FreshDatabase db)
      throws Exception {
    Map<String, Integer> outcomes = new TreeMap<>();
    try (TestUser user = TestUser.create(db.server(), db.name());
        Connection admin = db.server().connect("");
        ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor()) {
      WorkerHost host = Hosts.start("storm", Hosts.settings(db.jdbcUrl(), user, POOL), 1);
      List<WorkerPool> pools = Hosts.pools(host);
      AtomicBoolean sampling = new AtomicBoolean(true);
      AtomicLong most = new AtomicLong();
      AtomicLong poolMost = new AtomicLong();
      AtomicLong samples = new AtomicLong();
      AtomicLong overPool = new AtomicLong();
      Thread sampler =
          Thread.ofPlatform()
              .start(
                  () ->
                      sample(
                          admin,
                          user.name(),
                          db.name(),
                          sampling,
                          most,
                          poolMost,
                          samples,
                          overPool));
      try {
        List<CompletableFuture<Long>> tasks = new ArrayList<>();
        for (int i = 0; i < COROUTINES; i++) {
          int kind = i % 10;
          CompletableFuture<Void> querying = new CompletableFuture<>();
          CompletableFuture<Long> task = host.submit(() -> run(host, kind, querying));
          querying.thenRun(
              () -> canceller.schedule(() -> task.cancel(true), 20, TimeUnit.MILLISECONDS));
          tasks.add(task);
        }
        for (CompletableFuture<Long> task : tasks) {
          outcomes.merge(outcome(task), 1, Integer::sum);
        }
        Hosts.await(10_000, () -> host.runningTasks() == 0);
        Thread.sleep(1000);
        long running =
            Sql.number(
                admin,
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = '"
                    + user.name()
                    + "' AND COMMAND = 'Query'");
        sampling.set(false);
        sampler.join();
        System.out.println(
            "STORM: "
                + COROUTINES
                + " coroutines "
                + outcomes
                + "; server connections of the pool"
                + " (max "
                + POOL
                + "): at most "
                + poolMost
                + ", with the control connection at most "
                + most
                + " in "
                + samples
                + " samples, "
                + overPool.get()
                + " samples above the pool size; evicted "
                + Hosts.sum(pools, p -> p.stats().evicted())
                + ", resets "
                + Hosts.sum(pools, p -> p.stats().resets())
                + "; statements running 1 s after: "
                + running);
        assertEquals(
            Map.of(
                "cancelled",
                COROUTINES / 10,
                "completed",
                COROUTINES * 4 / 10,
                "threw",
                COROUTINES / 2),
            outcomes);
        assertTrue(
            samples.get() > 100, "the process list was sampled during the storm: " + samples);
        assertTrue(
            poolMost.get() <= POOL,
            "the server held " + poolMost + " connections of a pool of " + POOL);
        assertTrue(
            most.get() <= POOL + ConnectionBudget.CONTROL_CONNECTIONS,
            "the server held " + most + " connections for a pool of " + POOL + " and its control");
        assertEquals(0, running, "statements of cancelled coroutines still run on the server");
        assertEquals(
            0, Hosts.sum(pools, p -> p.stats().evicted()), "cancelled connections are reused");
        Hosts.assertNothingBorrowed(pools);
      } finally {
        sampling.set(false);
        host.stop(Duration.ofSeconds(10));
      }
    }
  }

  private static Long run(WorkerHost host, int kind, CompletableFuture<Void> querying)
      throws Exception {
    Connection c = host.injector().getInstance(Connection.class);
    if (kind == 0) {
      querying.complete(null);
      return Sql.number(c, "SELECT SLEEP(2)");
    }
    long id = Sql.connectionId(c);
    if (kind % 2 == 1) {
      throw new IllegalStateException("the task failed on purpose");
    }
    return id;
  }

  private static String outcome(CompletableFuture<Long> task) throws InterruptedException {
    try {
      task.get(120, TimeUnit.SECONDS);
      return "completed";
    } catch (CancellationException e) {
      return "cancelled";
    } catch (ExecutionException e) {
      return e.getCause() instanceof IllegalStateException ? "threw" : "failed: " + e.getCause();
    } catch (TimeoutException e) {
      return "hung";
    }
  }

  private static void sample(
      Connection admin,
      String user,
      String database,
      AtomicBoolean sampling,
      AtomicLong most,
      AtomicLong poolMost,
      AtomicLong samples,
      AtomicLong overPool) {
    String query =
        "SELECT COUNT(*), COALESCE(SUM(DB <=> '"
            + database
            + "'), 0) FROM information_schema.PROCESSLIST WHERE USER = '"
            + user
            + "'";
    while (sampling.get()) {
      try (Statement statement = admin.createStatement();
          ResultSet rows = statement.executeQuery(query)) {
        rows.next();
        long all = rows.getLong(1);
        long pool = rows.getLong(2);
        most.accumulateAndGet(all, Math::max);
        poolMost.accumulateAndGet(pool, Math::max);
        samples.incrementAndGet();
        overPool.addAndGet(all > POOL ? 1 : 0);
      } catch (SQLException e) {
        return;
      }
    }
  }
}
