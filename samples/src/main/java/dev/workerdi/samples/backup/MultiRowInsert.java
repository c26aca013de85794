package dev.workerdi.samples.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Builds {@code INSERT INTO t (...) VALUES (...), (...), ...} from source rows and sends it when it
 * reaches its size limit (a quarter of the target's {@code max_allowed_packet}, at most 4 MB, so
 * that even 4-byte characters fit) or on {@link #flush()}. Writing literals directly avoids the
 * driver's per-row parameter objects. Not thread-safe: one per coroutine and chunk.
 */
final class MultiRowInsert implements AutoCloseable {
  private static final int MAX_CHARS = 4 << 20;

  private final Statement statement;
  private final String head;
  private final List<Column> columns;
  private final int limit;
  private final StringBuilder sql;
  private int rows;

  MultiRowInsert(Connection target, Table table, long maxAllowedPacket) throws SQLException {
    this.statement = target.createStatement();
    this.statement.setEscapeProcessing(false);
    this.head = table.insertHead();
    this.columns = table.copied();
    this.limit = (int) Math.max(64 << 10, Math.min(MAX_CHARS, maxAllowedPacket / 4));
    this.sql = new StringBuilder(Math.min(limit + (64 << 10), 1 << 20));
  }

  /** Adds the current row of {@code source}; sends the statement when it is full. */
  void add(ResultSet source) throws SQLException {
    sql.append(rows == 0 ? head : ",").append('(');
    int in = 1;
    for (int i = 0; i < columns.size(); i++) {
      ColumnKind kind = columns.get(i).kind();
      if (i > 0) {
        sql.append(',');
      }
      kind.appendLiteral(source, in, sql);
      in += kind.width();
    }
    sql.append(')');
    rows++;
    if (sql.length() >= limit) {
      flush();
    }
  }

  /** Sends the rows added since the last flush, if any. */
  void flush() throws SQLException {
    if (rows > 0) {
      statement.executeUpdate(sql.toString());
      sql.setLength(0);
      rows = 0;
    }
  }

  @Override
  public void close() throws SQLException {
    statement.close();
  }
}
