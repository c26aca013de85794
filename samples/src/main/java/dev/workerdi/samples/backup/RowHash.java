package dev.workerdi.samples.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.stream.Collectors;

/**
 * A content hash of a range of rows computed by the server, comparable across server versions: each
 * row becomes {@code CONCAT_WS('|', <each column as exact text or hex>, <NULL bitmap>)}, and the
 * range's digest is its row count, the XOR of the first 64 bits of their MD5 and, for a table
 * without a key (whose identical rows would cancel out in the XOR), the sum of the rows' CRC32. In
 * a keyed table every row's text is unique (it holds the key), so the row is hashed once. Text and
 * bytes enter as their length and their bytes ({@code CAST(c AS BINARY)}), JSON as hex. Digests of
 * ranges add up to the table's.
 *
 * @param rows rows in the range
 * @param crcSum the sum of the rows' CRC32 (0 for a keyed table)
 * @param md5Xor the XOR of the rows' 64-bit MD5 prefixes
 */
record RowHash(long rows, long crcSum, long md5Xor) {

  /**
   * The row's text that is hashed: {@code CONCAT_WS('|', <columns as exact text or hex>, <NULL
   * bitmap>)}.
   */
  static String rowExpression(Table table) {
    return "CONCAT_WS('|', "
        + table.copied().stream().map(Column::hash).collect(Collectors.joining(", "))
        + ", CONCAT("
        + table.copied().stream()
            .map(c -> "ISNULL(" + c.quoted() + ")")
            .collect(Collectors.joining(", "))
        + "))";
  }

  /**
   * Two select-list expressions that give each row's CRC32 and the first 16 hex digits of its MD5,
   * so that a copy can compute the digest of what it reads in the same query ({@link Sum}).
   */
  static String perRowColumns(Table table) {
    String row = rowExpression(table);
    return (table.keyed() ? "0" : "CRC32(" + row + ")") + ", LEFT(MD5(" + row + "), 16)";
  }

  /** Computes the digest of {@code chunk}'s range (the whole table for an unkeyed one). */
  static RowHash of(Connection connection, Chunk chunk) throws SQLException {
    Table table = chunk.table();
    String row = rowExpression(table);
    String where = table.keyed() ? new Keyset(table.key()).where(chunk.lo(), chunk.hi()) : "1 = 1";
    String sql =
        "SELECT COUNT(*), "
            + (table.keyed() ? "0" : "COALESCE(SUM(CRC32(r)), 0)")
            + ","
            + " COALESCE(BIT_XOR(CAST(CONV(SUBSTRING(MD5(r), 1, 16), 16, 10) AS UNSIGNED)), 0)"
            + " FROM (SELECT "
            + row
            + " AS r FROM "
            + table.quoted()
            + " WHERE "
            + where
            + ") AS hashed";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      if (table.keyed()) {
        new Keyset(table.key()).bind(statement, 1, chunk.lo(), chunk.hi());
      }
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return new RowHash(
            result.getLong(1), result.getLong(2), Long.parseUnsignedLong(result.getString(3)));
      }
    }
  }

  /** The digest of nothing. */
  static RowHash empty() {
    return new RowHash(0, 0, 0);
  }

  /** Adds up the digest of the rows of a chunk as they are read. Not thread-safe. */
  interface Accumulator {
    /** Adds the current row of {@code row}. */
    void add(ResultSet row) throws SQLException;

    RowHash digest();
  }

  /**
   * How a copy computes the digest of what it reads from {@code table}: by the client from the
   * values ({@link ClientRowHash}) when {@code clientAllowed} and the table's columns allow it,
   * else by the source server in the same query ({@link Sum}).
   */
  static Accumulator accumulator(Table table, boolean clientAllowed) {
    return clientAllowed && ClientRowHash.applies(table)
        ? new ClientRowHash(table)
        : new Sum(table.selectWidth() + 1);
  }

  /**
   * Adds up per-row hashes read with {@link #perRowColumns}, which the server computed. Not
   * thread-safe.
   */
  static final class Sum implements Accumulator {
    private final int in;
    private long rows;
    private long crcSum;
    private long md5Xor;

    /** Per-row hashes at result columns {@code in} (CRC32) and {@code in + 1} (MD5 prefix). */
    Sum(int in) {
      this.in = in;
    }

    @Override
    public void add(ResultSet row) throws SQLException {
      rows++;
      crcSum += row.getLong(in);
      md5Xor ^= Long.parseUnsignedLong(row.getString(in + 1), 16);
    }

    @Override
    public RowHash digest() {
      return new RowHash(rows, crcSum, md5Xor);
    }
  }

  RowHash plus(RowHash other) {
    return new RowHash(rows + other.rows, crcSum + other.crcSum, md5Xor ^ other.md5Xor);
  }

  /** The digest as text, for reports. */
  String text() {
    return Long.toHexString(crcSum) + "-" + Long.toHexString(md5Xor);
  }
}
