package dev.workerdi.samples.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Copies the accounts that hold privileges on the source database (database, table, column or
 * routine level) and those privileges, renamed to the target database: {@code SHOW CREATE USER}
 * becomes {@code CREATE USER IF NOT EXISTS} (an existing account keeps its password), and every
 * {@code SHOW GRANTS} line on the source database or one of its routines is granted on the target
 * one (after the routines exist there). Global privileges and privileges on other databases are not
 * copied, and each such account says so. An account whose only privileges are on routines is found
 * in {@code mysql.procs_priv}, when the source user may read it. Stateless.
 */
final class Users {
  private Users() {}

  /** Copies them; returns one note per account (what was copied, what was left out). */
  static List<String> copy(Connection source, Connection target, String sourceDb, String targetDb)
      throws SQLException {
    List<String> notes = new ArrayList<>();
    for (String grantee : grantees(source, sourceDb)) {
      String create = single(source, "SHOW CREATE USER " + grantee);
      Jdbc.execute(
          target, create.replaceFirst("^(?i)CREATE USER\\s+", "CREATE USER IF NOT EXISTS "));
      int granted = 0;
      int skipped = 0;
      for (String grant : Jdbc.strings(source, "SHOW GRANTS FOR " + grantee)) {
        String renamed = renamed(grant, sourceDb, targetDb);
        if (renamed == null) {
          skipped += grant.startsWith("GRANT USAGE ON *.*") ? 0 : 1;
        } else {
          Jdbc.execute(target, renamed);
          granted++;
        }
      }
      notes.add(
          "NOTE: account "
              + grantee
              + " copied with "
              + granted
              + " grant(s) on "
              + targetDb
              + (skipped == 0
                  ? ""
                  : "; "
                      + skipped
                      + " grant(s) on other objects (global or other databases) not copied"));
    }
    return notes;
  }

  /** {@code 'user'@'host'} of every account with privileges on {@code database}. */
  private static List<String> grantees(Connection source, String database) throws SQLException {
    Set<String> grantees = new TreeSet<>();
    try (PreparedStatement s =
        source.prepareStatement(
            "SELECT GRANTEE FROM information_schema.SCHEMA_PRIVILEGES"
                + " WHERE TABLE_SCHEMA IN (?, ?) UNION SELECT GRANTEE FROM information_schema.TABLE_PRIVILEGES"
                + " WHERE TABLE_SCHEMA = ? UNION SELECT GRANTEE FROM information_schema.COLUMN_PRIVILEGES"
                + " WHERE TABLE_SCHEMA = ? ORDER BY 1")) {
      String escaped = escaped(database);
      s.setString(1, database);
      s.setString(2, escaped);
      s.setString(3, database);
      s.setString(4, database);
      addFirstColumn(s, grantees);
    }
    try (PreparedStatement s =
        source.prepareStatement(
            "SELECT DISTINCT CONCAT('''', User, '''@''', Host, '''') FROM mysql.procs_priv"
                + " WHERE Db = ?")) {
      s.setString(1, database);
      addFirstColumn(s, grantees);
    } catch (SQLException e) {
      if (e.getErrorCode() != 1142 && e.getErrorCode() != 1044) { // no SELECT on mysql.procs_priv
        throw e;
      }
    }
    return List.copyOf(grantees);
  }

  private static void addFirstColumn(PreparedStatement query, Set<String> into)
      throws SQLException {
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        into.add(rows.getString(1));
      }
    }
  }

  /**
   * {@code grant} on the target database, or {@code null} when it is not on the source database.
   */
  static String renamed(String grant, String sourceDb, String targetDb) {
    for (String form : List.of(sourceDb, escaped(sourceDb))) {
      for (String object : List.of(" ON ", " ON PROCEDURE ", " ON FUNCTION ")) {
        String on = object + Jdbc.q(form) + ".";
        int at = grant.indexOf(on);
        if (at > 0) {
          String name = form.equals(sourceDb) ? targetDb : escaped(targetDb);
          return grant.substring(0, at)
              + object
              + Jdbc.q(name)
              + "."
              + grant.substring(at + on.length());
        }
      }
    }
    return null;
  }

  /** The name with {@code _} and {@code %} escaped, as GRANT stores a literal database name. */
  private static String escaped(String database) {
    return database.replace("_", "\\_").replace("%", "\\%");
  }

  private static String single(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }
}
