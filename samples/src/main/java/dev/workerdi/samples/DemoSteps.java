package dev.workerdi.samples;

import dev.workerdi.samples.backup.Backup;
import dev.workerdi.samples.backup.BackupException;
import dev.workerdi.samples.backup.BackupOptions;
import dev.workerdi.samples.backup.BackupReport;
import dev.workerdi.samples.backup.SampleData;
import java.io.PrintStream;
import java.sql.SQLException;

/** The demo's steps that wrap other samples. Stateless. */
final class DemoSteps {
  static final int CRASH_AFTER_CHUNKS = 10;

  private DemoSteps() {}

  /**
   * Generates the source database, runs a backup that is interrupted on purpose after a few chunks,
   * then runs it again: it resumes, copies the rest and verifies every table.
   */
  static BackupReport backup(SampleDatabase db, int rows, PrintStream out) throws SQLException {
    db.recreate("demo_source");
    db.recreate("demo_copy");
    SampleData.Result data =
        SampleData.generate(db.jdbcUrl(""), db.user(), db.password(), "demo_source", rows);
    out.printf(
        "Backup: generated %,d rows over %d tables in %.1f s%n",
        data.totalRows(), data.rows().size(), data.elapsed().toNanos() / 1e9);
    try {
      Backup.run(options(db, rows, out).crashAfterChunks(CRASH_AFTER_CHUNKS).build());
      throw new IllegalStateException("the interrupted backup did not stop");
    } catch (BackupException expected) {
      out.println(
          "  first run interrupted on purpose after "
              + CRASH_AFTER_CHUNKS
              + " chunks: "
              + expected.getMessage().lines().findFirst().orElse(""));
    }
    BackupReport report = Backup.run(options(db, rows, out).build());
    out.println("  " + report.summary().replace("\n", "\n  ").stripTrailing());
    Demo.check(report.allEqual(), "the backup's checksums differ");
    Demo.check(report.resumed(), "the second run did not resume the interrupted one");
    return report;
  }

  /**
   * Chunks of 5000 rows, smaller for small sources so that the interruption after 10 chunks
   * happens.
   */
  private static BackupOptions.Builder options(SampleDatabase db, int rows, PrintStream out) {
    String server = db.jdbcUrl("");
    return BackupOptions.builder()
        .chunkRows(Math.clamp(rows / 40, 50, 5_000))
        .source(server, db.user(), db.password())
        .target(server, db.user(), db.password())
        .databases("demo_source", "demo_copy")
        .concurrency(4)
        .workers(2)
        .progress(out);
  }
}
