package dev.workerdi.jdbc.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.jdbc.ResetPolicy;
import dev.workerdi.jdbc.internal.SessionCleaner.Outcome;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * 200 virtual threads share a pool of 2: each checks that its lease starts clean, then leaves a
 * random kind of dirt (or none) for whoever borrows the connection next.
 */
@RealDatabase
class ConcurrentLeasesTest {
  private static final int TASKS = 200;

  static String[] dirt(String other, int task) {
    return switch (ThreadLocalRandom.current().nextInt(12)) {
      case 0 -> new String[] {"SELECT 1"};
      case 1 ->
          new String[] {"START TRANSACTION", "INSERT INTO journal VALUES (" + task + ")", "COMMIT"};
      case 2 -> new String[] {"START TRANSACTION", "INSERT INTO marks VALUES (" + task + ")"};
      case 3 -> new String[] {"SET autocommit=0", "INSERT INTO marks VALUES (" + task + ")"};
      case 4 -> new String[] {"SET @dirty = " + task};
      case 5 -> new String[] {"SELECT " + task + " INTO @dirty"};
      case 6 ->
          new String[] {"SET time_zone = '+03:00'", "SET SESSION group_concat_max_len = 4321"};
      case 7 ->
          new String[] {"CREATE TEMPORARY TABLE shadow (id INT)", "INSERT INTO shadow VALUES (1)"};
      case 8 -> new String[] {"SELECT GET_LOCK('dirty_lock', 0)"};
      case 9 -> new String[] {"LOCK TABLES marks READ"};
      case 10 -> new String[] {"SET foreign_key_checks = 0", "USE `" + other + "`"};
      default -> new String[] {"SET NAMES latin1", "SET SESSION sql_mode = 'ANSI_QUOTES'"};
    };
  }

  /**
   * What the previous borrower left behind, or {@code null} when the session is clean. Reading a
   * user variable makes the lease pay a reset ({@code @} is one of the tokens of the lexical
   * check), so only every other lease looks at them, to leave the CLEAN and ROLLED_BACK paths some
   * traffic (and the check itself must not fail: a failed statement costs a reset too).
   */
  static String leftovers(Connection c, String db, boolean variables) {
    String check =
        "SELECT CONCAT_WS(',',"
            + (variables ? " IF(@dirty IS NULL, NULL, 'user variable')," : "")
            + " IF(@@session.time_zone = @@global.time_zone, NULL, 'time_zone'), IF(@@autocommit, NULL, 'autocommit'),"
            + " IF(DATABASE() = '"
            + db
            + "', NULL, 'schema'),"
            + " IF(@@session.group_concat_max_len = @@global.group_concat_max_len, NULL, 'session variable'),"
            + " IF(@@session.sql_mode = @@global.sql_mode, NULL, 'sql_mode'),"
            + " IF(@@character_set_client = 'utf8mb4', NULL, 'charset'), IF(@@foreign_key_checks, NULL, 'fk checks'),"
            + " IF((SELECT COUNT(*) FROM `"
            + db
            + "`.marks) = 0, NULL, 'transaction'),"
            + " IF((SELECT COUNT(*) FROM `"
            + db
            + "`.shadow) = 0, NULL, 'temporary table'),"
            + " IF(COALESCE(IS_USED_LOCK('dirty_lock') = CONNECTION_ID(), 0), 'user lock', NULL))";
    try {
      String found = Sql.string(c, check);
      return found == null || found.isEmpty() ? null : found;
    } catch (SQLException e) {
      return "an error (LOCK TABLES left?): " + e.getMessage();
    }
  }

  @Test
  void everyLeaseStartsClean(FreshDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      Sql.exec(
          c,
          "CREATE TABLE marks (id BIGINT PRIMARY KEY) ENGINE=InnoDB",
          "CREATE TABLE shadow (id INT)",
          "CREATE TABLE journal (id BIGINT PRIMARY KEY) ENGINE=InnoDB");
    }
    String other = db.server().createDatabase("reset_concurrent_other");
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    Set<Long> connectionIds = ConcurrentHashMap.newKeySet();
    List<String> leaks = new ArrayList<>();
    try (CleanedPool pool = CleanedPool.open(db, ResetPolicy.TRACKED, 2);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<CleanedPool.Leased<String>>> results = new ArrayList<>();
      for (int task = 1; task <= TASKS; task++) {
        int number = task;
        results.add(
            threads.submit(
                () ->
                    pool.lease(
                        c -> {
                          String found = leftovers(c, db.name(), number % 2 == 0);
                          connectionIds.add(Sql.connectionId(c));
                          for (String sql : dirt(other, number)) {
                            Sql.succeeds(c, sql);
                          }
                          return found;
                        })));
      }
      for (Future<CleanedPool.Leased<String>> result : results) {
        CleanedPool.Leased<String> leased = result.get();
        outcomes.merge(leased.outcome(), 1, Integer::sum);
        if (leased.value() != null) {
          leaks.add(leased.value());
        }
      }
    }
    System.out.println(
        "CONCURRENT "
            + TASKS
            + " virtual threads on 2 connections "
            + connectionIds
            + ": outcomes "
            + outcomes
            + ", leaks "
            + leaks);
    assertEquals(List.of(), leaks);
    assertEquals(2, connectionIds.size(), "no connection was evicted");
    assertTrue(
        outcomes.getOrDefault(Outcome.CLEAN, 0) > 0
            && outcomes.getOrDefault(Outcome.RESET, 0) > 0
            && outcomes.getOrDefault(Outcome.ROLLED_BACK, 0) > 0,
        outcomes::toString);
  }
}
