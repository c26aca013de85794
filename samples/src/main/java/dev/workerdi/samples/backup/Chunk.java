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
 * @param sourceHash the digest of the rows read from the source (inside its snapshot), once done;
 *     {@code null} for a chunk of a table verified by {@code CHECKSUM TABLE} in the snapshot, whose
 *     rows are only counted ({@link #counted})
 * @param snapshot the {@link SnapshotPoint#describe()} of the snapshot it was read in, once done
 * @param targetHash the digest of the chunk's rows read back from the target right after this run
 *     committed them ({@link ReadBack}), or {@code null} when not read back (then the verification
 *     computes it)
 */
record Chunk(
    Table table,
    int number,
    List<Object> lo,
    List<Object> hi,
    long plannedRows,
    long copiedRows,
    boolean done,
    RowHash sourceHash,
    String snapshot,
    RowHash targetHash) {

  /** A planned chunk, not copied yet. */
  static Chunk planned(
      Table table, int number, List<Object> lo, List<Object> hi, long plannedRows) {
    return new Chunk(table, number, lo, hi, plannedRows, 0, false, null, null, null);
  }

  /** This chunk, done with the rows whose digest is {@code hash}, read in {@code snapshot}. */
  Chunk completed(RowHash hash, String snapshot) {
    return new Chunk(table, number, lo, hi, plannedRows, hash.rows(), true, hash, snapshot, null);
  }

  /**
   * This chunk, done with {@code rows} rows read in {@code snapshot} and no digest: its table is
   * verified by {@code CHECKSUM TABLE} in the snapshot instead.
   */
  Chunk counted(long rows, String snapshot) {
    return new Chunk(table, number, lo, hi, plannedRows, rows, true, null, snapshot, null);
  }

  /** This chunk, done, with {@code target} the digest of its rows as read back from the target. */
  Chunk readBack(RowHash target) {
    return new Chunk(
        table, number, lo, hi, plannedRows, copiedRows, done, sourceHash, snapshot, target);
  }

  /** The SQL that selects the chunk's rows from the source, in key order. */
  String selectSql() {
    return selectSql(false);
  }

  /**
   * The SQL that selects the chunk's rows, in key order; with {@code hashed}, each row is followed
   * by its {@link RowHash#perRowColumns} (the digest of what is read is computed in the same
   * query).
   */
  String selectSql(boolean hashed) {
    String select = table.select(hashed ? ", " + RowHash.perRowColumns(table) : "");
    if (!table.keyed()) {
      return select;
    }
    Keyset keyset = new Keyset(table.key());
    return select + " WHERE " + keyset.where(lo, hi) + " ORDER BY " + keyset.orderBy();
  }

  /**
   * The SQL that selects the chunk's rows for {@code hash}: with the server's per-row hashes if it
   * reads them.
   */
  String selectSql(RowHash.Accumulator hash) {
    return selectSql(hash instanceof RowHash.Sum);
  }

  @Override
  public String toString() {
    return table.name() + "#" + number;
  }
}
