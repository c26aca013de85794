package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.EmbeddedMariaDb;
import dev.workerdi.testing.RealDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
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
    killWhen(
        server,
        command(
            server,
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
        Backup.run(
            BackupOptions.builder()
                .source(server.jdbcUrl(""), server.user(), server.password())
                .databases(source, "unused")
                .toDirectory(dir)
                .concurrency(3)
                .chunkRows(100)
                .build());
    assertTrue(
        backup.allEqual()
            && backup.resumedChunks() >= kept
            && backup.resumedChunks() < backup.totalChunks(),
        backup.summary());

    String target = server.createDatabase("bk14_kill_dst");
    killWhen(
        server,
        command(
            server,
            "restore",
            "--from-dir",
            dir.toString(),
            "--into",
            target,
            "--target-url",
            server.jdbcUrl(""),
            "--target-user",
            server.user()),
        () -> restoredChunks(server, target) >= 4);
    long restored = restoredChunks(server, target);
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

  private static long restoredChunks(DatabaseServer server, String target) throws Exception {
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

  /**
   * {@code BackupCommand} with these arguments, slowed down so that it can be killed in the middle.
   */
  private static List<String> command(DatabaseServer server, String... args) {
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
    command.add(BackupCommand.class.getName());
    command.addAll(List.of(args));
    command.addAll(
        List.of("--concurrency", "2", "--chunk-rows", "100", "--throttle-ms", "150", "--quiet"));
    return command;
  }

  /** Starts {@code command}, waits until {@code when}, then kills it with SIGKILL. */
  private static void killWhen(DatabaseServer server, List<String> command, Callable<Boolean> when)
      throws Exception {
    Path log = Files.createTempFile("bk14-kill", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("BACKUP_SOURCE_PASSWORD", server.password());
    builder.environment().put("BACKUP_TARGET_PASSWORD", server.password());
    Process process = builder.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!when.call()) {
        assertTrue(process.isAlive(), "the process ended early: " + Files.readString(log));
        assertTrue(System.nanoTime() < deadline, "no progress in time: " + Files.readString(log));
        Thread.sleep(50);
      }
      assertTrue(process.isAlive(), "killed in the middle: " + Files.readString(log));
    } finally {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(log);
    }
  }
}
