package dev.workerdi.samples.backup;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Plans a table whose key is one integer column without reading it: {@code MIN} and {@code MAX} of
 * the key (two index dives) and InnoDB's row estimate give ranges of equal key width holding about
 * {@code chunkRows} rows each if the keys are dense. The ranges cover the whole key space (the
 * first and last are open), so sparse or skewed keys only make chunks uneven, never lose a row.
 * Stateless.
 */
final class IntegerRanges {
  private static final Set<String> INTEGERS =
      Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint");

  private IntegerRanges() {}

  static boolean applies(Table table) {
    return table.key().size() == 1
        && INTEGERS.contains(table.key().get(0).dataType().toLowerCase(Locale.ROOT));
  }

  static List<Chunk> plan(Connection source, Table table, int chunkRows) throws SQLException {
    String key = table.key().get(0).quoted();
    BigInteger min;
    BigInteger max;
    try (PreparedStatement s =
            source.prepareStatement(
                "SELECT MIN(" + key + "), MAX(" + key + ") FROM " + table.quoted());
        ResultSet r = s.executeQuery()) {
      r.next();
      if (r.getString(1) == null) {
        return List.of(Chunk.planned(table, 0, null, null, 0));
      }
      min = new BigInteger(r.getString(1));
      max = new BigInteger(r.getString(2));
    }
    BigInteger width = max.subtract(min).add(BigInteger.ONE);
    long estimate = Math.max(1, estimatedRows(source, table));
    long chunks =
        Math.max(
            1,
            Math.min(
                (estimate + chunkRows - 1) / chunkRows,
                width.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue()));
    BigInteger step = width.add(BigInteger.valueOf(chunks - 1)).divide(BigInteger.valueOf(chunks));
    long perChunk = Math.max(1, estimate / chunks);
    List<Chunk> plan = new ArrayList<>();
    List<Object> lo = null;
    for (long i = 0; i < chunks; i++) {
      BigInteger hi = min.add(step.multiply(BigInteger.valueOf(i + 1))).subtract(BigInteger.ONE);
      boolean last = i == chunks - 1 || hi.compareTo(max) >= 0;
      List<Object> upper = last ? null : List.of(hi.toString());
      plan.add(Chunk.planned(table, plan.size(), lo, upper, perChunk));
      if (last) {
        break;
      }
      lo = upper;
    }
    return plan;
  }

  private static long estimatedRows(Connection source, Table table) throws SQLException {
    try (PreparedStatement s =
        source.prepareStatement(
            "SELECT TABLE_ROWS FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
      s.setString(1, table.name());
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getLong(1) : 1;
      }
    }
  }
}
