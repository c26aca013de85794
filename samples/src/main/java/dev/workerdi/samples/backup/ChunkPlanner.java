package dev.workerdi.samples.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a source table into key ranges of about {@code chunkRows} rows by walking its key index:
 * each boundary is the key {@code chunkRows} rows past the previous one ({@code ORDER BY key LIMIT
 * 1 OFFSET chunkRows - 1}), so planning reads the index once and no row twice; a single integer key
 * is split arithmetically instead ({@link IntegerRanges}), without reading the table. A table
 * without a usable key is one chunk. Stateless.
 */
final class ChunkPlanner {
  private ChunkPlanner() {}

  static List<Chunk> plan(Connection source, Table table, int chunkRows) throws SQLException {
    if (!table.keyed()) {
      return List.of(Chunk.planned(table, 0, null, null, count(source, table, null)));
    }
    if (IntegerRanges.applies(table)) {
      return IntegerRanges.plan(source, table, chunkRows);
    }
    Keyset keyset = new Keyset(table.key());
    List<Chunk> chunks = new ArrayList<>();
    List<Object> lo = null;
    while (true) {
      List<Object> hi = boundary(source, table, keyset, lo, chunkRows);
      if (hi == null) {
        long rest = count(source, table, lo);
        if (rest > 0 || chunks.isEmpty()) {
          chunks.add(Chunk.planned(table, chunks.size(), lo, null, rest));
        }
        return chunks;
      }
      chunks.add(Chunk.planned(table, chunks.size(), lo, hi, chunkRows));
      lo = hi;
    }
  }

  private static List<Object> boundary(
      Connection source, Table table, Keyset keyset, List<Object> lo, int chunkRows)
      throws SQLException {
    String sql =
        "SELECT "
            + keyset.selectKey()
            + " FROM "
            + table.quoted()
            + " WHERE "
            + keyset.where(lo, null)
            + " ORDER BY "
            + keyset.orderBy()
            + " LIMIT 1 OFFSET "
            + (chunkRows - 1);
    try (PreparedStatement statement = source.prepareStatement(sql)) {
      keyset.bind(statement, 1, lo, null);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? keyset.read(rows, 1) : null;
      }
    }
  }

  private static long count(Connection source, Table table, List<Object> lo) throws SQLException {
    String sql = "SELECT COUNT(*) FROM " + table.quoted();
    Keyset keyset = table.keyed() ? new Keyset(table.key()) : null;
    if (keyset != null) {
      sql += " WHERE " + keyset.where(lo, null);
    }
    try (PreparedStatement statement = source.prepareStatement(sql)) {
      if (keyset != null) {
        keyset.bind(statement, 1, lo, null);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
