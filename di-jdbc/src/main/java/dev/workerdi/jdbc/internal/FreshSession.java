package dev.workerdi.jdbc.internal;

import com.mysql.cj.jdbc.JdbcConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a freshly opened connection of a pool looks like, read once from one (its character sets,
 * autocommit, isolation, read-only, {@code sql_mode}, time zone, tracking switches, role and schema),
 * and the single MariaDB statement that puts a reset session back into that state: after {@code
 * COM_RESET_CONNECTION}, which keeps the schema, the role and {@code FOUND_ROWS()} and sets every
 * variable to its global value, one compound statement selects the schema again ({@code EXECUTE
 * IMMEDIATE 'USE ...'}, since {@code USE} is not allowed in a compound statement), sets the role,
 * sets every variable back and zeroes {@code LAST_INSERT_ID()}, then leaves the row counts and the
 * (empty) warnings a fresh connection shows. Immutable and thread-safe.
 */
final class FreshSession {
  private static final String[] VARIABLES = {"character_set_client", "character_set_connection",
      "collation_connection", "character_set_results", "autocommit", "tx_isolation", "transaction_isolation",
      "tx_read_only", "transaction_read_only", "sql_mode", "time_zone", "session_track_state_change",
      "session_track_schema", "session_track_transaction_info", "session_track_system_variables"};

  /**
   * Leaves {@code FOUND_ROWS()} 1, {@code ROW_COUNT()} 0 and no warnings, as on a fresh Connector/J
   * connection: a statement that reads a table clears the warnings, the {@code DO} sets the row count.
   */
  static final String RESULTS = "SELECT 1 FROM information_schema.CHARACTER_SETS LIMIT 1; DO 0";

  private final String restore;
  private final String schema;

  private FreshSession(String restore, String schema) {
    this.restore = restore;
    this.schema = schema;
  }

  /** Reads a fresh connection; {@code null} when the server is not MariaDB (no compound statements). */
  static FreshSession read(JdbcConnection fresh, String sessionVariables) throws SQLException {
    if (!isMariaDb(fresh)) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    String role;
    String schema;
    try (Statement statement = fresh.createStatement()) {
      try (ResultSet rows = statement.executeQuery("SELECT LOWER(VARIABLE_NAME), VARIABLE_VALUE"
          + " FROM information_schema.SESSION_VARIABLES WHERE VARIABLE_NAME IN (" + quotedNames() + ")")) {
        while (rows.next()) {
          values.put(rows.getString(1), rows.getString(2));
        }
      }
      try (ResultSet rows = statement.executeQuery("SELECT CURRENT_ROLE(), DATABASE()")) {
        rows.next();
        role = rows.getString(1);
        schema = rows.getString(2);
      }
    }
    dropDeprecated(values, "tx_isolation", "transaction_isolation");
    dropDeprecated(values, "tx_read_only", "transaction_read_only");
    return new FreshSession(restoreStatement(values, role, schema, sessionVariables), schema);
  }

  private static boolean isMariaDb(JdbcConnection connection) throws SQLException {
    return connection.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb");
  }

  /** The one statement that follows {@code COM_RESET_CONNECTION}. */
  String restore() {
    return restore;
  }

  /** The schema of a fresh connection, or {@code null} for none (then a changed schema cannot be undone). */
  String schema() {
    return schema;
  }

  private static String restoreStatement(Map<String, String> values, String role, String schema,
      String sessionVariables) {
    StringBuilder sql = new StringBuilder("BEGIN NOT ATOMIC ");
    if (schema != null) {
      sql.append("EXECUTE IMMEDIATE ").append(literal("USE `" + schema.replace("`", "``") + "`")).append("; ");
    }
    sql.append("SET ROLE ").append(role == null ? "NONE" : "`" + role.replace("`", "``") + "`").append("; ");
    sql.append("SET last_insert_id = 0");
    values.forEach((name, value) -> sql.append(", ").append(name).append(" = ")
        .append(value == null || (value.isEmpty() && name.equals("character_set_results")) ? "NULL" : literal(value)));
    if (sessionVariables != null && !sessionVariables.isBlank()) {
      sql.append(", ").append(sessionVariables.replace(';', ','));
    }
    // COM_RESET_CONNECTION cleared the warnings: a plain SELECT is enough for the row counts.
    return sql.append("; SELECT 1; DO 0; END").toString();
  }

  private static void dropDeprecated(Map<String, String> values, String old, String current) {
    if (values.containsKey(current)) {
      values.remove(old);
    }
  }

  private static String quotedNames() {
    StringBuilder names = new StringBuilder();
    for (String name : VARIABLES) {
      names.append(names.isEmpty() ? "" : ", ").append('\'').append(name.toUpperCase(Locale.ROOT)).append('\'');
    }
    return names.toString();
  }

  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
