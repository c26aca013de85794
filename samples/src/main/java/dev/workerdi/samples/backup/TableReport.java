package dev.workerdi.samples.backup;

/**
 * How one table compares after the backup.
 *
 * @param table the table name
 * @param key how it was split ({@code PRIMARY(a, b)}, or one stream without a key)
 * @param sourceRows rows in the source
 * @param targetRows rows in the target
 * @param sourceChecksum the source's checksum ({@code CHECKSUM TABLE} in the snapshot, or the
 *     per-chunk row hash)
 * @param targetChecksum the target's checksum, computed the same way
 * @param method how: {@code CHECKSUM TABLE}, {@code read-back hash}, {@code SQL hash}, or {@code
 *     read-back hash and SQL hash} (some chunks each way)
 */
public record TableReport(
    String table,
    String key,
    long sourceRows,
    long targetRows,
    String sourceChecksum,
    String targetChecksum,
    String method) {

  /** Whether the row counts and the checksums are equal. */
  public boolean equal() {
    return sourceRows == targetRows && sourceChecksum.equals(targetChecksum);
  }

  /** One line: name, rows, checksums, verdict. */
  public String line() {
    return String.format(
        "%-24s %10d rows  %-32s %s",
        table,
        targetRows,
        sourceChecksum.equals(targetChecksum)
            ? sourceChecksum
            : sourceChecksum + " != " + targetChecksum,
        equal() ? "equal" : "DIFFERENT (source has " + sourceRows + " rows)");
  }
}
