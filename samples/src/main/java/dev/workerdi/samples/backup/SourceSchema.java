package dev.workerdi.samples.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the source database's structure from {@code information_schema} and the {@code SHOW CREATE}
 * statements, on one source connection whose default database is the source. Stateless.
 */
final class SourceSchema {
  private static final Pattern GENERATED =
      Pattern.compile("(?i)\\b(VIRTUAL|STORED|PERSISTENT) GENERATED\\b");

  private SourceSchema() {}

  static Schema read(Connection source, String database) throws SQLException {
    String[] defaults = defaults(source, database);
    Map<String, List<Column>> columns = columns(source, database);
    Map<String, Map<String, List<KeyPart>>> uniques = uniqueKeys(source, database);
    List<Table> tables = new ArrayList<>();
    List<SchemaObject> views = new ArrayList<>();
    List<Sequence> sequences = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    try (PreparedStatement list =
            prepare(
                source,
                "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME",
                database);
        ResultSet rows = list.executeQuery()) {
      while (rows.next()) {
        String name = rows.getString(1);
        String type = rows.getString(2);
        if (name.equals(Checkpoints.TABLE)) {
          skipped.add(name + " (a backup's own checkpoint table)");
        } else if (type.equals("VIEW")) {
          views.add(SchemaObjects.view(source, name));
        } else if (type.equals("SEQUENCE")) {
          sequences.add(Sequence.read(source, name));
        } else if (type.equals("BASE TABLE") || type.equals("SYSTEM VERSIONED")) {
          List<Column> all = columns.getOrDefault(name, List.of());
          tables.add(
              table(
                  name,
                  Sequence.ownNamesUnqualified(showCreate(source, "TABLE", name, 2), database),
                  all,
                  uniques.getOrDefault(name, Map.of())));
        } else {
          skipped.add(name + " (" + type + ": not supported)");
        }
      }
    }
    return new Schema(
        database,
        defaults[0],
        defaults[1],
        tables,
        views,
        SchemaObjects.triggers(source, database),
        SchemaObjects.routines(source, database),
        SchemaObjects.events(source, database),
        sequences,
        skipped);
  }

  private static String[] defaults(Connection source, String database) throws SQLException {
    try (PreparedStatement s =
            prepare(
                source,
                "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME"
                    + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?",
                database);
        ResultSet rows = s.executeQuery()) {
      if (!rows.next()) {
        throw new IllegalStateException("The source database " + database + " does not exist");
      }
      return new String[] {rows.getString(1), rows.getString(2)};
    }
  }

  private static Map<String, List<Column>> columns(Connection source, String database)
      throws SQLException {
    Map<String, List<Column>> byTable = new LinkedHashMap<>();
    try (PreparedStatement s =
            prepare(
                source,
                "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, IS_NULLABLE, EXTRA"
                    + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION",
                database);
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        byTable
            .computeIfAbsent(rows.getString(1), t -> new ArrayList<>())
            .add(
                new Column(
                    rows.getString(2),
                    rows.getString(3),
                    ColumnKind.of(rows.getString(3)),
                    GENERATED.matcher(String.valueOf(rows.getString(5))).find(),
                    rows.getString(4).equals("YES")));
      }
    }
    return byTable;
  }

  private record KeyPart(String column, boolean usable) {}

  private static Map<String, Map<String, List<KeyPart>>> uniqueKeys(
      Connection source, String database) throws SQLException {
    Map<String, Map<String, List<KeyPart>>> byTable = new LinkedHashMap<>();
    try (PreparedStatement s =
            prepare(
                source,
                "SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME, SUB_PART, NULLABLE"
                    + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND NON_UNIQUE = 0"
                    + " ORDER BY TABLE_NAME, INDEX_NAME <> 'PRIMARY', INDEX_NAME, SEQ_IN_INDEX",
                database);
        ResultSet rows = s.executeQuery()) {
      while (rows.next()) {
        boolean usable = rows.getString(4) == null && !"YES".equals(rows.getString(5));
        byTable
            .computeIfAbsent(rows.getString(1), t -> new LinkedHashMap<>())
            .computeIfAbsent(rows.getString(2), i -> new ArrayList<>())
            .add(new KeyPart(rows.getString(3), usable));
      }
    }
    return byTable;
  }

  /**
   * The table with the first usable unique key (PRIMARY first): whole columns, NOT NULL, keyable
   * kinds.
   */
  private static Table table(
      String name, String create, List<Column> columns, Map<String, List<KeyPart>> keys) {
    Map<String, Column> byName = new LinkedHashMap<>();
    columns.forEach(c -> byName.put(c.name(), c));
    for (Map.Entry<String, List<KeyPart>> index : keys.entrySet()) {
      List<Column> key = new ArrayList<>();
      for (KeyPart part : index.getValue()) {
        Column column = byName.get(part.column());
        if (part.usable() && column != null && column.kind().keyable()) {
          key.add(column);
        }
      }
      if (key.size() == index.getValue().size()) {
        return new Table(name, create, columns, key, index.getKey());
      }
    }
    return new Table(name, create, columns, List.of(), "");
  }

  static String showCreate(Connection source, String what, String name, int column)
      throws SQLException {
    try (Statement s = source.createStatement();
        ResultSet rows = s.executeQuery("SHOW CREATE " + what + " " + Jdbc.q(name))) {
      rows.next();
      return rows.getString(column);
    }
  }

  static PreparedStatement prepare(Connection connection, String sql, String parameter)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.setString(1, parameter);
    return statement;
  }
}
