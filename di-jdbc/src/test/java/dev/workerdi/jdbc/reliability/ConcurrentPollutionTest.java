package dev.workerdi.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.reliability.PollutionKinds.Kind;
import dev.workerdi.jdbc.reliability.PollutionKinds.Place;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import dev.workerdi.testing.Secrets;
import dev.workerdi.testing.TestUser;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pollution under concurrency, through the real leases: two workers with a pool of 2 each run
 * {@value #COROUTINES} coroutines that inject {@code Connection}. Each coroutine first looks, with
 * the battery's own check, for the kind of state the previous lease of its physical connection left
 * ({@code CONNECTION_ID()} → last dirt), then leaves a random kind of the battery itself (or none).
 * Connections are reused at random, so every kind meets every other kind's cleaning.
 */
@RealDatabase
@ExtendWith(Secrets.class)
class ConcurrentPollutionTest {
  private static final int COROUTINES = 3_000;

  private record Dirt(Kind kind, Place place) {}

  @Test
  void noKindOfSessionStateReachesTheNextLease(FreshDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      Sql.exec(
          c,
          "CREATE TABLE marks (id BIGINT PRIMARY KEY) ENGINE=InnoDB",
          "CREATE TABLE shadow (id INT) ENGINE=InnoDB");
    }
    String other = db.server().createDatabase("rel_pollution_other");
    List<Kind> kinds = new ArrayList<>(PollutionKinds.all());
    if (db.server().kind() == DatabaseServer.Kind.GALERA) {
      kinds.removeIf(
          kind -> kind.name().equals("XA_TRANSACTION")); // Galera refuses XA transactions
    }
    ConcurrentMap<Long, Dirt> left = new ConcurrentHashMap<>();
    List<String> leaks = new CopyOnWriteArrayList<>();
    Map<String, AtomicLong> checked = new ConcurrentHashMap<>();
    Set<Long> connections = ConcurrentHashMap.newKeySet();
    AtomicLong marks = new AtomicLong();
    long started = System.nanoTime();
    try (TestUser user = TestUser.create(db.server(), db.name(), other)) {
      try (Connection c = db.connect()) {
        PollutionKinds.prepare(c, "'" + user.name() + "'@'%'");
      }
      WorkerHost host = Hosts.start("pollute", Hosts.settings(db.jdbcUrl(), user, 2), 2);
      List<WorkerPool> pools = Hosts.pools(host);
      try {
        List<CompletableFuture<Object>> tasks = new ArrayList<>();
        for (int i = 0; i < COROUTINES; i++) {
          tasks.add(
              host.submit(
                  () -> {
                    Connection c = host.injector().getInstance(Connection.class);
                    long id = Sql.connectionId(c);
                    connections.add(id);
                    Dirt previous = left.remove(id);
                    if (previous != null) {
                      checked
                          .computeIfAbsent(previous.kind().name(), k -> new AtomicLong())
                          .incrementAndGet();
                      if (previous.kind().leaked(c, previous.place())) {
                        leaks.add(previous.kind() + " on connection " + id);
                      }
                    }
                    int pick = ThreadLocalRandom.current().nextInt(kinds.size() + 2);
                    if (pick < kinds.size()) {
                      Place place = new Place(db.name(), other, marks.incrementAndGet());
                      kinds.get(pick).dirty(c, place);
                      left.put(id, new Dirt(kinds.get(pick), place));
                    }
                    return null;
                  }));
        }
        CompletableFuture.allOf(tasks.toArray(new CompletableFuture<?>[0])).get();
        long millis = (System.nanoTime() - started) / 1_000_000;
        long checks = checked.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.println(
            "POLLUTION under concurrency: "
                + COROUTINES
                + " coroutines, 2 workers x pool 2, "
                + connections.size()
                + " connections, "
                + checks
                + " leases checked the previous lease's dirt "
                + new TreeMap<>(checked)
                + ", resets "
                + Hosts.sum(pools, p -> p.stats().resets())
                + ", rollbacks "
                + Hosts.sum(pools, p -> p.stats().rollbacks())
                + ", evicted "
                + Hosts.sum(pools, p -> p.stats().evicted())
                + ", leaks "
                + leaks
                + ", "
                + millis
                + " ms");
        assertEquals(List.of(), leaks, "state reached the next lease");
        assertEquals(
            kinds.size(),
            checked.size(),
            "every kind was checked by a following lease: " + checked.keySet());
        assertTrue(checks > COROUTINES / 2, "most leases followed a dirty one: " + checks);
        assertEquals(
            4, connections.size(), "no connection was evicted or replaced: " + connections);
        assertEquals(0, Hosts.sum(pools, p -> p.stats().evicted()));
        Hosts.assertNothingBorrowed(pools);
      } finally {
        host.stop(Duration.ofSeconds(10));
        try (Connection c = db.connect()) {
          PollutionKinds.cleanUp(c);
        }
      }
    }
  }
}
