package dev.workerdi.jdbc.reliability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers for the reliability tests. Stateless and thread-safe. */
final class Sql {
  private Sql() {}

  static void exec(Connection connection, String... statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /** The first column of the first row as a number (0 for no row or SQL NULL). */
  static long number(Connection connection, String query) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  /** The first column of every row, as numbers. */
  static List<Long> numbers(Connection connection, String query) throws SQLException {
    List<Long> values = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getLong(1));
      }
    }
    return values;
  }

  static long connectionId(Connection connection) throws SQLException {
    return number(connection, "SELECT CONNECTION_ID()");
  }
}
