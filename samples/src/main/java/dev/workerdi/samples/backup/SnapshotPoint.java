package dev.workerdi.samples.backup;

import java.time.Instant;

/**
 * The point in time a backup's source reads are consistent with: how the copying coroutines were
 * synchronised, and the binlog file, position and GTID of that instant where the server has them.
 *
 * @param method {@code BACKUP STAGE BLOCK_COMMIT}, {@code FLUSH TABLES WITH READ LOCK}, or {@code
 *     none} for a {@code --no-lock} run (each coroutine then reads its own snapshot)
 * @param binlogFile the binlog file, or {@code null} when the server writes none
 * @param binlogPosition the position in it, or -1
 * @param gtid the GTID position ({@code ""} when none)
 * @param at when the snapshot was taken (the client's clock)
 */
public record SnapshotPoint(
    String method, String binlogFile, long binlogPosition, String gtid, Instant at) {

  /** The point of a {@code --no-lock} run: no common snapshot. */
  static SnapshotPoint none() {
    return new SnapshotPoint("none", null, -1, "", Instant.now());
  }

  /** Whether all the coroutines read one consistent snapshot. */
  public boolean consistent() {
    return !method.equals("none");
  }

  /** One line for reports and metadata files. */
  public String describe() {
    if (!consistent()) {
      return "NO CONSISTENT SNAPSHOT (--no-lock): each coroutine read the source at its own moment";
    }
    return "consistent snapshot at "
        + at
        + " under "
        + method
        + ", binlog "
        + (binlogFile == null ? "off" : binlogFile + ":" + binlogPosition)
        + (gtid.isEmpty() ? "" : ", GTID " + gtid);
  }
}
