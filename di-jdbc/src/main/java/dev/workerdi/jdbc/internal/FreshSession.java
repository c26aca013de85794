package dev.workerdi.jdbc.internal;

import com.mysql.cj.jdbc.JdbcConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a freshly opened connection of a pool looks like, read once from one: the session variables
 * that differ from their global values (character sets, autocommit, isolation, read-only, {@code
 * sql_mode}, time zone, tracking switches, as the driver and HikariCP set them), the role and the
 * schema; and the statement that puts a session back into that state after {@code
 * COM_RESET_CONNECTION} (which sets every variable to its global value, clears warnings and {@code
 * LAST_INSERT_ID()}, and keeps the schema and the role).
 *
 * <p>{@link #restore} is one {@code SET} of those variables, {@code sessionVariables} and {@code
 * last_insert_id = 0}; when the schema or the role may have changed, the same inside one MariaDB
 * compound statement that also selects the schema ({@code EXECUTE IMMEDIATE 'USE ...'}, since
 * {@code USE} is not allowed there) and sets the role. Immutable and thread-safe.
 */
final class FreshSession {
  private static final String[] VARIABLES = {
    "character_set_client",
    "character_set_connection",
    "collation_connection",
    "character_set_results",
    "autocommit",
    "tx_isolation",
    "transaction_isolation",
    "tx_read_only",
    "transaction_read_only",
    "sql_mode",
    "time_zone",
    "session_track_state_change",
    "session_track_schema",
    "session_track_transaction_info",
    "session_track_system_variables"
  };

  /**
   * Leaves {@code FOUND_ROWS()} 1, {@code ROW_COUNT()} 0 and no warnings, as on a fresh Connector/J
   * connection: a statement that reads a table clears the warnings, the {@code DO} sets the row
   * count.
   */
  static final String RESULTS =
      "BEGIN NOT ATOMIC SELECT 1 FROM information_schema.CHARACTER_SETS LIMIT 1; DO 0; END";

  private final String set;
  private final String everything;
  private final String schema;

  private FreshSession(String set, String everything, String schema) {
    this.set = set;
    this.everything = everything;
    this.schema = schema;
  }

  /**
   * Reads a fresh connection; {@code null} when the server is not MariaDB (no compound statements).
   */
  static FreshSession read(JdbcConnection fresh, String sessionVariables) throws SQLException {
    if (!fresh
        .getMetaData()
        .getDatabaseProductVersion()
        .toLowerCase(Locale.ROOT)
        .contains("mariadb")) {
      return null;
    }
    Map<String, String> session = new LinkedHashMap<>();
    Map<String, String> global = new LinkedHashMap<>();
    String role;
    String schema;
    try (Statement statement = fresh.createStatement()) {
      read(statement, "SESSION_VARIABLES", session);
      read(statement, "GLOBAL_VARIABLES", global);
      try (ResultSet rows = statement.executeQuery("SELECT CURRENT_ROLE(), DATABASE()")) {
        rows.next();
        role = rows.getString(1);
        schema = rows.getString(2);
      }
    }
    String set = setStatement(session, global, sessionVariables);
    StringBuilder all = new StringBuilder("BEGIN NOT ATOMIC ");
    if (schema != null) {
      all.append("EXECUTE IMMEDIATE ")
          .append(literal("USE `" + schema.replace("`", "``") + "`"))
          .append("; ");
    }
    all.append("SET ROLE ")
        .append(role == null ? "NONE" : "`" + role.replace("`", "``") + "`")
        .append("; ");
    return new FreshSession(set, all.append(set).append("; END").toString(), schema);
  }

  private static void read(Statement statement, String table, Map<String, String> values)
      throws SQLException {
    try (ResultSet rows =
        statement.executeQuery(
            "SELECT LOWER(VARIABLE_NAME), VARIABLE_VALUE FROM"
                + " information_schema."
                + table
                + " WHERE VARIABLE_NAME IN ("
                + quotedNames()
                + ")")) {
      while (rows.next()) {
        values.put(rows.getString(1), rows.getString(2));
      }
    }
  }

  /**
   * The statement that follows {@code COM_RESET_CONNECTION}; {@code everything}: schema and role
   * too.
   */
  String restore(boolean everything) {
    return everything ? this.everything : set;
  }

  /**
   * The schema of a fresh connection, or {@code null} for none (then a changed schema cannot be
   * undone).
   */
  String schema() {
    return schema;
  }

  private static String setStatement(
      Map<String, String> session, Map<String, String> global, String sessionVariables) {
    String named = sessionVariables == null ? "" : sessionVariables.toLowerCase(Locale.ROOT);
    StringBuilder sql = new StringBuilder("SET last_insert_id = 0");
    session.forEach(
        (name, value) -> {
          boolean deprecatedTwin =
              (name.startsWith("tx_") && session.containsKey("transaction_" + name.substring(3)));
          if (!deprecatedTwin
              && !named.contains(name)
              && !Objects.equals(value, global.get(name))) {
            sql.append(", ")
                .append(name)
                .append(" = ")
                .append(
                    value == null || (value.isEmpty() && name.equals("character_set_results"))
                        ? "NULL"
                        : literal(value));
          }
        });
    if (sessionVariables != null && !sessionVariables.isBlank()) {
      sql.append(", ").append(sessionVariables.replace(';', ','));
    }
    return sql.toString();
  }

  private static String quotedNames() {
    StringBuilder names = new StringBuilder();
    for (String name : VARIABLES) {
      names
          .append(names.isEmpty() ? "" : ", ")
          .append('\'')
          .append(name.toUpperCase(Locale.ROOT))
          .append('\'');
    }
    return names.toString();
  }

  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
