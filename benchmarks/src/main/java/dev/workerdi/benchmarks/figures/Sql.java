package dev.workerdi.benchmarks.figures;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs statements on a connection and drains their results. Stateless. */
final class Sql {
  /** Where loops put what they produce, so the JIT cannot drop the work. */
  static volatile Object sink;

  private Sql() {}

  /** Runs each statement, reading every row of every result. */
  static void run(Connection connection, String... statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        if (statement.execute(sql)) {
          try (ResultSet rows = statement.getResultSet()) {
            while (rows.next()) {
              sink = rows.getObject(1);
            }
          }
        }
      }
    }
  }

  /** The single number {@code sql} answers. */
  static long number(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** The server's global {@code Questions} counter: statements clients sent, this one included. */
  static long questions(Connection connection) throws SQLException {
    return number(
        connection,
        "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
            + " WHERE VARIABLE_NAME = 'QUESTIONS'");
  }
}
