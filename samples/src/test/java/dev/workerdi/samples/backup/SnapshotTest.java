package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.RealDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A writer inserts and updates in the source during the whole backup, each of its transactions
 * touching rows all over one table and a second table: the copy is the source as of one instant
 * (the clock row, the inserted rows and every updated row agree on one transaction number), rows
 * written after it are absent, and the verification against the snapshot says equal.
 */
@RealDatabase
class SnapshotTest {
  private static final int BASE_ROWS = 3_000;

  @Test
  void aCopyOfABusySourceIsTheSourceAsOfTheSnapshot(DatabaseServer server) throws Exception {
    String source = server.createDatabase("bk14_snap_src");
    String target = server.createDatabase("bk14_snap_dst");
    fill(server, source);
    try (Writer writer = new Writer(server, source)) {
      writer.awaitCommits(20);
      BackupReport report =
          Backup.run(
              Dbs.options(server, source, target)
                  .concurrency(4)
                  .chunkRows(100)
                  .throttle(Duration.ofMillis(10))
                  .build());
      int atEnd = writer.awaitCommits(writer.commits() + 1);

      assertTrue(report.allEqual(), report.summary());
      assertTrue(report.snapshot().consistent(), report.summary());
      assertTrue(report.warnings().isEmpty(), report.summary());
      int n = (int) Dbs.count(server, target, "SELECT n FROM clock WHERE id = 1");
      assertTrue(
          n >= 20 && n < atEnd,
          "the snapshot is after the writer's first 20 and before its last commit: " + n);
      assertConsistentAt(server, target, n);
    }
    assertTrue(
        Dbs.count(server, source, "SELECT COUNT(*) FROM ledger")
            > Dbs.count(server, target, "SELECT COUNT(*) FROM ledger"),
        "the source has rows written after the snapshot");
  }

  @Test
  void withoutTheLockTheReportWarnsLoudlyAndEachChunkStillVerifies(DatabaseServer server)
      throws Exception {
    String source = server.createDatabase("bk14_nolock_src");
    String target = server.createDatabase("bk14_nolock_dst");
    fill(server, source);
    try (Writer writer = new Writer(server, source)) {
      writer.awaitCommits(5);
      BackupReport report =
          Backup.run(
              Dbs.options(server, source, target)
                  .concurrency(3)
                  .chunkRows(200)
                  .noLock(true)
                  .build());
      assertFalse(report.snapshot().consistent());
      assertTrue(
          report.summary().contains("WARNING: --no-lock")
              && report.summary().contains("NOT consistent"),
          report.summary());
      assertTrue(
          report.allEqual(),
          "every chunk verifies against what its coroutine read: " + report.summary());
    }
  }

  /** ledger: ids 1..3000 at v = 0, then the writer's rows; clock: the writer's last transaction. */
  private static void fill(DatabaseServer server, String db) throws SQLException {
    try (Connection c = server.connect(db);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE ledger (id INT NOT NULL PRIMARY KEY, v INT NOT NULL, pad CHAR(100) NOT NULL)");
      s.execute("CREATE TABLE clock (id INT NOT NULL PRIMARY KEY, n INT NOT NULL)");
      s.execute("INSERT INTO clock VALUES (1, 0)");
      s.execute("INSERT INTO ledger SELECT seq, 0, CONCAT('row ', seq) FROM seq_1_to_" + BASE_ROWS);
    }
  }

  /** The row transaction {@code m} updates. */
  private static int updated(int m) {
    return (int) ((m * 7919L) % BASE_ROWS) + 1;
  }

  private static void assertConsistentAt(DatabaseServer server, String db, int n)
      throws SQLException {
    Map<Integer, Integer> expected = new HashMap<>();
    for (int m = 1; m <= n; m++) {
      expected.put(updated(m), m);
    }
    try (Connection c = server.connect(db);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT id, v FROM ledger ORDER BY id")) {
      int inserted = 0;
      while (rows.next()) {
        int id = rows.getInt(1);
        if (id > 100_000) {
          assertEquals(id - 100_000, rows.getInt(2));
          assertTrue(
              id - 100_000 <= n, "row " + id + " was written after the snapshot (clock " + n + ")");
          inserted++;
        } else {
          assertEquals(
              expected.getOrDefault(id, 0),
              rows.getInt(2),
              "row " + id + " as of transaction " + n);
        }
      }
      assertEquals(n, inserted, "every row inserted up to the snapshot, none after");
    }
  }

  /** Commits transaction after transaction into the source until closed. */
  private static final class Writer implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;

    Writer(DatabaseServer server, String db) {
      thread = Thread.ofPlatform().name("bk14-writer").start(() -> write(server, db));
    }

    private void write(DatabaseServer server, String db) {
      try (Connection c = server.connect(db);
          Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        for (int m = 1; !stop.get(); m++) {
          s.executeUpdate("UPDATE ledger SET v = " + m + " WHERE id = " + updated(m));
          s.executeUpdate("INSERT INTO ledger VALUES (" + (100_000 + m) + ", " + m + ", 'late')");
          s.executeUpdate("UPDATE clock SET n = " + m + " WHERE id = 1");
          c.commit();
          commits.set(m);
        }
      } catch (Exception e) {
        failure.set(e);
      }
    }

    int commits() {
      return commits.get();
    }

    /** Waits until at least {@code count} transactions are committed; returns how many are. */
    int awaitCommits(int count) throws Exception {
      while (commits.get() < count) {
        if (failure.get() != null) {
          throw failure.get();
        }
        Thread.sleep(5);
      }
      return commits.get();
    }

    @Override
    public void close() throws Exception {
      stop.set(true);
      thread.join();
      if (failure.get() != null) {
        throw failure.get();
      }
    }
  }
}
