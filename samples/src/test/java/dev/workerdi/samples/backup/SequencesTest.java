package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.RealDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MariaDB sequences are copied before the tables (a column's {@code DEFAULT NEXTVAL(s)} needs them:
 * without them the table cannot be created) with their definition and state, so that the copy's
 * next value is the source's: an ascending one, a descending cycling one that has gone round, one a
 * table's default draws from; the same through a backup directory and its restore.
 */
@RealDatabase
class SequencesTest {
  private static String source;

  @BeforeAll
  static void create(DatabaseServer server) throws SQLException {
    source = server.createDatabase("bk14_seq_src");
    try (Connection c = server.connect(source);
        Statement s = c.createStatement()) {
      s.execute("CREATE SEQUENCE ids START WITH 100 INCREMENT BY 5 CACHE 10");
      s.execute(
          "CREATE TABLE t (id BIGINT NOT NULL DEFAULT NEXTVAL(ids) PRIMARY KEY, v INT NOT NULL)");
      s.execute("INSERT INTO t (v) SELECT seq FROM seq_1_to_25");
      s.execute(
          "CREATE SEQUENCE down START WITH -1 INCREMENT BY -1 MINVALUE -3 MAXVALUE -1 CACHE 0 CYCLE");
      for (int i = 0; i < 4; i++) { // -1, -2, -3, then round 1 starts again: -1; next -2
        s.execute("SELECT NEXTVAL(down)");
      }
    }
  }

  /** Each sequence's next value and round, as the server tells them (drawing nothing). */
  private static List<String> states(DatabaseServer server, String database) throws SQLException {
    return List.of(
        Dbs.string(
            server,
            database,
            "SELECT CONCAT(next_not_cached_value, ' ', cycle_count, ' ', increment) FROM ids"),
        Dbs.string(
            server,
            database,
            "SELECT CONCAT(next_not_cached_value, ' ', cycle_count, ' ', increment) FROM down"));
  }

  private static void assertCopied(DatabaseServer server, String target) throws SQLException {
    List<String> states = states(server, source);
    assertEquals(states, states(server, target));
    assertEquals(
        states.get(0).split(" ")[0],
        Dbs.string(server, target, "SELECT NEXTVAL(ids)"),
        "the copy's next value is the first the source has not handed out nor cached");
    assertEquals("-2", Dbs.string(server, target, "SELECT NEXTVAL(down)"), "in round 1");
    List<String> sourceStates = states(server, source);
    Dbs.execute(server, target, "INSERT INTO t (v) VALUES (26)");
    assertEquals(
        "26",
        Dbs.string(server, target, "SELECT v FROM t WHERE id = (SELECT MAX(id) FROM t)"),
        "the table's default draws from the copied sequence, after the copied rows");
    assertEquals(sourceStates, states(server, source), "and not from the source's");
    assertEquals(
        "nextval(`" + target + "`.`ids`)",
        Dbs.string(
            server,
            target,
            "SELECT COLUMN_DEFAULT FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't' AND COLUMN_NAME = 'id'"));
    assertEquals(26, Dbs.count(server, target, "SELECT COUNT(*) FROM t"));
  }

  @Test
  void sequencesArriveBeforeTheTablesWithTheSourcesNextValue(DatabaseServer server)
      throws Exception {
    String target = server.createDatabase("bk14_seq_dst");
    BackupReport report = Backup.run(Dbs.options(server, source, target).build());
    assertTrue(report.allEqual(), report.summary());
    assertEquals(2, report.sequences(), report.summary());
    assertTrue(report.skipped().isEmpty(), report.summary());
    assertTrue(report.summary().contains(" 2 sequence(s) recreated"), report.summary());
    assertCopied(server, target);
  }

  @Test
  void aBackupDirectoryKeepsTheSequencesAndItsRestoreRecreatesThem(
      DatabaseServer server, @TempDir Path dir) throws Exception {
    BackupReport backup = Backup.run(Dbs.toDirectory(server, source, dir).build());
    assertTrue(backup.allEqual(), backup.summary());
    assertEquals(2, backup.sequences(), backup.summary());
    String target = server.createDatabase("bk14_seq_rst");
    BackupReport restore = Backup.run(Dbs.restore(server, dir, target).build());
    assertTrue(restore.allEqual(), restore.summary());
    assertEquals(2, restore.sequences(), restore.summary());
    assertCopied(server, target);
  }
}
