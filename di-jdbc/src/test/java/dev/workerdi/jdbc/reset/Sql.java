package dev.workerdi.jdbc.reset;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small JDBC helpers for the reset tests. Stateless and thread-safe. */
final class Sql {
  private Sql() {}

  static void exec(Connection connection, String... statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /** The first column of the first row, as a string ({@code null} for SQL NULL). */
  static String string(Connection connection, String query) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  static long number(Connection connection, String query) throws SQLException {
    String value = string(connection, query);
    return value == null ? 0 : Long.parseLong(value);
  }

  /** Whether {@code statements} run without an error (then the state they need is there). */
  static boolean succeeds(Connection connection, String... statements) {
    try {
      exec(connection, statements);
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  static long connectionId(Connection connection) throws SQLException {
    return number(connection, "SELECT CONNECTION_ID()");
  }
}
