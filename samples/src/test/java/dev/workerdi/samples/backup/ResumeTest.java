package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.RealDatabase;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A backup that stops in the middle (a simulated crash before a commit, or a real {@code kill -9}
 * of the process) and runs again ends with every row once: equal counts and checksums, unique keys.
 */
@RealDatabase
class ResumeTest {
  private static String source;

  @BeforeAll
  static void generate(DatabaseServer server) {
    source = server.createDatabase("resume_src");
    SampleData.generate(server.jdbcUrl(""), server.user(), server.password(), source, 2_000);
  }

  @Test
  void aCrashBeforeACommitLosesOnlyThatChunkAndTheRerunFinishesIt(DatabaseServer server)
      throws Exception {
    String target = server.createDatabase("resume_crash");
    BackupOptions.Builder options =
        Dbs.options(server, source, target).concurrency(2).chunkRows(150);
    assertThrows(BackupException.class, () -> Backup.run(options.crashAfterChunks(5).build()));

    long done =
        Dbs.count(
            server,
            target,
            "SELECT COUNT(*) FROM _backup_checkpoint WHERE done AND table_name <> ''");
    long planned =
        Dbs.count(server, target, "SELECT COUNT(*) FROM _backup_checkpoint WHERE table_name <> ''");
    assertTrue(done >= 5 && done < planned, done + " of " + planned + " chunks done");
    for (String table : List.of("customers", "orders", "products", "readings")) {
      assertEquals(
          Dbs.count(
              server,
              target,
              "SELECT COALESCE(SUM(copied_rows), 0) FROM _backup_checkpoint"
                  + " WHERE done AND table_name = '"
                  + table
                  + "'"),
          Dbs.count(server, target, "SELECT COUNT(*) FROM " + table),
          table + ": exactly the rows of the done chunks, none of the crashed one");
    }

    BackupReport report = Backup.run(options.crashAfterChunks(-1).build());
    assertTrue(report.allEqual(), report.summary());
    assertTrue(report.resumed() && report.resumedChunks() == done, report.summary());
    assertEquals(Dbs.checksums(server, source), Dbs.checksums(server, target));
    Dbs.assertKeysUnique(server, target);
  }

  @Test
  void aCrashInAChunkOfANonTransactionalTableLeavesNoDuplicateAfterTheRerun(DatabaseServer server)
      throws Exception {
    String aria = server.createDatabase("resume_aria_src");
    String target = server.createDatabase("resume_aria");
    Dbs.execute(
        server,
        aria,
        "CREATE TABLE notes (id INT NOT NULL PRIMARY KEY, body VARCHAR(40) NOT NULL) ENGINE=Aria");
    Dbs.execute(server, aria, "INSERT INTO notes SELECT seq, CONCAT('n', seq) FROM seq_1_to_700");
    BackupOptions.Builder options = Dbs.options(server, aria, target).concurrency(1).chunkRows(100);
    assertThrows(BackupException.class, () -> Backup.run(options.crashAfterChunks(3).build()));
    assertTrue(
        Dbs.count(server, target, "SELECT COUNT(*) FROM notes") > 300,
        "the crashed chunk's rows stay in an Aria table: its rollback cannot remove them");

    BackupReport report = Backup.run(options.crashAfterChunks(-1).build());

    assertTrue(report.allEqual(), report.summary());
    assertEquals(700, Dbs.count(server, target, "SELECT COUNT(*) FROM notes"));
  }

  @Test
  void anUnfinishedStreamOfATableWithoutKeyIsCopiedAgainFromScratch(DatabaseServer server)
      throws Exception {
    String target = server.createDatabase("resume_stream");
    BackupOptions.Builder options =
        Dbs.options(server, source, target).concurrency(1).chunkRows(100);
    assertThrows(BackupException.class, () -> Backup.run(options.crashAfterChunks(0).build()));
    long partial = Dbs.count(server, target, "SELECT COUNT(*) FROM events");
    long all = Dbs.count(server, source, "SELECT COUNT(*) FROM events");
    assertTrue(
        partial > 0 && partial < all,
        "the stream committed " + partial + " of " + all + " rows, then crashed");

    BackupReport report = Backup.run(options.crashAfterChunks(-1).build());
    assertTrue(report.allEqual(), report.summary());
    assertEquals(Dbs.checksums(server, source), Dbs.checksums(server, target));
  }

  @Test
  void aKilledProcessResumesWhereItStopped(DatabaseServer server) throws Exception {
    String target = server.createDatabase("resume_kill");
    BackupProcess.killWhen(
        server,
        BackupProcess.command(
            "--source-url",
            server.jdbcUrl(""),
            "--target-url",
            server.jdbcUrl(""),
            "--source-user",
            server.user(),
            "--target-user",
            server.user(),
            "--source-db",
            source,
            "--target-db",
            target),
        () -> Dbs.doneChunks(server, target) >= 4);
    long done = Dbs.doneChunks(server, target);
    long planned =
        Dbs.count(server, target, "SELECT COUNT(*) FROM _backup_checkpoint WHERE table_name <> ''");
    assertTrue(done < planned, "killed before the end: " + done + " of " + planned);

    BackupReport report =
        Backup.run(Dbs.options(server, source, target).concurrency(3).chunkRows(100).build());
    assertTrue(report.allEqual(), report.summary());
    assertTrue(report.resumedChunks() >= done, report.summary());
    assertEquals(Dbs.checksums(server, source), Dbs.checksums(server, target));
    Dbs.assertKeysUnique(server, target);
  }
}
