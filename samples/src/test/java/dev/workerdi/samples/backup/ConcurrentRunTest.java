package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.Golden;
import dev.workerdi.testing.RealDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A second run into a target that a running backup is filling is refused at once, with a message
 * that names the target, and changes nothing: the first run ends verified.
 */
@RealDatabase
class ConcurrentRunTest {

  @Test
  void aSecondRunIntoTheSameTargetIsRefusedAtOnce(DatabaseServer server) throws Exception {
    String source = server.createDatabase("bk14_two_src");
    SampleData.generate(server.jdbcUrl(""), server.user(), server.password(), source, 1_000);
    String target = server.createDatabase("bk14_two_dst");
    BackupOptions.Builder options =
        Dbs.options(server, source, target).concurrency(2).chunkRows(100);
    try (var runner = Executors.newVirtualThreadPerTaskExecutor()) {
      CompletableFuture<BackupReport> first =
          CompletableFuture.supplyAsync(
              () -> Backup.run(options.throttle(Duration.ofMillis(100)).build()), runner);
      while (Dbs.doneChunks(server, target) < 1) {
        assertFalse(first.isDone(), () -> "the first run ended early: " + first.join().summary());
        Thread.sleep(20);
      }
      BackupException refused =
          assertThrows(
              BackupException.class, () -> Backup.run(options.throttle(Duration.ZERO).build()));
      assertFalse(first.isDone(), "refused while the first was running");
      Golden.assertMatches(
          "backup/another_backup_running",
          refused.getMessage().replace(target, "<target>").replaceAll("//[^/]+/", "//<host>/"));
      BackupReport report = first.join();
      assertTrue(report.allEqual(), report.summary());
    }
    assertTrue(
        Backup.run(options.throttle(Duration.ZERO).fresh(true).build()).allEqual(),
        "free again afterwards");
  }
}
