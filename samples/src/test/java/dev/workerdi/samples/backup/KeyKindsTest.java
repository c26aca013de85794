package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.RealDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keyset pagination over every kind of key, with chunks of 7 rows so that many bounds are crossed:
 * DECIMAL, case-insensitive VARCHAR, DATE + TIME, DOUBLE, huge BIGINT UNSIGNED, BIT, YEAR, binary
 * with 0x00/0xFF, a unique key standing in for a missing primary key, and keys that cannot be used
 * (ENUM, nullable unique) falling back to one stream.
 */
@RealDatabase
class KeyKindsTest {
  private static final String DIGITS =
      "(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3"
          + " UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8"
          + " UNION ALL SELECT 9)";
  private static final String SEQ =
      " FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1 AS n FROM "
          + DIGITS
          + " a CROSS JOIN "
          + DIGITS
          + " b CROSS JOIN "
          + DIGITS
          + " c) AS s WHERE n <= 200";
  private static final Map<String, String> TABLES =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry(
                  "dec_key",
                  "CREATE TABLE dec_key (k DECIMAL(10,3) PRIMARY KEY, v INT)|SELECT n * 1.125 - 100.5, n"),
              Map.entry(
                  "ci_key",
                  "CREATE TABLE ci_key (k VARCHAR(20) COLLATE utf8mb4_general_ci PRIMARY KEY, v INT)"
                      + "|SELECT CONCAT(ELT(1 + n % 4, 'a', 'B', 'ç', 'Ω'), n), n"),
              Map.entry(
                  "dt_key",
                  "CREATE TABLE dt_key (d DATE, t TIME(3), v INT, PRIMARY KEY (d, t))"
                      + "|SELECT DATE '2020-01-01' + INTERVAL n % 5 DAY, SEC_TO_TIME(n * 1001 / 1000 - 100), n"),
              Map.entry(
                  "float_key",
                  "CREATE TABLE float_key (f DOUBLE PRIMARY KEY, g FLOAT)|SELECT n / 7e0 - 10, n / 3e0"),
              Map.entry(
                  "big_key",
                  "CREATE TABLE big_key (k BIGINT UNSIGNED PRIMARY KEY, v INT)"
                      + "|SELECT 18446744073709551615 - n * 12345678901234, n"),
              Map.entry(
                  "bit_key", "CREATE TABLE bit_key (b BIT(8) PRIMARY KEY, v INT)|SELECT n + 50, n"),
              Map.entry(
                  "year_key",
                  "CREATE TABLE year_key (y YEAR PRIMARY KEY, v INT)|SELECT 1901 + n, n"),
              Map.entry(
                  "bin_key",
                  "CREATE TABLE bin_key (b VARBINARY(8) PRIMARY KEY, v INT)"
                      + "|SELECT IF(n = 1, X'00', IF(n = 2, X'FFFF', UNHEX(LPAD(HEX(n * 977), 6, '0')))), n"),
              Map.entry(
                  "unique_only",
                  "CREATE TABLE unique_only (code VARCHAR(10) NOT NULL, v INT NULL, UNIQUE KEY uk (code))"
                      + "|SELECT CONCAT('c', n), IF(n % 3 = 0, NULL, n)"),
              Map.entry(
                  "enum_key",
                  "CREATE TABLE enum_key (e ENUM('z','y','x') PRIMARY KEY, v INT)"
                      + "|SELECT ELT(n, 'x', 'y', 'z'), n FROM (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3) AS s WHERE n < 9"),
              Map.entry(
                  "nullable_unique",
                  "CREATE TABLE nullable_unique (k INT NULL, UNIQUE KEY (k))"
                      + "|SELECT IF(n % 10 = 0, NULL, n)")));
  private static String source;

  @BeforeAll
  static void create(DatabaseServer server) throws Exception {
    source = server.createDatabase("keys_src");
    try (Connection c = server.connect(source);
        Statement s = c.createStatement()) {
      for (Map.Entry<String, String> table : TABLES.entrySet()) {
        String[] parts = table.getValue().split("\\|");
        s.execute(parts[0]);
        s.execute(
            "INSERT INTO "
                + table.getKey()
                + " "
                + parts[1]
                + (parts[1].contains(" FROM ") ? "" : SEQ));
      }
    }
  }

  @Test
  void everyKeyKindSplitsAndCopiesExactly(DatabaseServer server) throws Exception {
    String target = server.createDatabase("keys_dst");
    BackupReport report =
        Backup.run(
            Dbs.options(server, source, target)
                .concurrency(3)
                .chunkRows(7)
                .verify(BackupOptions.Verify.SQL_HASH)
                .keepCheckpoints(true)
                .build());
    assertTrue(report.allEqual(), report.summary());
    Map<String, String> keys = new TreeMap<>();
    report.tables().forEach(t -> keys.put(t.table(), t.key()));
    assertEquals("PRIMARY(d, t)", keys.get("dt_key"));
    assertEquals("uk(code)", keys.get("unique_only"));
    assertTrue(keys.get("enum_key").startsWith("no usable key"), keys.get("enum_key"));
    assertTrue(
        keys.get("nullable_unique").startsWith("no usable key"), keys.get("nullable_unique"));
    assertTrue(report.totalChunks() > 200, "many small chunks: " + report.totalChunks());
    for (String table : TABLES.keySet()) {
      String count = "SELECT COUNT(*) FROM " + table;
      assertEquals(Dbs.count(server, source, count), Dbs.count(server, target, count), table);
      try (Connection s = server.connect(source);
          Connection t = server.connect(target)) {
        assertEquals(checksum(s, table), checksum(t, table), table);
      }
    }
  }

  private static String checksum(Connection connection, String table) throws Exception {
    try (Statement s = connection.createStatement();
        var rows = s.executeQuery("CHECKSUM TABLE " + table)) {
      rows.next();
      return rows.getString(2);
    }
  }
}
