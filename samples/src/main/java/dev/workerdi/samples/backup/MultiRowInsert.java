package dev.workerdi.samples.backup;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Builds {@code INSERT INTO t (...) VALUES (...), (...), ...} from source rows and hands it to its
 * {@link Sink} when it reaches its size limit or on {@link #flush()}: to a target connection (a
 * quarter of its {@code max_allowed_packet}, at most 4 MB, so that even 4-byte characters fit) or
 * to a chunk file (one statement per line: the literals escape line breaks). Writing literals
 * directly avoids the driver's per-row parameter objects. Not thread-safe: one per coroutine and
 * chunk.
 */
final class MultiRowInsert implements RowWriter {
  private static final int MAX_CHARS = 4 << 20;

  /** Where the statements go. */
  interface Sink extends AutoCloseable {
    void send(StringBuilder sql) throws SQLException, IOException;

    @Override
    default void close() throws SQLException {}
  }

  private final Sink sink;
  private final String head;
  private final List<Column> columns;
  private final int limit;
  private final StringBuilder sql;
  private int rows;

  /** Statements sent to {@code target}, sized by its {@code max_allowed_packet}. */
  MultiRowInsert(Connection target, Table table, long maxAllowedPacket) throws SQLException {
    this(
        statementSink(target),
        table,
        (int) Math.max(64 << 10, Math.min(MAX_CHARS, maxAllowedPacket / 4)));
  }

  /** Statements of about {@code limit} characters handed to {@code sink}. */
  MultiRowInsert(Sink sink, Table table, int limit) {
    this.sink = sink;
    this.head = table.insertHead();
    this.columns = table.copied();
    this.limit = limit;
    this.sql = new StringBuilder(Math.min(limit + (64 << 10), 1 << 20));
  }

  private static Sink statementSink(Connection target) throws SQLException {
    Statement statement = target.createStatement();
    statement.setEscapeProcessing(false);
    return new Sink() {
      @Override
      public void send(StringBuilder sql) throws SQLException {
        statement.executeUpdate(sql.toString());
      }

      @Override
      public void close() throws SQLException {
        statement.close();
      }
    };
  }

  /** Adds the current row of {@code source}; sends the statement when it is full. */
  @Override
  public void add(ResultSet source) throws SQLException, IOException {
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
  @Override
  public void flush() throws SQLException, IOException {
    if (rows > 0) {
      sink.send(sql);
      sql.setLength(0);
      rows = 0;
    }
  }

  @Override
  public void close() throws SQLException {
    sink.close();
  }
}
