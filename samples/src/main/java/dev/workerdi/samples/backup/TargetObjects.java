package dev.workerdi.samples.backup;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recreates views, triggers, routines and events on the target after the data (so no trigger fires
 * while rows are loaded): views in dependency order as {@code CREATE OR REPLACE}, the others
 * dropped if present and created again. Each keeps its {@code DEFINER} and {@code SQL SECURITY} and
 * is created in its own session: its {@code sql_mode}, {@code time_zone} (events), {@code
 * character_set_client} and {@code collation_connection}; the session is restored after. When the
 * target user may not set a definer (error 1227), the {@link BackupOptions.DefinerDenied} policy
 * stops the run or creates the object as the target user's and says so per object. Not thread-safe:
 * one per target connection.
 */
final class TargetObjects {
  private static final int ACCESS_DENIED = 1227;

  private final Connection target;
  private final BackupOptions.DefinerDenied policy;
  private final String targetUser;
  private final String sourceDatabase;
  private final List<String> notes = new ArrayList<>();

  TargetObjects(
      Connection target,
      BackupOptions.DefinerDenied policy,
      String targetUser,
      String sourceDatabase) {
    this.sourceDatabase = sourceDatabase;
    this.target = target;
    this.policy = policy;
    this.targetUser = targetUser;
  }

  /** Creates every view, trigger and routine of {@code schema}; returns how many were created. */
  int createAllButEvents(Schema schema) throws SQLException {
    List<SchemaObject> all = new ArrayList<>(inDependencyOrder(schema.views()));
    all.addAll(schema.routines());
    all.addAll(schema.triggers());
    createAll(all);
    return all.size();
  }

  /**
   * Creates the events of {@code schema} (after the verification: an event may change the data).
   */
  int createEvents(Schema schema) throws SQLException {
    createAll(schema.events());
    return schema.events().size();
  }

  /** What was created differently from the source (definers), one line per object. */
  List<String> notes() {
    return List.copyOf(notes);
  }

  private void createAll(List<SchemaObject> objects) throws SQLException {
    String[] session = session();
    try {
      for (SchemaObject object : objects) {
        create(object);
      }
    } finally {
      restore(session);
    }
  }

  private void create(SchemaObject object) throws SQLException {
    if (!object.kind().equals("VIEW")) {
      Jdbc.execute(target, "DROP " + object.kind() + " IF EXISTS " + Jdbc.q(object.name()));
    }
    setSession(object);
    String sql =
        object.kind().equals("VIEW")
            ? unqualified(object.createSql(), sourceDatabase)
                .replaceFirst("^(?i)CREATE\\s+", "CREATE OR REPLACE ")
            : object.createSql();
    try {
      Jdbc.execute(target, sql);
    } catch (SQLException e) {
      if (e.getErrorCode() != ACCESS_DENIED || object.definer().isEmpty()) {
        throw new SQLException(
            "Cannot create "
                + object.label()
                + " in the target: "
                + e.getMessage()
                + " (statement: "
                + (sql.length() > 300 ? sql.substring(0, 300) + "..." : sql)
                + ")",
            e.getSQLState(),
            e.getErrorCode(),
            e);
      }
      definerDenied(object, sql, e);
    }
  }

  private void definerDenied(SchemaObject object, String sql, SQLException e) throws SQLException {
    String why =
        "the target user "
            + targetUser
            + " may not set DEFINER="
            + object.definer()
            + " (error "
            + e.getErrorCode()
            + ": "
            + e.getMessage()
            + ")";
    if (policy == BackupOptions.DefinerDenied.STOP) {
      throw new IllegalStateException(
          "Cannot create "
              + object.label()
              + " in the target: "
              + why
              + "; grant it"
              + " SET USER (MariaDB) or SET_USER_ID/SYSTEM_USER (MySQL), or pass --definer-denied=use-target-user"
              + " (onDefinerDenied(USE_TARGET_USER)) to create such objects as the target user's");
    }
    Jdbc.execute(target, SchemaObject.withoutDefiner(sql));
    notes.add(
        "WARNING: "
            + object.label()
            + " was created with the target user as its definer instead of "
            + object.definer()
            + ": "
            + why);
  }

  private void setSession(SchemaObject object) throws SQLException {
    String charset = object.characterSetClient();
    String collation = object.collationConnection();
    boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(object.createSql());
    if (!ascii && !charset.toLowerCase(Locale.ROOT).startsWith("utf8")) {
      notes.add(
          "NOTE: "
              + object.label()
              + " was created with character_set_client utf8mb4 instead of "
              + charset
              + " (its text is not ASCII and travels as UTF-8)");
      charset = "utf8mb4";
      collation = "utf8mb4_general_ci";
    }
    set("character_set_client", charset);
    set("collation_connection", collation);
    if (object.sqlMode() != null) {
      set("sql_mode", object.sqlMode());
    }
    if (object.timeZone() != null) {
      set("time_zone", object.timeZone());
    }
  }

  private String[] session() throws SQLException {
    try (Statement s = target.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT @@SESSION.sql_mode,"
                    + " @@SESSION.time_zone, @@SESSION.character_set_client, @@SESSION.collation_connection")) {
      r.next();
      return new String[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4)};
    }
  }

  private void restore(String[] session) throws SQLException {
    set("sql_mode", session[0]);
    set("time_zone", session[1]);
    set("character_set_client", session[2]);
    set("collation_connection", session[3]);
  }

  private void set(String variable, String value) throws SQLException {
    try (PreparedStatement set = target.prepareStatement("SET SESSION " + variable + " = ?")) {
      set.setString(1, value);
      set.execute();
    }
  }

  /**
   * A view's statement without its own database's name: the server may print {@code `db`.`t`.`c`}
   * for the view's own tables, which must name the target's tables.
   */
  static String unqualified(String createSql, String database) {
    return createSql.replace(Jdbc.q(database) + ".", "");
  }

  /** Views ordered so that each comes after the views its definition names (by name, else). */
  static List<SchemaObject> inDependencyOrder(List<SchemaObject> views) {
    Map<String, SchemaObject> pending = new LinkedHashMap<>();
    views.forEach(v -> pending.put(v.name(), v));
    List<SchemaObject> ordered = new ArrayList<>();
    while (!pending.isEmpty()) {
      SchemaObject next =
          pending.values().stream()
              .filter(
                  v ->
                      pending.keySet().stream()
                          .noneMatch(other -> !other.equals(v.name()) && names(v, other)))
              .findFirst()
              .orElseGet(() -> pending.values().iterator().next());
      ordered.add(next);
      pending.remove(next.name());
    }
    return ordered;
  }

  private static boolean names(SchemaObject view, String other) {
    String body =
        view.createSql().substring(view.createSql().toUpperCase(Locale.ROOT).indexOf(" AS ") + 1);
    return body.contains(Jdbc.q(other));
  }
}
