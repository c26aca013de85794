package dev.workerdi.samples.backup;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Where a chunk's rows go, row by row, in batches: {@link MultiRowInsert} or {@link LoadData}. Not
 * thread-safe.
 */
interface RowWriter extends AutoCloseable {
  void add(ResultSet source) throws SQLException, IOException;

  void flush() throws SQLException, IOException;

  @Override
  void close() throws SQLException;
}
