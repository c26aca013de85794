package dev.workerdi.samples.backup;

import java.util.List;

/**
 * One unit of copying and of resuming: the rows of a table whose key is in {@code lo < key <= hi}
 * (a {@code null} bound is open), or, for a table without a usable key, the whole table.
 *
 * @param table the table
 * @param number the chunk's number in its table, from 0
 * @param lo the exclusive lower bound, or {@code null} for the start of the table
 * @param hi the inclusive upper bound, or {@code null} for the end of the table
 * @param plannedRows the rows the range held when it was planned
 * @param copiedRows the rows copied, once done
 * @param done whether the chunk is committed in the target, with its checkpoint row
 */
record Chunk(Table table, int number, List<Object> lo, List<Object> hi, long plannedRows, long copiedRows,
    boolean done) {

  /** This chunk, done with {@code rows} rows. */
  Chunk completed(long rows) {
    return new Chunk(table, number, lo, hi, plannedRows, rows, true);
  }

  /** The SQL that selects the chunk's rows from the source, in key order. */
  String selectSql() {
    if (!table.keyed()) {
      return table.select();
    }
    Keyset keyset = new Keyset(table.key());
    return table.select() + " WHERE " + keyset.where(lo, hi) + " ORDER BY " + keyset.orderBy();
  }

  @Override
  public String toString() {
    return table.name() + "#" + number;
  }
}
