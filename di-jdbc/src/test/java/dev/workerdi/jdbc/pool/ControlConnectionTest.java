package dev.workerdi.jdbc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The control connection a cancel uses when none of the pool's own connections is free: on a pool
 * of 1 whose one connection runs {@code SLEEP(30)}, a cancel still stops the statement on the
 * server, over a connection that has no default database (so it is not the pool's, whose
 * connections are on the pool's database) and that the server lets go again once the burst of
 * cancels is over; the pool's own connection is reused, never evicted.
 */
@RealDatabase
@ExtendWith(Secrets.class)
class ControlConnectionTest {
  @Test
  void aCancelOnAFullyBusyPoolGoesOverTheControlConnectionWhichThenCloses(FreshDatabase db)
      throws Exception {
    try (TestUser user = TestUser.create(db.server(), db.name());
        Connection admin = db.server().connect("");
        Connection watcher = db.server().connect("")) {
      AtomicBoolean watching = new AtomicBoolean(true);
      AtomicLong controlSeen = new AtomicLong();
      AtomicReference<List<String>> atMost = new AtomicReference<>(List.of());
      Thread sampler =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (watching.get()) {
                      try {
                        // One query, so that the count and the sessions it lists are one moment.
                        // A session the server is busy with (the KILL's target, while it is being
                        // killed) is listed as "Busy" with no database: its database is unknown
                        // then, not absent, so it is not counted.
                        List<String> now = sessions(watcher, user);
                        long seen =
                            now.stream()
                                .filter(s -> s.startsWith("null ") && !s.startsWith("null Busy "))
                                .count();
                        if (seen > controlSeen.get()) {
                          controlSeen.set(seen);
                          atMost.set(now); // for the message if it is > 1
                        }
                      } catch (SQLException e) {
                        return;
                      }
                    }
                  });
      WorkerHost host = Hosts.start("control", Hosts.settings(db.jdbcUrl(), user, 1), 1);
      try {
        WorkerPool pool = Hosts.pools(host).get(0);
        for (int round = 1; round <= 3; round++) {
          CountDownLatch querying = new CountDownLatch(1);
          CompletableFuture<Object> sleeper =
              host.submit(
                  () -> {
                    Connection c = host.injector().getInstance(Connection.class);
                    querying.countDown();
                    return Sql.number(c, "SELECT SLEEP(30)");
                  });
          querying.await();
          awaitSessions(admin, user, "INFO LIKE 'SELECT SLEEP%'", 1);
          sleeper.cancel(true);
          assertInstanceOf(
              CancellationException.class,
              assertThrows(CancellationException.class, () -> sleeper.get(60, TimeUnit.SECONDS)));
          // the statement stopped on the server: no session of the account runs it
          awaitSessions(admin, user, "INFO LIKE 'SELECT SLEEP%'", 0);
          List<String> sessions = sessions(admin, user);
          assertTrue(
              sessions.stream().filter(s -> s.startsWith(db.name() + " ")).count() <= 1,
              "the pool holds at most its one connection: " + sessions);
          // the burst is over: the control connection (no default database) is let go
          awaitSessions(admin, user, "DB IS NULL", 0);
          awaitSessions(admin, user, "DB = '" + db.name() + "'", 1);
        }
        watching.set(false);
        sampler.join();
        assertEquals(
            1,
            controlSeen.get(),
            "the control connection, seen while cancels ran; the account's sessions then: "
                + atMost.get());
        assertEquals(0, pool.stats().evicted(), "the cancelled connection is reused");
        assertEquals(3, pool.stats().resets(), "and reset after each cancel");
        Hosts.assertNothingBorrowed(host);
      } finally {
        watching.set(false);
        host.stop(Duration.ofSeconds(10));
      }
    }
  }

  /** Waits (up to 30 s) until {@code count} sessions of {@code user} match {@code where}. */
  private static void awaitSessions(Connection admin, TestUser user, String where, long count)
      throws Exception {
    String query =
        "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = '"
            + user.name()
            + "' AND "
            + where;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Sql.number(admin, query) != count) {
      assertTrue(
          System.nanoTime() < deadline,
          "expected " + count + " session(s) where " + where + ": " + sessions(admin, user));
      Thread.sleep(20);
    }
  }

  private static List<String> sessions(Connection admin, TestUser user) throws SQLException {
    List<String> sessions = new ArrayList<>();
    try (Statement s = admin.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT DB, COMMAND, INFO, STATE, ID FROM information_schema.PROCESSLIST WHERE USER = '"
                    + user.name()
                    + "'")) {
      while (rows.next()) {
        sessions.add(
            rows.getString(1)
                + " "
                + rows.getString(2)
                + " "
                + rows.getString(3)
                + " (state "
                + rows.getString(4)
                + ", id "
                + rows.getLong(5)
                + ")");
      }
    }
    return sessions;
  }
}
