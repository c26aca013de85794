package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.EmbeddedMariaDb;
import dev.workerdi.testing.RealDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    Path log = Files.createTempFile("backup-kill", ".log");
    Process backup = startBackupProcess(server, target, log);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
      while (doneChunks(server, target) < 4) {
        assertTrue(backup.isAlive(), "the backup process ended early: " + Files.readString(log));
        assertTrue(System.nanoTime() < deadline, "no progress in time: " + Files.readString(log));
        Thread.sleep(50);
      }
    } finally {
      backup.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(log);
    }
    long done = doneChunks(server, target);
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

  private static long doneChunks(DatabaseServer server, String target) throws Exception {
    if (Dbs.count(
            server,
            target,
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = '_backup_checkpoint'")
        == 0) {
      return 0;
    }
    return Dbs.count(
        server, target, "SELECT COUNT(*) FROM _backup_checkpoint WHERE done AND table_name <> ''");
  }

  /** {@code BackupCommand} in its own JVM, slowed down so that it can be killed in the middle. */
  private static Process startBackupProcess(DatabaseServer server, String target, Path log)
      throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
    String basedir = System.getProperty(EmbeddedMariaDb.BASEDIR_PROPERTY);
    if (basedir != null) {
      command.add("-D" + EmbeddedMariaDb.BASEDIR_PROPERTY + "=" + basedir);
    }
    command.addAll(
        List.of(
            BackupCommand.class.getName(),
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
            target,
            "--concurrency",
            "2",
            "--chunk-rows",
            "100",
            "--throttle-ms",
            "150",
            "--quiet"));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("BACKUP_SOURCE_PASSWORD", server.password());
    builder.environment().put("BACKUP_TARGET_PASSWORD", server.password());
    return builder.start();
  }
}
