package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.RealDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * System-versioned tables (MariaDB {@code WITH SYSTEM VERSIONING}) are copied with their current
 * rows, as {@code mariadb-dump} copies them by default, and stay system-versioned, with their
 * secondary keys (no deferred {@code ALTER}: the server refuses one); their history is not copied,
 * the report says so, and they are verified by per-chunk hashes ({@code CHECKSUM TABLE} covers the
 * hidden row start and end, which start anew in the copy). A keyed one, one whose period columns
 * are declared, and one without a key; by database copy and through a backup directory.
 */
@RealDatabase
class VersionedTablesTest {
  private static final String CURRENT =
      "SELECT CONCAT((SELECT GROUP_CONCAT(id, ':', v ORDER BY id) FROM kept), ' / ',"
          + " (SELECT GROUP_CONCAT(id, ':', w ORDER BY id) FROM declared), ' / ',"
          + " (SELECT GROUP_CONCAT(a ORDER BY a) FROM loose))";
  private static String source;

  @BeforeAll
  static void create(DatabaseServer server) throws SQLException {
    source = server.createDatabase("bk14_ver_src");
    try (Connection c = server.connect(source);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE kept (id INT NOT NULL PRIMARY KEY, v INT NOT NULL, KEY by_v (v))"
              + " WITH SYSTEM VERSIONING");
      s.execute("INSERT INTO kept SELECT seq, seq FROM seq_1_to_40");
      s.execute("UPDATE kept SET v = v * 10 WHERE id <= 10");
      s.execute("DELETE FROM kept WHERE id > 30");
      s.execute(
          "CREATE TABLE declared (id INT NOT NULL PRIMARY KEY, w INT,"
              + " s TIMESTAMP(6) GENERATED ALWAYS AS ROW START INVISIBLE,"
              + " e TIMESTAMP(6) GENERATED ALWAYS AS ROW END INVISIBLE,"
              + " PERIOD FOR SYSTEM_TIME (s, e)) WITH SYSTEM VERSIONING");
      s.execute("INSERT INTO declared (id, w) VALUES (1, 1), (2, 2), (3, 3)");
      s.execute("UPDATE declared SET w = 20 WHERE id = 2");
      s.execute("CREATE TABLE loose (a INT, b VARCHAR(5)) WITH SYSTEM VERSIONING");
      s.execute("INSERT INTO loose VALUES (1, 'x'), (1, 'x'), (2, NULL)");
      s.execute("DELETE FROM loose WHERE a = 2");
    }
  }

  private static void assertCopied(DatabaseServer server, String target, BackupReport report)
      throws SQLException {
    assertTrue(report.allEqual(), report.summary());
    assertTrue(report.skipped().isEmpty(), report.summary());
    assertEquals(Dbs.string(server, source, CURRENT), Dbs.string(server, target, CURRENT));
    assertEquals(
        3,
        Dbs.count(
            server,
            target,
            "SELECT COUNT(*) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'SYSTEM VERSIONED'"));
    assertEquals(
        1,
        Dbs.count(
            server,
            target,
            "SELECT COUNT(DISTINCT INDEX_NAME) FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'kept' AND INDEX_NAME = 'by_v'"));
    assertEquals(
        30,
        Dbs.count(server, target, "SELECT COUNT(*) FROM kept FOR SYSTEM_TIME ALL"),
        "the current rows, no history");
    for (String table : new String[] {"kept", "declared", "loose"}) {
      assertTrue(
          report.warnings().stream()
              .anyMatch(w -> w.startsWith("NOTE: " + table + " is system-versioned")),
          report.summary());
    }
    for (TableReport table : report.tables()) {
      assertTrue(!table.method().contains("CHECKSUM TABLE"), report.summary());
    }
    Dbs.execute(server, target, "UPDATE kept SET v = -1 WHERE id = 1");
    assertEquals(
        31,
        Dbs.count(server, target, "SELECT COUNT(*) FROM kept FOR SYSTEM_TIME ALL"),
        "the copy keeps its own history from now on");
  }

  @Test
  void currentRowsAreCopiedAndTheTablesStaySystemVersioned(DatabaseServer server) throws Exception {
    String target = server.createDatabase("bk14_ver_dst");
    BackupReport report =
        Backup.run(Dbs.options(server, source, target).chunkRows(7).concurrency(3).build());
    assertCopied(server, target, report);
  }

  @Test
  void aBackupDirectoryRestoresThemToo(DatabaseServer server, @TempDir Path dir) throws Exception {
    BackupReport backup = Backup.run(Dbs.toDirectory(server, source, dir).chunkRows(7).build());
    assertTrue(backup.allEqual(), backup.summary());
    String target = server.createDatabase("bk14_ver_rst");
    BackupReport restore = Backup.run(Dbs.restore(server, dir, target).build());
    assertCopied(server, target, restore);
  }
}
