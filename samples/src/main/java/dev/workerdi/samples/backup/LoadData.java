package dev.workerdi.samples.backup;

import com.mysql.cj.jdbc.JdbcStatement;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes source rows into the target with {@code LOAD DATA LOCAL INFILE} fed from memory (the
 * driver sends the bytes built here, never a file): tab-separated UTF-8 text ({@link TsvRows}) with
 * backslash escapes and {@code \N} for NULL; bytes and {@code BIT}s travel as hex or numbers into
 * user variables that a {@code SET} clause converts. The server parses no SQL per row, which is
 * what makes it faster than multi-row {@code INSERT}s. Every load must report exactly the rows sent
 * and no warning (LOCAL turns data errors into warnings), else the chunk fails and rolls back. Not
 * thread-safe: one per coroutine and chunk.
 */
final class LoadData implements RowWriter {
  private static final int FLUSH_BYTES = 4 << 20;

  private final Statement statement;
  private final String sql;
  private final TsvRows text;

  /** A load into {@code table} that builds its text in {@code buffer} (grown when it is full). */
  LoadData(Connection target, Table table, byte[] buffer) throws SQLException {
    this.statement = target.createStatement();
    this.text = new TsvRows(table.copied(), buffer);
    this.sql = sql(table);
  }

  /** The buffer, grown if it had to be, for the next load to use. */
  byte[] buffer() {
    return text.buffer();
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
    text.add(source);
    if (text.length() >= FLUSH_BYTES) {
      flush();
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
    if (text.rows() == 0) {
      return;
    }
    statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(text.stream());
    long loaded = statement.executeLargeUpdate(sql);
    check(loaded, text.rows(), statement.getWarnings());
    text.clear();
  }

  @Override
  public void close() throws SQLException {
    statement.close();
  }
}
