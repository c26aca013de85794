package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.RealDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup --to-dir} and {@code backup restore --from-dir}, each in its own JVM as a user runs
 * them, killed with {@code kill -9} in the middle: the next run resumes, and the restored database
 * equals the source with every key once.
 */
@RealDatabase
class DirectoryKillTest {

  @Test
  void aKilledDirectoryBackupAndAKilledRestoreResume(DatabaseServer server, @TempDir Path dir)
      throws Exception {
    String source = server.createDatabase("bk14_kill_src");
    SampleData.generate(server.jdbcUrl(""), server.user(), server.password(), source, 2_000);
    BackupProcess.killWhen(
        server,
        BackupProcess.command(
            "--source-url",
            server.jdbcUrl(""),
            "--source-user",
            server.user(),
            "--source-db",
            source,
            "--to-dir",
            dir.toString()),
        () -> doneFiles(dir) >= 4);
    long kept = doneFiles(dir);
    BackupReport backup =
        Backup.run(Dbs.toDirectory(server, source, dir).concurrency(3).chunkRows(100).build());
    assertTrue(
        backup.allEqual()
            && backup.resumedChunks() >= kept
            && backup.resumedChunks() < backup.totalChunks(),
        backup.summary());

    String target = server.createDatabase("bk14_kill_dst");
    BackupProcess.killWhen(
        server,
        BackupProcess.command(
            "restore",
            "--from-dir",
            dir.toString(),
            "--into",
            target,
            "--target-url",
            server.jdbcUrl(""),
            "--target-user",
            server.user()),
        () -> Dbs.doneChunks(server, target) >= 4);
    long restored = Dbs.doneChunks(server, target);
    BackupReport report =
        Backup.run(
            BackupOptions.builder()
                .target(server.jdbcUrl(""), server.user(), server.password())
                .databases("backup_source", target)
                .restoreFrom(dir)
                .concurrency(3)
                .build());
    assertTrue(report.allEqual() && report.resumedChunks() >= restored, report.summary());
    assertEquals(Dbs.checksums(server, source), Dbs.checksums(server, target));
    Dbs.assertKeysUnique(server, target);
  }

  private static long doneFiles(Path dir) throws Exception {
    if (!Files.isDirectory(dir.resolve("data"))) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir.resolve("data"))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".done")).count();
    }
  }
}
