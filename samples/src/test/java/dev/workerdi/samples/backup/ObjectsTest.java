package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.Golden;
import dev.workerdi.testing.RealDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Views, triggers, procedures, functions and events arrive with their DEFINER, SQL SECURITY,
 * sql_mode, time zone and character sets; a target user who may not set a definer stops the run or,
 * by option, owns the objects with one warning per object; users and grants come by option.
 */
@RealDatabase
class ObjectsTest {
  private static final String OWNER = "'bk14_owner'@'%'";
  private static final String LIMITED = "bk14_limited";
  private static final String READER = "'bk14_reader'@'%'";
  private static final String RUNNER = "'bk14_runner'@'%'"; // only a routine's privilege
  private static String source;

  @BeforeAll
  static void create(DatabaseServer server) throws SQLException {
    source = server.createDatabase("bk14_obj_src");
    try (Connection c = server.connect(source);
        Statement s = c.createStatement()) {
      s.execute("CREATE USER IF NOT EXISTS " + OWNER);
      s.execute("CREATE USER IF NOT EXISTS " + READER + " IDENTIFIED BY 'r3ader!'");
      s.execute("GRANT SELECT, INSERT ON `" + source + "`.* TO " + READER);
      s.execute("GRANT ALL PRIVILEGES ON `" + source + "`.* TO " + OWNER);
      s.execute("CREATE TABLE t (id INT NOT NULL PRIMARY KEY, v INT NOT NULL)");
      s.execute("INSERT INTO t SELECT seq, seq * 2 FROM seq_1_to_50");
      s.execute("CREATE TABLE log (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, what VARCHAR(40))");
      s.execute("SET SESSION character_set_client = latin1");
      s.execute("SET SESSION sql_mode = 'PIPES_AS_CONCAT,NO_ZERO_DATE'");
      s.execute(
          "CREATE DEFINER="
              + OWNER
              + " SQL SECURITY DEFINER VIEW doubled AS SELECT id, v * 2 AS w FROM t");
      s.execute(
          "CREATE DEFINER="
              + OWNER
              + " FUNCTION tag(x INT) RETURNS VARCHAR(20) DETERMINISTIC"
              + " RETURN 'n' || x");
      s.execute(
          "CREATE DEFINER="
              + OWNER
              + " PROCEDURE bump(IN d INT) SQL SECURITY INVOKER"
              + " UPDATE t SET v = v + d");
      s.execute(
          "CREATE DEFINER="
              + OWNER
              + " TRIGGER t_upd AFTER UPDATE ON t FOR EACH ROW"
              + " INSERT INTO log (what) VALUES ('up' || NEW.id)");
      s.execute("CREATE USER IF NOT EXISTS " + RUNNER);
      s.execute("GRANT EXECUTE ON FUNCTION `" + source + "`.tag TO " + READER);
      s.execute("GRANT EXECUTE ON PROCEDURE `" + source + "`.bump TO " + RUNNER);
      s.execute("SET SESSION time_zone = '+03:00'");
      s.execute(
          "CREATE DEFINER="
              + OWNER
              + " EVENT nightly ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 03:00:00'"
              + " DISABLE DO DELETE FROM log");
    }
  }

  @AfterAll
  static void dropUsers(DatabaseServer server) throws SQLException {
    try (Connection c = server.connect("");
        Statement s = c.createStatement()) {
      for (String user : List.of(OWNER, READER, RUNNER, "'" + LIMITED + "'@'%'")) {
        s.execute("DROP USER IF EXISTS " + user);
      }
    }
  }

  @Test
  void everyObjectArrivesWithItsDefinerSessionAndCharacterSets(DatabaseServer server)
      throws Exception {
    String target = server.createDatabase("bk14_obj_dst");
    BackupReport report = Backup.run(Dbs.options(server, source, target).users(true).build());
    assertTrue(report.allEqual(), report.summary());
    assertEquals(
        List.of(1, 1, 2, 1),
        List.of(report.views(), report.triggers(), report.routines(), report.events()));
    assertEquals(
        describe(server, source),
        describe(server, target).stream().map(line -> line.replace(target, source)).toList());
    Dbs.execute(server, target, "UPDATE t SET v = v + 1 WHERE id = 3");
    assertEquals(
        "up3",
        Dbs.string(server, target, "SELECT what FROM log"),
        "the trigger, under PIPES_AS_CONCAT");
    assertEquals("n7", Dbs.string(server, target, "SELECT tag(7)"));
    assertTrue(
        grants(server, READER)
                .contains("GRANT SELECT, INSERT ON `" + target.replace("_", "\\_") + "`.*")
            || grants(server, READER).contains("GRANT SELECT, INSERT ON `" + target + "`.*"),
        grants(server, READER));
    assertTrue(
        grants(server, READER).contains("GRANT EXECUTE ON FUNCTION `" + target + "`.`tag`"),
        grants(server, READER));
    assertTrue(
        grants(server, RUNNER).contains("GRANT EXECUTE ON PROCEDURE `" + target + "`.`bump`"),
        "an account whose only privilege is on a routine: " + grants(server, RUNNER));
  }

