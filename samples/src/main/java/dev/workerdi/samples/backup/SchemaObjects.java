package dev.workerdi.samples.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the source's views, triggers, routines and events with their {@code SHOW CREATE} statements
 * and creation sessions, on a source connection whose default database is the source. Stateless.
 */
final class SchemaObjects {
  private SchemaObjects() {}

  static SchemaObject view(Connection source, String name) throws SQLException {
    try (Statement s = source.createStatement();
        ResultSet r = s.executeQuery("SHOW CREATE VIEW " + Jdbc.q(name))) {
      r.next();
      return new SchemaObject(
          "VIEW", name, r.getString(2), null, null, r.getString(3), r.getString(4));
    }
  }

  /** The triggers, in firing order per table. */
  static List<SchemaObject> triggers(Connection source, String database) throws SQLException {
    List<String> names =
        names(
            source,
            "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?"
                + " ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER",
            database);
    List<SchemaObject> triggers = new ArrayList<>();
    for (String name : names) {
      triggers.add(showCreate(source, "TRIGGER", name, false));
    }
    return triggers;
  }

  /** The stored procedures and functions, functions first (procedures may call them). */
  static List<SchemaObject> routines(Connection source, String database) throws SQLException {
    List<SchemaObject> routines = new ArrayList<>();
    try (PreparedStatement list =
            SourceSchema.prepare(
                source,
                "SELECT ROUTINE_TYPE, ROUTINE_NAME FROM"
                    + " information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? AND ROUTINE_TYPE IN ('FUNCTION', 'PROCEDURE')"
                    + " ORDER BY ROUTINE_TYPE, ROUTINE_NAME",
                database);
        ResultSet rows = list.executeQuery()) {
      while (rows.next()) {
        String type = rows.getString(1);
        String name = rows.getString(2);
        SchemaObject routine = showCreate(source, type, name, false);
        if (routine.createSql() == null) {
          throw new IllegalStateException(
              "The source user may not read the body of "
                  + type.toLowerCase()
                  + " "
                  + name
                  + " (SHOW CREATE gives none): grant it SELECT on mysql.proc (MariaDB) or"
                  + " SHOW_ROUTINE (MySQL), or the routine's ownership");
        }
        routines.add(routine);
      }
    }
    return routines;
  }

  static List<SchemaObject> events(Connection source, String database) throws SQLException {
    List<String> names =
        names(
            source,
            "SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?"
                + " ORDER BY EVENT_NAME",
            database);
    List<SchemaObject> events = new ArrayList<>();
    for (String name : names) {
      events.add(showCreate(source, "EVENT", name, true));
    }
    return events;
  }

  /**
   * The {@code SHOW CREATE kind name} of a trigger, routine or event, whose row is its name,
   * sql_mode, time_zone (events only), statement, character_set_client and collation_connection.
   */
  private static SchemaObject showCreate(
      Connection source, String kind, String name, boolean withTimeZone) throws SQLException {
    try (Statement s = source.createStatement();
        ResultSet r = s.executeQuery("SHOW CREATE " + kind + " " + Jdbc.q(name))) {
      r.next();
      int statement = withTimeZone ? 4 : 3;
      return new SchemaObject(
          kind,
          name,
          r.getString(statement),
          r.getString(2),
          withTimeZone ? r.getString(3) : null,
          r.getString(statement + 1),
          r.getString(statement + 2));
    }
  }

  private static List<String> names(Connection source, String sql, String database)
      throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement list = SourceSchema.prepare(source, sql, database);
        ResultSet rows = list.executeQuery()) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }
}
