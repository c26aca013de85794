package dev.workerdi.samples.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.samples.backup.Backup;
import dev.workerdi.samples.backup.BackupOptions;
import dev.workerdi.samples.backup.BackupReport;
import dev.workerdi.samples.backup.SampleData;
import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.EmbeddedMariaDb;
import dev.workerdi.testing.RealDatabase;
import dev.workerdi.testing.Secrets;
import dev.workerdi.testing.StallingProxy;
import dev.workerdi.testing.TestUser;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A backup interrupted by each fault of the reliability suite (all its connections killed, the
 * server stopped and started again, the network path stalled) and then run again: the second run
 * resumes from the checkpoints and ends with source and target equal, table by table (rows,
 * distinct rows, {@code CHECKSUM TABLE}, computed independently of the backup). The backup logs in
 * as an account with the suite's distinctive password.
 */
@RealDatabase
@ExtendWith(Secrets.class)
class BackupFaultsTest {
  private static final int ROWS = 5_000;

  /** What one fault does to the running backup. */
  @FunctionalInterface
  private interface Fault {
    void strike() throws Exception;
  }

  @Test
  void allConnectionsKilledMidBackup(DatabaseServer server) throws Exception {
    String source =
        generate(
            server.jdbcUrl(""),
            server.user(),
            server.password(),
            server.createDatabase("rel_bk_src"));
    String target = server.createDatabase("rel_bk_killed");
    try (TestUser account =
        TestUser.create(server.jdbcUrl(""), server.user(), server.password(), source, target)) {
      interruptAndResume(
          "KILL",
          account,
          server.jdbcUrl(""),
          source,
          target,
          () ->
              System.out.println(
                  "BACKUP KILL: killed " + account.killAll().size() + " connections"));
    }
  }

  @Test
  void serverStoppedAndRestartedMidBackup() throws Exception {
    try (EmbeddedMariaDb server = EmbeddedMariaDb.start()) {
      String source = generate(server.jdbcUrl(""), server.user(), server.password(), "rel_bk_src");
      try (TestUser account =
          TestUser.create(
              server.jdbcUrl(""), server.user(), server.password(), source, "rel_bk_restarted")) {
        interruptAndResume(
            "RESTART",
            account,
            server.jdbcUrl(""),
            source,
            "rel_bk_restarted",
            () -> {
              server.stop();
              Thread.sleep(2_000);
              server.restart();
            });
      }
    }
  }

  @Test
  void networkStalledMidBackup(DatabaseServer server) throws Exception {
    String source =
        generate(
            server.jdbcUrl(""),
            server.user(),
            server.password(),
            server.createDatabase("rel_bk_src"));
    String target = server.createDatabase("rel_bk_stalled");
    String url = server.jdbcUrl("");
    int hosts = url.indexOf("//") + 2;
    String[] address = url.substring(hosts, url.indexOf('/', hosts)).split(":");
    try (TestUser account = TestUser.create(url, server.user(), server.password(), source, target);
        StallingProxy proxy = new StallingProxy(address[0], Integer.parseInt(address[1]))) {
      String throughProxy =
          url.substring(0, hosts)
              + "127.0.0.1:"
              + proxy.port()
              + "/?connectTimeout=2000&socketTimeout=3000";
      interruptAndResume(
          "STALL",
          account,
          throughProxy,
          source,
          target,
          () -> {
            proxy.stall();
            Thread.sleep(5_000);
            proxy.clear();
          });
    }
  }

  private static String generate(String serverUrl, String user, String password, String database) {
    SampleData.generate(serverUrl, user, password, database, ROWS);
    return database;
  }

  private static void interruptAndResume(
      String fault, TestUser account, String url, String source, String target, Fault strike)
      throws Exception {
    try (Connection admin = account.adminConnection();
        var s = admin.createStatement()) {
      s.execute(
          "GRANT RELOAD ON *.* TO '" + account.name() + "'@'%'"); // the global lock of the snapshot
    }
    BackupOptions.Builder options =
        BackupOptions.builder()
            .source(url, account.name(), Secrets.PASSWORD)
            .target(url, account.name(), Secrets.PASSWORD)
            .databases(source, target)
            .concurrency(2)
            .chunkRows(100)
            .workers(2)
            .throttle(Duration.ofMillis(100))
            .onDefinerDenied(
                BackupOptions.DefinerDenied
                    .USE_TARGET_USER); // the account may not set root as definer
    String first;
    try (var runner = Executors.newVirtualThreadPerTaskExecutor()) {
      CompletableFuture<BackupReport> run =
          CompletableFuture.supplyAsync(() -> Backup.run(options.build()), runner);
      while (doneChunks(account, target) < 5 && !run.isDone()) {
        Thread.sleep(20);
      }
      assertTrue(!run.isDone(), fault + ": the backup ended before the fault");
      strike.strike();
      first = outcome(run);
    }
    BackupReport report = Backup.run(options.throttle(Duration.ZERO).build());
    Map<String, String> sourcePrint;
    Map<String, String> targetPrint;
    try (Connection admin = account.adminConnection()) {
      sourcePrint = Copies.fingerprint(admin, source);
      targetPrint = Copies.fingerprint(admin, target);
    }
    System.out.println(
        "BACKUP "
            + fault
            + ": first run "
            + first
            + "; second run resumed="
            + report.resumed()
            + ", "
            + report.resumedChunks()
            + " chunks kept, "
            + report.chunksCopied()
            + " copied, all equal="
            + report.allEqual()
            + "; independent check, source "
            + sourcePrint
            + "\n  target "
            + targetPrint);
    Secrets.assertHidden("the first run's outcome", first);
    Secrets.assertHidden("the report", report.summary());
    assertTrue(report.allEqual(), report.summary());
    assertEquals(sourcePrint, targetPrint, fault + ": the target differs from the source");
    assertTrue(
        sourcePrint.size() >= 5, "the sample's tables were compared: " + sourcePrint.keySet());
  }

  /** How the interrupted run ended: failed (and how), or finished anyway. */
  private static String outcome(CompletableFuture<BackupReport> run) throws InterruptedException {
    try {
      BackupReport report = run.get(120, TimeUnit.SECONDS);
      return "survived the fault (all equal=" + report.allEqual() + ")";
    } catch (ExecutionException e) {
      return "failed: " + e.getCause().getMessage().replace("\n", " | ");
    } catch (TimeoutException e) {
      throw new AssertionError("the interrupted backup hung for 120 s");
    }
  }

  private static long doneChunks(TestUser account, String target) throws SQLException {
    try (Connection admin = account.adminConnection();
        var s = admin.createStatement();
        var rows =
            s.executeQuery(
                "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + target
                    + "' AND TABLE_NAME = '_backup_checkpoint'")) {
      rows.next();
      if (rows.getLong(1) == 0) {
        return 0;
      }
    }
    try (Connection admin = account.adminConnection();
        var s = admin.createStatement();
        var rows =
            s.executeQuery("SELECT COUNT(*) FROM `" + target + "`._backup_checkpoint WHERE done")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
