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
      try (Statement s = source.createStatement();
          ResultSet r = s.executeQuery("SHOW CREATE TRIGGER " + Jdbc.q(name))) {
        r.next();
        triggers.add(
            new SchemaObject(
                "TRIGGER",
                name,
                r.getString(3),
                r.getString(2),
                null,
                r.getString(4),
                r.getString(5)));
      }
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
        try (Statement s = source.createStatement();
            ResultSet r = s.executeQuery("SHOW CREATE " + type + " " + Jdbc.q(name))) {
          r.next();
          if (r.getString(3) == null) {
            throw new IllegalStateException(
                "The source user may not read the body of "
                    + type.toLowerCase()
                    + " "
                    + name
                    + " (SHOW CREATE gives none): grant it SELECT on mysql.proc (MariaDB) or"
                    + " SHOW_ROUTINE (MySQL), or the routine's ownership");
          }
          routines.add(
              new SchemaObject(
                  type,
                  name,
                  r.getString(3),
                  r.getString(2),
                  null,
                  r.getString(4),
                  r.getString(5)));
        }
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
      try (Statement s = source.createStatement();
          ResultSet r = s.executeQuery("SHOW CREATE EVENT " + Jdbc.q(name))) {
        r.next();
        events.add(
            new SchemaObject(
                "EVENT",
                name,
                r.getString(4),
                r.getString(2),
                r.getString(3),
                r.getString(5),
                r.getString(6)));
      }
    }
    return events;
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
