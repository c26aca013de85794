package dev.workerdi.samples.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The target's side of the verification by read-back: a chunk's rows are selected again from the
 * target (a fresh statement in autocommit, so the server's committed rows, not the bytes this
 * client sent) and hashed by the client ({@link ClientRowHash}) exactly as the source's rows were
 * hashed when they were read. The server only scans and sends the rows; no SQL hash expression runs
 * per row. The digest is {@link RowHash}'s (row count, XOR of 64-bit MD5 prefixes, and CRC32 sum
 * for a table without a key), so it is as strong as the SQL hash and equal to it. It applies where
 * {@link ClientRowHash} does: tables whose columns all have a client-computable hash text, read on
 * a session that leaves results unconverted ({@link ClientRowHash#rawResults}). Stateless.
 */
final class ReadBack {
  private ReadBack() {}

  /** Whether {@code target}'s rows of {@code table} can be hashed by the client. */
  static boolean applies(Table table, boolean rawResults) {
    return rawResults && ClientRowHash.applies(table);
  }

  /**
   * Reads {@code chunk}'s rows back from {@code target} (autocommit on, outside any transaction of
   * the caller) and returns their digest; a table without a key is streamed.
   */
  static RowHash of(Connection target, Chunk chunk) throws SQLException {
    Table table = chunk.table();
    ClientRowHash hash = new ClientRowHash(table);
    try (PreparedStatement select =
        target.prepareStatement(
            chunk.selectSql(false), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      if (table.keyed()) {
        new Keyset(table.key()).bind(select, 1, chunk.lo(), chunk.hi());
      } else {
        select.setFetchSize(Integer.MIN_VALUE);
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          hash.add(rows);
        }
      }
    }
    return hash.digest();
  }
}
