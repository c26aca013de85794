package dev.workerdi.jdbc.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The small JDBC helpers every di-jdbc test package uses. Stateless and thread-safe. */
public final class Sql {
  private Sql() {}

  public static void exec(Connection connection, String... statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /** Whether {@code statements} run without an error (then the state they need is there). */
  public static boolean succeeds(Connection connection, String... statements) {
    try {
      exec(connection, statements);
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** The first column of the first row, as a string ({@code null} for no row or SQL NULL). */
  public static String string(Connection connection, String query) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  /** The first column of the first row as a number (0 for no row or SQL NULL). */
  public static long number(Connection connection, String query) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  /** The first column of the first row as a number; fails the test when there is no row. */
  public static long scalar(Connection connection, String query) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      assertTrue(rows.next(), "no row: " + query);
      return rows.getLong(1);
    }
  }

  /** The first column of the first row as a string; fails the test when there is no row. */
  public static String text(Connection connection, String query) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      assertTrue(rows.next(), "no row: " + query);
      return rows.getString(1);
    }
  }

  /** The first column of every row, as numbers. */
  public static List<Long> numbers(Connection connection, String query) throws SQLException {
    List<Long> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        values.add(rows.getLong(1));
      }
    }
    return values;
  }

  public static long connectionId(Connection connection) throws SQLException {
    return number(connection, "SELECT CONNECTION_ID()");
  }

  /**
   * The connections (other than the observer's) that run a statement in database {@code db}, one
   * line each ({@code id command state time info}), after waiting up to 2 s for them to finish: a
   * statement the server is still winding down (a rollback after a deadlock, a reset) is not a
   * leak, one that runs past that window is. Empty when none runs.
   */
  public static List<String> statementsRunning(Connection observer, String db) throws SQLException {
    List<String> running = List.of();
    for (int attempt = 0; attempt < 40; attempt++) {
      running = new ArrayList<>();
      try (Statement statement = observer.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT ID, COMMAND, STATE, TIME, INFO FROM information_schema.PROCESSLIST"
                      + " WHERE DB = '"
                      + db
                      + "' AND COMMAND NOT IN ('Sleep', 'Connect', 'Quit')"
                      + " AND ID <> CONNECTION_ID()")) {
        while (rows.next()) {
          running.add(
              rows.getLong(1)
                  + " "
                  + rows.getString(2)
                  + " "
                  + rows.getString(3)
                  + " "
                  + rows.getLong(4)
                  + "s "
                  + rows.getString(5));
        }
      }
      if (running.isEmpty()) {
        return running;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return running;
      }
    }
    return running;
  }

  /** Waits (up to 2 s) until server connection {@code id} runs a {@code SELECT SLEEP(...)}. */
  public static void awaitSleeping(Connection observer, long id) throws Exception {
    for (int i = 0; i < 200; i++) {
      if (scalar(
              observer,
              "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = "
                  + id
                  + " AND INFO LIKE 'SELECT SLEEP%'")
          == 1) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the query never started");
  }
}
