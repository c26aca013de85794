package dev.workerdi.jdbc.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.workerdi.jdbc.ResetPolicy;
import dev.workerdi.jdbc.internal.SessionCleaner.Outcome;
import dev.workerdi.jdbc.reset.CleanedPool.Leased;
import dev.workerdi.jdbc.reset.Pollution.Place;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every kind of {@link Pollution}, set in one lease and looked for in the next lease of the same
 * physical connection (a pool of one; {@code CONNECTION_ID()} checked), under each {@link
 * ResetPolicy}.
 */
@RealDatabase
class PollutionBatteryTest {
  /**
   * What plain HikariCP undoes by itself: the state changed through JDBC setters, except {@code
   * setCatalog}, which it restores only when the pool's {@code catalog} is configured.
   */
  static final Set<Pollution> HIKARI_CLEANS =
      EnumSet.of(
          Pollution.TRANSACTION_JDBC,
          Pollution.AUTOCOMMIT_JDBC,
          Pollution.ISOLATION_JDBC,
          Pollution.READ_ONLY_JDBC);

  private static final String GALERA_HAS_NO_XA =
      "Galera refuses XA transactions (\"This version of MariaDB "
          + "doesn't yet support 'XA transactions with Galera replication'\"), and a server-wide "
          + "lock would stall the whole cluster";
  private static final AtomicLong MARKS = new AtomicLong(System.nanoTime() % 1_000_000_000L);
  private static String other;

  @BeforeAll
  static void tables(FreshDatabase db) throws Exception {
    try (var c = db.connect()) {
      Sql.exec(
          c,
          "CREATE TABLE marks (id BIGINT PRIMARY KEY) ENGINE=InnoDB",
          "CREATE TABLE shadow (id INT) ENGINE=InnoDB");
      Pollution.prepare(c, "CURRENT_USER");
    }
    other = db.server().createDatabase("reset_other");
  }

  /** Whether the server can make this kind of pollution at all. */
  static boolean runsOn(FreshDatabase db, Pollution kind) {
    return db.server().kind() != DatabaseServer.Kind.GALERA
        || (kind != Pollution.XA_TRANSACTION && !kind.locksTheServer());
  }

  @AfterAll
  static void dropRole(FreshDatabase db) throws Exception {
    try (var c = db.connect()) {
      Pollution.cleanUp(c);
    }
  }

  /** What happened to one kind under one policy. */
  record Result(boolean leaked, Outcome dirtied, long firstId, long secondId) {}

  static Result run(FreshDatabase db, ResetPolicy policy, Pollution kind) throws Exception {
    Place place = new Place(db.name(), other, MARKS.incrementAndGet());
    try (CleanedPool pool = CleanedPool.open(db, policy, 1)) {
      Leased<Long> first =
          pool.lease(
              c -> {
                long id = Sql.connectionId(c);
                kind.dirty(
                    c,
                    place); // the lease's last statements: nothing after them hides what they left
                return id;
              });
      Leased<long[]> second =
          pool.lease(c -> new long[] {kind.leaked(c, place) ? 1 : 0, Sql.connectionId(c)});
      if (policy == ResetPolicy.TRACKED) {
        assertEquals(
            Outcome.RESET,
            pool.lease(c -> Sql.succeeds(c, "SET @probe = 1")).outcome(),
            kind + ": tracking must still be on after the cleaning");
        assertEquals(
            Outcome.CLEAN, pool.lease(c -> Sql.number(c, "SELECT 1")).outcome(), kind.name());
      }
      return new Result(second.value()[0] == 1, first.outcome(), first.value(), second.value()[1]);
    }
  }

  @ParameterizedTest
  @EnumSource(Pollution.class)
  void trackedLetsNothingThrough(Pollution kind, FreshDatabase db) throws Exception {
    assumeTrue(runsOn(db, kind), GALERA_HAS_NO_XA);
    Result result = run(db, ResetPolicy.TRACKED, kind);
    assertSameConnectionUnlessRetired(kind, result);
    assertFalse(result.leaked(), kind + " leaked under TRACKED");
    if (kind.trackedOutcome() == null) {
      assertTrue(
          result.dirtied() == Outcome.CLEAN || result.dirtied() == Outcome.RESET,
          kind + ": " + result);
    } else {
      assertEquals(
          kind.trackedOutcome(), result.dirtied(), kind + ": cleaned with the wrong effort");
    }
  }

  @ParameterizedTest
  @EnumSource(Pollution.class)
  void alwaysLetsNothingThrough(Pollution kind, FreshDatabase db) throws Exception {
    assumeTrue(runsOn(db, kind), GALERA_HAS_NO_XA);
    Result result = run(db, ResetPolicy.ALWAYS, kind);
    assertSameConnectionUnlessRetired(kind, result);
    assertFalse(result.leaked(), kind + " leaked under ALWAYS");
    assertEquals(kind.retires() ? Outcome.EVICT : Outcome.RESET, result.dirtied(), kind.name());
  }

  /**
   * The next lease must get the same physical connection, except after driver-side state (retired).
   */
  private static void assertSameConnectionUnlessRetired(Pollution kind, Result result) {
    if (kind.retires()) {
      assertTrue(result.firstId() != result.secondId(), kind + ": the connection must be retired");
    } else {
      assertEquals(
          result.firstId(), result.secondId(), kind + ": not the same physical connection");
    }
  }

  @Test
  void unsafeNoneLeaksAllButWhatHikariResets(FreshDatabase db) throws Exception {
    Set<Pollution> leaked = EnumSet.noneOf(Pollution.class);
    TreeMap<String, String> table = new TreeMap<>();
    Set<Pollution> kinds = EnumSet.allOf(Pollution.class);
    kinds.removeIf(kind -> !runsOn(db, kind));
    for (Pollution kind : kinds) {
      Result result = run(db, ResetPolicy.UNSAFE_NONE, kind);
      assertEquals(
          result.firstId(), result.secondId(), kind + ": not the same physical connection");
      assertEquals(Outcome.UNCHECKED, result.dirtied(), kind.name());
      if (result.leaked()) {
        leaked.add(kind);
      }
      table.put(kind.name(), result.leaked() ? "LEAKS" : "cleaned by HikariCP");
    }
    System.out.println(
        "UNSAFE_NONE (plain HikariCP) on "
            + db.server().serverVersion()
            + ": "
            + leaked.size()
            + " of "
            + Pollution.values().length
            + " kinds leak into the next lease: "
            + table);
    kinds.removeAll(HIKARI_CLEANS);
    assertEquals(kinds, leaked);
  }
}
