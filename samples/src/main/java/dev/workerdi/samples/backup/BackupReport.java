package dev.workerdi.samples.backup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a backup did: per table the comparison of source and target, the rows copied by this run and
 * those an earlier, interrupted run had already committed, the views and triggers recreated, and
 * how long it took.
 *
 * @param source where the source database is (no password)
 * @param target where the target database is (no password)
 * @param tables every table's comparison
 * @param rowsCopied rows this run copied
 * @param chunksCopied chunks this run copied
 * @param resumedRows rows already in the target from an interrupted run (0 for a fresh one)
 * @param resumedChunks chunks already done by an interrupted run
 * @param totalChunks every chunk of the plan
 * @param views views recreated
 * @param triggers triggers recreated
 * @param routines stored procedures and functions recreated
 * @param events events recreated (after the verification)
 * @param sequences sequences recreated (before the tables) and set to the source's next value
 * @param skipped source objects not copied, with the reason
 * @param phases the time of each phase, in order: start (target database, worker host), prepare
 *     (schema, tables, plan), copy, objects (views and triggers), verify
 * @param elapsed the time of the whole run (schema, copy, views and triggers, verification)
 * @param concurrency the copying coroutines
 * @param snapshot the point in time the source was read at (by this run)
 * @param warnings what makes the copy less than one consistent point in time, or empty
 */
public record BackupReport(
    String source,
    String target,
    List<TableReport> tables,
    long rowsCopied,
    int chunksCopied,
    long resumedRows,
    int resumedChunks,
    int totalChunks,
    int views,
    int triggers,
    int routines,
    int events,
    int sequences,
    List<String> skipped,
    Map<String, Duration> phases,
    Duration elapsed,
    int concurrency,
    SnapshotPoint snapshot,
    List<String> warnings) {

  public BackupReport {
    tables = List.copyOf(tables);
    skipped = List.copyOf(skipped);
    warnings = List.copyOf(warnings);
    phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
  }

  /**
   * The report of a run that copied {@code plan}'s chunks with {@code copy}, started at {@code
   * started} ({@link System#nanoTime()}), with the schema objects the plan found.
   */
  static BackupReport of(
      BackupOptions options,
      Plan plan,
      ParallelCopy copy,
      List<TableReport> tables,
      List<String> skipped,
      Map<String, Duration> phases,
      long started,
      SnapshotPoint point,
      List<String> warnings) {
    return new BackupReport(
        options.describeSource(),
        options.describeTarget(),
        tables,
        copy.rows(),
        copy.committedChunks(),
        plan.doneRows(),
        plan.doneChunks(),
        plan.chunks().size(),
        plan.schema().views().size(),
        plan.schema().triggers().size(),
        plan.schema().routines().size(),
        plan.schema().events().size(),
        plan.schema().sequences().size(),
        skipped,
        phases,
        Duration.ofNanos(System.nanoTime() - started),
        options.concurrency,
        point,
        withVersionedNotes(plan, warnings));
  }

  /** {@code warnings}, then a note for each system-versioned table: its history stays behind. */
  private static List<String> withVersionedNotes(Plan plan, List<String> warnings) {
    List<String> all = new ArrayList<>(warnings);
    plan.schema().tables().stream()
        .filter(Table::versioned)
        .forEach(
            t ->
                all.add(
                    "NOTE: "
                        + t.name()
                        + " is system-versioned: its current rows are copied, not its history"
                        + " (verified by per-chunk hashes: CHECKSUM TABLE covers the row start and"
                        + " end, which start anew in the copy)"));
    return all;
  }

  /** The time of the copy phase. */
  public Duration copyTime() {
    return phases.getOrDefault("copy", Duration.ZERO);
  }

  /** Whether every table has the same row count and checksum on both sides. */
  public boolean allEqual() {
    return tables.stream().allMatch(TableReport::equal);
  }

  /** Rows compared in the target (every table's rows). */
  public long rowsVerified() {
    return tables.stream().mapToLong(TableReport::targetRows).sum();
  }

  /** Whether this run resumed an interrupted one. */
  public boolean resumed() {
    return resumedChunks > 0;
  }

  /** Rows per second of the copy phase. */
  public double rowsPerSecond() {
    double seconds = copyTime().toNanos() / 1e9;
    return seconds <= 0 ? 0 : rowsCopied / seconds;
  }

  /** The report as text: one line per table, then the totals and the verdict. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    out.append("Backup of ").append(source).append("\n       to ").append(target).append('\n');
    if (resumed()) {
      out.append(
          String.format(
              "Resumed: %d of %d chunks (%,d rows) were already done by an interrupted run%n",
              resumedChunks, totalChunks, resumedRows));
    }
    out.append("Source read: ").append(snapshot.describe()).append('\n');
    warnings.forEach(w -> out.append(w).append('\n'));
    tables.forEach(t -> out.append("  ").append(t.line()).append('\n'));
    skipped.forEach(s -> out.append("  skipped: ").append(s).append('\n'));
    out.append(
        String.format(
            "Copied %,d rows in %d chunks with %d coroutines in %.2f s (%,.0f rows/s);"
                + " %d view(s), %d trigger(s), %d routine(s), %d event(s), %d sequence(s) recreated; total %.2f s%n",
            rowsCopied,
            chunksCopied,
            concurrency,
            copyTime().toNanos() / 1e9,
            rowsPerSecond(),
            views,
            triggers,
            routines,
            events,
            sequences,
            elapsed.toNanos() / 1e9));
    out.append("Phases:");
    phases.forEach(
        (phase, time) -> out.append(String.format(" %s %.2f s;", phase, time.toNanos() / 1e9)));
    out.append('\n');
    out.append(
        allEqual()
            ? String.format(
                "Verified: %d tables, %,d rows, row counts and checksums equal (%s)",
                tables.size(),
                rowsVerified(),
                tables.isEmpty()
                    ? "nothing to compare"
                    : String.join(
                        "; ", tables.stream().map(TableReport::method).distinct().toList()))
            : "VERIFICATION FAILED: "
                + tables.stream().filter(t -> !t.equal()).map(TableReport::table).toList()
                + " differ");
    return out.toString();
  }
}
