package dev.workerdi.samples.backup;

import com.mysql.cj.jdbc.JdbcStatement;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes source rows into the target with {@code LOAD DATA LOCAL INFILE} fed from memory (the
 * driver sends the bytes built here, never a file): tab-separated UTF-8 text with backslash escapes
 * and {@code \N} for NULL; bytes and {@code BIT}s travel as hex or numbers into user variables that
 * a {@code SET} clause converts. The server parses no SQL per row, which is what makes it faster
 * than multi-row {@code INSERT}s. Every load must report exactly the rows sent and no warning
 * (LOCAL turns data errors into warnings), else the chunk fails and rolls back. Not thread-safe:
 * one per coroutine and chunk.
 */
final class LoadData implements RowWriter {
  private static final HexFormat HEX = HexFormat.of();
  private static final int FLUSH_BYTES = 4 << 20;

  private final Statement statement;
  private final String sql;
  private final List<Column> columns;
  private final StringBuilder text = new StringBuilder(1 << 20);
  private int rows;

  LoadData(Connection target, Table table) throws SQLException {
    this.statement = target.createStatement();
    this.columns = table.copied();
    this.sql = sql(table);
  }

  /**
   * Whether every copied column of {@code table} has a kind this format carries exactly: not
   * spatial (MariaDB 11.4 drops the SRID given to {@code ST_GeomFromWKB} in the {@code SET} clause;
   * such tables keep the multi-row INSERTs), nor unknown.
   */
  static boolean supports(Table table) {
    return table.copied().stream()
        .allMatch(c -> c.kind() != ColumnKind.OTHER && c.kind() != ColumnKind.SPATIAL);
  }

  static String sql(Table table) {
    List<String> fields = new ArrayList<>();
    List<String> sets = new ArrayList<>();
    int i = 0;
    for (Column c : table.copied()) {
      String v = "@v" + i++;
      switch (c.kind()) {
        case BINARY -> {
          fields.add(v);
          sets.add(c.quoted() + " = UNHEX(" + v + ")");
        }
        case BIT -> {
          fields.add(v);
          sets.add(c.quoted() + " = CAST(" + v + " AS UNSIGNED)");
        }
        default -> fields.add(c.quoted());
      }
    }
    return "LOAD DATA LOCAL INFILE 'workerdi-chunk' INTO TABLE "
        + table.quoted()
        + " CHARACTER SET utf8mb4"
        + " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ("
        + String.join(", ", fields)
        + ")"
        + (sets.isEmpty() ? "" : " SET " + String.join(", ", sets));
  }

  /** Adds the current row of {@code source}; loads when the buffer is full. */
  @Override
  public void add(ResultSet source) throws SQLException {
    appendRow(source, columns, text);
    rows++;
    if (text.length() >= FLUSH_BYTES) {
      flush();
    }
  }

  /**
   * Appends the current row of {@code source} as one tab-separated line (the format {@link #sql}
   * reads).
   */
  static void appendRow(ResultSet source, List<Column> columns, StringBuilder text)
      throws SQLException {
    int in = 1;
    for (int i = 0; i < columns.size(); i++) {
      ColumnKind kind = columns.get(i).kind();
      if (i > 0) {
        text.append('\t');
      }
      switch (kind) {
        case BINARY -> hex(source.getBytes(in), text);
        case NUMBER, FLOATING, BIT -> number(source.getString(in), text);
        default -> escaped(source.getString(in), text);
      }
      in += kind.width();
    }
    text.append('\n');
  }

  private static void hex(byte[] bytes, StringBuilder text) {
    if (bytes == null) {
      text.append("\\N");
    } else {
      HEX.formatHex(text, bytes);
    }
  }

  private static void number(String value, StringBuilder text) {
    if (value == null) {
      text.append("\\N");
    } else {
      Literals.number(value, text);
    }
  }

  private static void escaped(String value, StringBuilder text) {
    if (value == null) {
      text.append("\\N");
      return;
    }
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> text.append("\\\\");
        case '\t' -> text.append("\\t");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\0' -> text.append("\\0");
        default -> text.append(c);
      }
    }
  }

  /**
   * Loads {@code expectedRows} rows of tab-separated text from {@code in} into {@code table} on
   * {@code target}, in the caller's transaction; fails unless exactly those rows load without
   * warning.
   */
  static void load(Connection target, Table table, InputStream in, long expectedRows)
      throws SQLException {
    try (Statement statement = target.createStatement()) {
      statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(in);
      long loaded = statement.executeLargeUpdate(sql(table));
      check(loaded, expectedRows, statement.getWarnings());
    }
  }

  private static void check(long loaded, long expected, SQLWarning warning) throws SQLException {
    if (loaded != expected || warning != null) {
      throw new SQLException(
          "LOAD DATA loaded "
              + loaded
              + " of "
              + expected
              + " rows"
              + (warning == null ? "" : ", with the warning: " + warning.getMessage())
              + "; the chunk is rolled back");
    }
  }

  /** Loads the rows added since the last flush, if any. */
  @Override
  public void flush() throws SQLException {
    if (rows == 0) {
      return;
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    statement
        .unwrap(JdbcStatement.class)
        .setLocalInfileInputStream(new ByteArrayInputStream(bytes));
    long loaded = statement.executeLargeUpdate(sql);
    check(loaded, rows, statement.getWarnings());
    text.setLength(0);
    rows = 0;
  }

  @Override
  public void close() throws SQLException {
    statement.close();
  }
}