  @Test
  void aTargetUserWhoMayNotSetDefinersStopsTheRunOrOwnsTheObjectsWithAWarningEach(
      DatabaseServer server) throws Exception {
    String target = server.createDatabase("bk14_obj_lim");
    try (Connection c = server.connect("");
        Statement s = c.createStatement()) {
      s.execute("CREATE USER IF NOT EXISTS '" + LIMITED + "'@'%' IDENTIFIED BY 'l1mited!'");
      s.execute("GRANT ALL PRIVILEGES ON `" + target + "`.* TO '" + LIMITED + "'@'%'");
    }
    BackupOptions.Builder options =
        Dbs.options(server, source, target).target(server.jdbcUrl(""), LIMITED, "l1mited!");
    BackupException stopped =
        assertThrows(BackupException.class, () -> Backup.run(options.build()));
    Golden.assertMatches(
        "backup/definer_denied",
        stopped
            .getMessage()
            .replace(source, "<source>")
            .replace(target, "<target>")
            .replaceAll("//[^/]+/", "//<host>/")
            .replaceAll(
                "\\(error 1227: .*?\\); grant", "(error 1227: <the server's message>); grant"));

    BackupReport report =
        Backup.run(options.onDefinerDenied(BackupOptions.DefinerDenied.USE_TARGET_USER).build());
    assertTrue(report.allEqual(), report.summary());
    List<String> owned =
        report.warnings().stream()
            .filter(w -> w.contains("with the target user as its definer"))
            .toList();
    assertEquals(5, owned.size(), report.summary());
    assertEquals(
        List.of(LIMITED + "@%"),
        Dbs.string(
                server,
                target,
                "SELECT GROUP_CONCAT(DISTINCT DEFINER) FROM"
                    + " (SELECT DEFINER FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() UNION ALL SELECT DEFINER"
                    + " FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() UNION ALL SELECT DEFINER FROM"
                    + " information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() UNION ALL SELECT DEFINER FROM"
                    + " information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()) AS d")
            .lines()
            .toList());
  }

  /** One line per object: its definer, security, sql_mode, time zone, character sets and body. */
  private static List<String> describe(DatabaseServer server, String db) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Connection c = server.connect(db);
        Statement s = c.createStatement()) {
      collect(
          s,
          lines,
          "SELECT CONCAT_WS('|', TABLE_NAME, DEFINER, SECURITY_TYPE, CHARACTER_SET_CLIENT,"
              + " COLLATION_CONNECTION, VIEW_DEFINITION) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()");
      collect(
          s,
          lines,
          "SELECT CONCAT_WS('|', ROUTINE_TYPE, ROUTINE_NAME, DEFINER, SECURITY_TYPE, SQL_MODE,"
              + " CHARACTER_SET_CLIENT, COLLATION_CONNECTION, ROUTINE_DEFINITION) FROM information_schema.ROUTINES"
              + " WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY ROUTINE_NAME");
      collect(
          s,
          lines,
          "SELECT CONCAT_WS('|', TRIGGER_NAME, DEFINER, SQL_MODE, CHARACTER_SET_CLIENT,"
              + " COLLATION_CONNECTION, ACTION_STATEMENT) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()");
      collect(
          s,
          lines,
          "SELECT CONCAT_WS('|', EVENT_NAME, DEFINER, SQL_MODE, TIME_ZONE, STATUS, STARTS,"
              + " CHARACTER_SET_CLIENT, COLLATION_CONNECTION, EVENT_DEFINITION) FROM information_schema.EVENTS"
              + " WHERE EVENT_SCHEMA = DATABASE()");
    }
    assertEquals(5, lines.size(), lines.toString());
    return lines;
  }

  private static void collect(Statement s, List<String> lines, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        lines.add(r.getString(1));
      }
    }
  }

  private static String grants(DatabaseServer server, String account) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Connection c = server.connect("");
        Statement s = c.createStatement()) {
      collect(s, lines, "SHOW GRANTS FOR " + account);
    }
    return String.join("\n", lines);
  }
}
