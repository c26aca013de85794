package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.RealDatabase;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A backup of the generated sample database (every column type, a composite, a VARCHAR and a binary
 * key, a table without a key, a view on a view, a trigger) arrives whole, on a real server.
 */
@RealDatabase
class BackupRoundTripTest {
  private static final int ROWS = 3_000;
  private static String source;

  @BeforeAll
  static void generate(DatabaseServer server) {
    source = server.createDatabase("backup_src");
    SampleData.Result made =
        SampleData.generate(server.jdbcUrl(""), server.user(), server.password(), source, ROWS);
    assertEquals(6, made.rows().size());
    assertTrue(made.totalRows() >= ROWS, made.toString());
  }

  @Test
  void everyTableArrivesWithEqualChecksumsAndTheViewsAndTriggerComeAcross(DatabaseServer server)
      throws Exception {
    String target = server.createDatabase("backup_dst");
    BackupReport report =
        Backup.run(
            Dbs.options(server, source, target)
                .concurrency(3)
                .workers(2)
                .chunkRows(250)
                .verify(BackupOptions.Verify.CHECKSUM_TABLE)
                .build());

    assertTrue(report.allEqual(), report.summary());
    assertEquals(6, report.tables().size());
    assertEquals(
        Dbs.checksums(server, source),
        Dbs.checksums(server, target),
        "checksums computed by the test");
    assertEquals(report.rowsCopied(), report.rowsVerified());
    assertTrue(report.totalChunks() > 10, "split into ranges: " + report.totalChunks());
    assertEquals(2, report.views());
    assertEquals(1, report.triggers());
    assertTrue(
        report.tables().stream()
            .anyMatch(t -> t.table().equals("events") && t.key().startsWith("no usable key")));
    assertTrue(
        report.tables().stream()
            .anyMatch(
                t ->
                    t.table().equals("orders")
                        && t.key().equals("PRIMARY(customer_id, order_no)")));
    assertEquals(
        0,
        Dbs.count(
            server,
            target,
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA ="
                + " DATABASE() AND TABLE_NAME = '_backup_checkpoint'"),
        "checkpoints dropped after a verified backup");
    Dbs.assertKeysUnique(server, target);
  }

  @Test
  void edgeValuesAreExact(DatabaseServer server) throws Exception {
    String target = server.createDatabase("backup_edges");
    assertTrue(
        Backup.run(Dbs.options(server, source, target).concurrency(2).chunkRows(500).build())
            .allEqual());
    for (String sql :
        new String[] {
          "SELECT CONCAT_WS('|', HEX(name), HEX(notes), CAST(created_at AS CHAR), score + 0e0, ratio, HEX(prefs))"
              + " FROM customers WHERE id IN (1, 2, 3) ORDER BY id",
          "SELECT GROUP_CONCAT(CONCAT_WS('|', HEX(sensor), CAST(taken_at AS CHAR), value, counter, ST_AsText(place))"
              + " ORDER BY sensor, taken_at) FROM readings WHERE counter IN (0, 18446744073709551615)",
          "SELECT GROUP_CONCAT(CONCAT_WS('|', HEX(sku), bits + 0, HEX(thumbnail), ST_AsText(outline)) ORDER BY sku)"
              + " FROM products WHERE sku IN ('', 'a b')",
          "SELECT COUNT(*) FROM events WHERE happened_at IS NULL AND kind IS NULL AND message IS NULL"
        }) {
      String expected = Dbs.string(server, source, sql);
      assertNotNull(expected, sql);
      assertEquals(expected, Dbs.string(server, target, sql), sql);
    }
    assertTrue(
        Dbs.string(server, target, "SELECT name FROM customers WHERE id = 1")
            .startsWith("\uD83D\uDE00 Zoë"),
        "4-byte emoji");
  }

  @Test
  void viewsAreInDependencyOrderAndTheTriggerWorksInTheTarget(DatabaseServer server)
      throws Exception {
    String target = server.createDatabase("backup_objects");
    assertTrue(
        Backup.run(Dbs.options(server, source, target).concurrency(4).chunkRows(1_000).build())
            .allEqual());
    assertEquals(
        Dbs.count(server, source, "SELECT COUNT(*) FROM big_spenders"),
        Dbs.count(server, target, "SELECT COUNT(*) FROM big_spenders"));
    long audits = Dbs.count(server, target, "SELECT COUNT(*) FROM audit_log");
    Dbs.execute(server, target, "UPDATE customers SET balance = balance + 1 WHERE id = 5");
    assertEquals(
        audits + 1,
        Dbs.count(server, target, "SELECT COUNT(*) FROM audit_log"),
        "the trigger fires in the target");
  }

  @Test
  void theSqlHashAgreesOnACopyAndCatchesAChangedRow(DatabaseServer server) throws Exception {
    String target = server.createDatabase("backup_hash");
    BackupOptions options =
        Dbs.options(server, source, target)
            .concurrency(1)
            .chunkRows(400)
            .verify(BackupOptions.Verify.SQL_HASH)
            .keepCheckpoints(true)
            .build();
    BackupReport first = Backup.run(options);
    assertTrue(first.allEqual(), first.summary());
    assertEquals("SQL hash", first.tables().get(0).method());

    Dbs.execute(
        server,
        target,
        "UPDATE events SET message = 'changed' WHERE message = 'event 7 ok' LIMIT 1");
    Dbs.execute(
        server,
        target,
        "UPDATE readings SET value = 42.5 WHERE value <> 42.5 ORDER BY sensor, taken_at LIMIT 1");
    BackupReport again = Backup.run(options);
    assertEquals(0, again.rowsCopied(), "everything was done: a rerun only verifies");
    assertFalse(again.allEqual(), again.summary());
    Map<String, Boolean> equal = new java.util.TreeMap<>();
    again.tables().forEach(t -> equal.put(t.table(), t.equal()));
    assertEquals(
        Map.of(
            "audit_log",
            true,
            "customers",
            true,
            "events",
            false,
            "orders",
            true,
            "products",
            true,
            "readings",
            false),
        equal);
  }
}
