package dev.workerdi.samples.backup;

import dev.workerdi.core.Secret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Small JDBC helpers: identifier quoting, URLs per database, masking, one-off statements.
 * Stateless.
 */
final class Jdbc {
  private Jdbc() {}

  /** {@code name} as a MySQL identifier in backquotes. */
  static String q(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /**
   * The server URL {@code jdbc:mysql://host:port[/anything][?options]} with {@code database} as its
   * default database ({@code ""} for none); the options are kept.
   */
  static String withDatabase(String serverUrl, String database) {
    int hosts = serverUrl.indexOf("//");
    if (!serverUrl.startsWith("jdbc:") || hosts < 0) {
      throw new IllegalArgumentException(
          "Not a JDBC URL like jdbc:mysql://host:3306/: " + Secret.maskUrl(serverUrl));
    }
    int end = hosts + 2;
    while (end < serverUrl.length()
        && serverUrl.charAt(end) != '/'
        && serverUrl.charAt(end) != '?') {
      end++;
    }
    int query = serverUrl.indexOf('?', end);
    return serverUrl.substring(0, end)
        + "/"
        + database
        + (query < 0 ? "" : serverUrl.substring(query));
  }

  /** {@code text} with password options and the password itself masked. */
  static String mask(String text, String... passwords) {
    String masked = Secret.maskUrl(String.valueOf(text));
    for (String password : passwords) {
      if (password != null && !password.isEmpty()) {
        masked = masked.replace(password, "******");
      }
    }
    return masked;
  }

  /** A connection outside any pool, for work before the workers start; the caller closes it. */
  static Connection connect(String url, String user, String password) throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** The first column of every row of {@code sql}, as strings. */
  static List<String> strings(Connection connection, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  /** The single number {@code sql} answers. */
  static long number(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
