package dev.workerdi.samples.backup;

import dev.workerdi.testing.DatabaseServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test helpers: options for a backup on the test server, and independent looks at its databases.
 */
final class Dbs {
  static final List<String> TABLES =
      List.of("audit_log", "customers", "events", "orders", "products", "readings");

  private Dbs() {}

  static BackupOptions.Builder options(DatabaseServer server, String source, String target) {
    return BackupOptions.builder()
        .source(server.jdbcUrl(""), server.user(), server.password())
        .target(server.jdbcUrl(""), server.user(), server.password())
        .databases(source, target);
  }

  /** A backup of {@code source} into directory {@code dir}. */
  static BackupOptions.Builder toDirectory(DatabaseServer server, String source, Path dir) {
    return BackupOptions.builder()
        .source(server.jdbcUrl(""), server.user(), server.password())
        .databases(source, "unused")
        .toDirectory(dir);
  }

  /** A restore of directory {@code dir} into {@code into}, replacing what it holds. */
  static BackupOptions.Builder restore(DatabaseServer server, Path dir, String into) {
    return BackupOptions.builder()
        .target(server.jdbcUrl(""), server.user(), server.password())
        .databases("backup_source", into)
        .restoreFrom(dir)
        .fresh(true);
  }

  /**
   * {@code CHECKSUM TABLE} and {@code COUNT(*)} of every sample table, computed here, not by the
   * backup.
   */
  static Map<String, String> checksums(DatabaseServer server, String database) throws SQLException {
    Map<String, String> sums = new TreeMap<>();
    try (Connection c = server.connect(database);
        Statement s = c.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet r = s.executeQuery("CHECKSUM TABLE `" + table + "`")) {
          r.next();
          sums.put(table, r.getString(2) + "/" + count(c, "SELECT COUNT(*) FROM `" + table + "`"));
        }
      }
    }
    return sums;
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  static long count(DatabaseServer server, String database, String sql) throws SQLException {
    try (Connection c = server.connect(database)) {
      return count(c, sql);
    }
  }

  static String string(DatabaseServer server, String database, String sql) throws SQLException {
    try (Connection c = server.connect(database);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getString(1) : null;
    }
  }

  static void execute(DatabaseServer server, String database, String sql) throws SQLException {
    try (Connection c = server.connect(database);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Every key value is there once: rows equal distinct keys, for each keyed sample table. */
  static void assertKeysUnique(DatabaseServer server, String database) throws SQLException {
    Map<String, String> keys =
        Map.of(
            "customers",
            "id",
            "orders",
            "customer_id, order_no",
            "products",
            "sku",
            "readings",
            "sensor, taken_at",
            "audit_log",
            "id");
    for (Map.Entry<String, String> key : keys.entrySet()) {
      long rows = count(server, database, "SELECT COUNT(*) FROM " + key.getKey());
      long distinct =
          count(
              server,
              database,
              "SELECT COUNT(*) FROM (SELECT DISTINCT "
                  + key.getValue()
                  + " FROM "
                  + key.getKey()
                  + ") AS k");
      org.junit.jupiter.api.Assertions.assertEquals(
          rows, distinct, key.getKey() + ": duplicate keys");
    }
  }

  /** The chunks the checkpoint table of {@code database} has done; 0 before it exists. */
  static long doneChunks(DatabaseServer server, String database) throws SQLException {
    if (count(
            server,
            database,
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = '_backup_checkpoint'")
        == 0) {
      return 0;
    }
    return count(
        server,
        database,
        "SELECT COUNT(*) FROM _backup_checkpoint WHERE done AND table_name <> ''");
  }
}
