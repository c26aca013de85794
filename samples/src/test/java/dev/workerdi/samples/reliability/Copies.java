package dev.workerdi.samples.reliability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An independent look at a backup, computed here with the administrator's connection, not by the
 * backup: for every base table of a database, its row count, its count of distinct rows and its
 * {@code CHECKSUM TABLE}. Equal maps for source and target mean no missing row (counts), no
 * duplicate (distinct counts; a table without a key may hold identical rows on purpose, as many as
 * the source) and the same content (checksums). Stateless.
 */
final class Copies {
  private Copies() {}

  static Map<String, String> fingerprint(Connection admin, String database) throws SQLException {
    Map<String, String> tables = new TreeMap<>();
    try (Statement s = admin.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet rows =
          s.executeQuery(
              "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                  + database
                  + "' AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME NOT LIKE '\\_backup%'")) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
      for (String table : names) {
        String name = "`" + database + "`.`" + table + "`";
        tables.put(
            table,
            "rows="
                + number(s, "SELECT COUNT(*) FROM " + name)
                + " distinct="
                + number(s, "SELECT COUNT(*) FROM (SELECT DISTINCT * FROM " + name + ") AS d")
                + " checksum="
                + checksum(s, name));
      }
    }
    return tables;
  }

  private static long number(Statement s, String sql) throws SQLException {
    try (ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static String checksum(Statement s, String table) throws SQLException {
    try (ResultSet rows = s.executeQuery("CHECKSUM TABLE " + table)) {
      rows.next();
      return rows.getString(2);
    }
  }
}
