package dev.workerdi.samples.backup;

import com.mysql.cj.jdbc.result.ResultSetImpl;
import com.mysql.cj.protocol.ResultsetRows;
import com.mysql.cj.protocol.a.result.ResultsetRowsStatic;
import com.mysql.cj.result.Row;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The values of the current row of a Connector/J result set read whole (the driver's default,
 * without a fetch size), as the bytes the server sent: what {@link ResultSet#getBytes} returns,
 * taken from the driver's row without the lock and the bounds checks that {@code getBytes} repeats
 * for every column of every row, which were a tenth of the copy's client CPU. The cursor stays the
 * result set's: {@link ResultSet#next} moves it, and this class only reads the row it is on. A
 * streamed result set, or another driver's, has none ({@link #of} returns {@code null}): use {@code
 * getBytes}. Not thread-safe: one per result set.
 */
final class RawColumns {
  private final ResultsetRows rows;
  private Row row;

  private RawColumns(ResultsetRows rows) {
    this.rows = rows;
  }

  /** The raw columns of {@code results}, or {@code null} where it has none (see the class). */
  static RawColumns of(ResultSet results) throws SQLException {
    if (!results.isWrapperFor(ResultSetImpl.class)) {
      return null;
    }
    ResultsetRows rows = results.unwrap(ResultSetImpl.class).getRows();
    return rows instanceof ResultsetRowsStatic ? new RawColumns(rows) : null;
  }

  /** Takes the row the result set is on: call once per row, before its {@link #bytes}. */
  void take() {
    row = rows.get(rows.getPosition());
  }

  /** The bytes of column {@code column} (from 1) of the row taken, {@code null} for SQL NULL. */
  byte[] bytes(int column) {
    return row.getBytes(column - 1);
  }
}
