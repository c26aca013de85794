package dev.workerdi.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import dev.workerdi.testing.Secrets;
import dev.workerdi.testing.TestUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every connection of the pools killed by the server ({@code KILL CONNECTION}) in the middle of a
 * write load: each killed connection fails at most the one coroutine that was using it, the pools
 * replace them, the load goes on, and every acknowledged write is in the table.
 */
@RealDatabase
@ExtendWith(Secrets.class)
class KillFaultTest {
  private static final int WORKERS = 2;
  private static final int POOL = 4;

  @BeforeAll
  static void table(FreshDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      Sql.exec(c, "CREATE TABLE writes (id BIGINT PRIMARY KEY, note VARCHAR(40)) ENGINE=InnoDB");
    }
  }

  static void write(WorkerHost host, long number) throws Exception {
    Connection c = host.injector().getInstance(Connection.class);
    try (PreparedStatement insert =
        c.prepareStatement("INSERT INTO writes VALUES (?, CONCAT('w', SLEEP(0.01)))")) {
      insert.setLong(1, number);
      insert.executeUpdate();
    }
  }

  @Test
  void allPoolConnectionsKilledMidLoad(FreshDatabase db) throws Exception {
    try (TestUser user = TestUser.create(db.server(), db.name())) {
      WorkerHost host = Hosts.start("killed", Hosts.settings(db.jdbcUrl(), user, POOL), WORKERS);
      List<WorkerPool> pools = Hosts.pools(host);
      try {
        Load load = new Load(host, 3 * WORKERS * POOL, number -> write(host, number));
        Hosts.await(20_000, () -> load.ok() >= 300);
        List<Long> killed = user.killAll();
        long killedAt = System.nanoTime();
        long okAtKill = load.ok();
        boolean recovered = Hosts.await(20_000, () -> load.ok() >= okAtKill + 300);
        long recoveryMillis = (System.nanoTime() - killedAt) / 1_000_000;
        load.close();
        Set<Long> after = new HashSet<>();
        for (int i = 0; i < 40; i++) {
          after.add(
              host.submit(
                      i % WORKERS,
                      () -> Sql.connectionId(host.injector().getInstance(Connection.class)))
                  .get());
        }
        after.retainAll(killed);
        Set<Long> stored = new HashSet<>();
        try (Connection c = db.connect()) {
          stored.addAll(Sql.numbers(c, "SELECT id FROM writes"));
        }
        Set<Long> lost = new HashSet<>(load.acknowledged());
        lost.removeAll(stored);
        System.out.println(
            "KILL: "
                + killed.size()
                + " pool connections killed mid-load; load "
                + load
                + "; 300 more writes acknowledged "
                + recoveryMillis
                + " ms after the kill; evicted "
                + Hosts.sum(pools, p -> p.stats().evicted())
                + "; acknowledged "
                + load.acknowledged().size()
                + ", stored "
                + stored.size()
                + ", lost "
                + lost.size());
        assertEquals(WORKERS * POOL, killed.size(), "every pool connection was open and killed");
        assertTrue(recovered, "the load recovered: " + load);
        assertTrue(
            load.failed() <= killed.size(),
            "each killed connection fails at most one coroutine: " + load);
        assertEquals(Set.of(), after, "a killed connection was handed out again");
        assertEquals(Set.of(), lost, "acknowledged writes are missing");
        Hosts.assertNothingBorrowed(pools);
      } finally {
        host.stop(Duration.ofSeconds(10));
      }
    }
  }

  /**
   * Coroutines waiting for a connection when the busy ones are killed get new ones at once
   * (fixed-size pool).
   */
  @Test
  void waitersGetNewConnectionsWhenTheBusyOnesAreKilled(FreshDatabase db) throws Exception {
    waitersAfterKill(db, 2);
  }

  /**
   * The same with {@code minimumIdle=0}, as the samples and the existing pool tests configure their
   * pools: the waiters are not served, they all fail with DI-301 after the whole connectionTimeout
   * while the pool stands empty (total=0). HikariCP refills evicted connections only up to
   * minimumIdle ({@code HikariPool.fillPool}) and starts a new connection only when a borrower
   * arrives ({@code addBagItem}); the library evicts with {@code HikariDataSource.evictConnection}
   * and does not ask for a replacement for the coroutines already waiting.
   */
  @Test
  void waitersGetNewConnectionsWhenTheBusyOnesAreKilledInAnElasticPool(FreshDatabase db)
      throws Exception {
    waitersAfterKill(db, 0);
  }

  private static void waitersAfterKill(FreshDatabase db, int minimumIdle) throws Exception {
    try (TestUser user = TestUser.create(db.server(), db.name())) {
      WorkerHost host =
          Hosts.start(
              "starved",
              Hosts.settings(
                  db.jdbcUrl(), user, 2, "minimumIdle", minimumIdle, "connectionTimeout", 5_000),
              1);
      List<WorkerPool> pools = Hosts.pools(host);
      try {
        CountDownLatch holding = new CountDownLatch(2);
        List<CompletableFuture<Long>> holders = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          holders.add(
              host.submit(
                  () -> {
                    Connection c = host.injector().getInstance(Connection.class);
                    holding.countDown();
                    return Sql.number(c, "SELECT SLEEP(3)");
                  }));
        }
        holding.await();
        List<CompletableFuture<Long>> waiters = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          waiters.add(
              host.submit(
                  () -> Sql.number(host.injector().getInstance(Connection.class), "SELECT 1")));
        }
        Hosts.await(5_000, () -> pools.get(0).state().waiting() == 10);
        long killedAt = System.nanoTime();
        List<Long> killed = user.killAll();
        Map<String, Integer> outcomes = new TreeMap<>();
        for (CompletableFuture<Long> waiter : waiters) {
          String outcome;
          try {
            outcome = waiter.get(30, TimeUnit.SECONDS) == 1 ? "served" : "wrong answer";
          } catch (ExecutionException e) {
            outcome = Load.kind(e);
          }
          outcomes.merge(outcome, 1, Integer::sum);
        }
        long millis = (System.nanoTime() - killedAt) / 1_000_000;
        for (CompletableFuture<Long> holder : holders) {
          holder.handle((value, failure) -> null).get();
        }
        System.out.println(
            "KILL with waiters: killed "
                + killed.size()
                + " busy connections of a pool of 2 "
                + "(minimumIdle="
                + minimumIdle
                + ") with 10 coroutines waiting: "
                + outcomes
                + " after "
                + millis
                + " ms");
        // served at all means served before their 5 s connectionTimeout, which is what a pool that
        // did not replace the killed connections for them would make them wait out and fail with
        // (DI-301); the time is printed, not asserted (no timing assertions: a loaded machine saw
        // 2,011 ms against a 2 s bound)
        assertEquals(
            Map.of("served", 10), outcomes, "the waiters were not served after " + millis + " ms");
        Hosts.assertNothingBorrowed(pools);
      } finally {
        host.stop(Duration.ofSeconds(10));
      }
    }
  }
}
