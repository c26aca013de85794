package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.RealDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line: help, usage errors, and passwords that never show in output. */
@RealDatabase
class CommandLineTest {
  private static final String PASSWORD = "s3cr3t-Pa55";

  private record Run(int status, String out, String err) {
    /** The output and the error output. */
    String all() {
      return out + err;
    }
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        BackupCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@link #run} with the server as both the source and the target. */
  private static Run runOn(DatabaseServer server, String... args) {
    String url = server.jdbcUrl("");
    String[] all = new String[args.length + 4];
    System.arraycopy(new String[] {"--source-url", url, "--target-url", url}, 0, all, 0, 4);
    System.arraycopy(args, 0, all, 4, args.length);
    return run(all);
  }

  private static void assertNoPassword(Run run) {
    assertFalse(run.all().contains(PASSWORD), run.all());
  }

  @Test
  void helpListsEveryOption() {
    Run help = run("--help");
    assertEquals(0, help.status());
    for (String option :
        new String[] {
          "--source-url",
          "--target-url",
          "--source-password",
          "--concurrency",
          "--chunk-rows",
          "--workers",
          "--generate",
          "--verify",
          "--fresh",
          "--throttle-ms"
        }) {
      assertTrue(help.out().contains(option), option + " in\n" + help.out());
    }
  }

  @Test
  void usageErrorsExitWithTwoAndSayWhatIsWrong() {
    Run unknown = run("--sorce-url", "x");
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().startsWith("Unknown options: '--sorce-url', 'x'"), unknown.err());
    assertTrue(unknown.err().contains("Possible solutions: --source-url"), unknown.err());
    Run missing = run("--concurrency");
    assertEquals(2, missing.status());
    assertTrue(
        missing.err().startsWith("Missing required parameter for option '--concurrency' (K)"),
        missing.err());
    Run badNumber = run("--chunk-rows", "lots");
    assertEquals(2, badNumber.status());
    assertTrue(
        badNumber
            .err()
            .startsWith("Invalid value for option '--chunk-rows': 'lots' is not a whole number"),
        badNumber.err());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            BackupOptions.builder()
                .source("jdbc:mysql://h:3306/", "u", "")
                .target("jdbc:mysql://h:3306/", "u", "")
                .databases("same", "same")
                .build());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            BackupOptions.builder()
                .source("jdbc:mysql://h/", "u", "")
                .target("jdbc:mysql://h/", "u", "")
                .concurrency(0)
                .build());
  }

  @Test
  void optionsNeverShowThePassword() {
    BackupOptions options =
        BackupOptions.builder()
            .source("jdbc:mysql://db1:3306/?password=" + PASSWORD, "admin", PASSWORD)
            .target("jdbc:mysql://db2:3306/", "admin", PASSWORD)
            .build();
    for (String text :
        new String[] {options.toString(), options.describeSource(), options.describeTarget()}) {
      assertFalse(text.contains(PASSWORD), text);
    }
    assertTrue(options.toString().contains("******"), options.toString());
  }

  @Test
  void aRefusedLoginIsReportedWithoutThePassword(DatabaseServer server) {
    Run refused =
        runOn(
            server,
            "--source-user",
            "nobody_here",
            "--source-password",
            PASSWORD,
            "--target-password",
            PASSWORD,
            "--source-db",
            "missing_db",
            "--quiet");
    assertEquals(1, refused.status(), refused.all());
    assertNoPassword(refused);
    assertTrue(refused.err().startsWith("backup failed: "), refused.err());
  }

  @Test
  void aRefusedLoginNamesTheSideAndItsUrl(DatabaseServer server) {
    String url = server.jdbcUrl("");
    Run target =
        runOn(
            server,
            "--source-user",
            server.user(),
            "--target-user",
            "nobody_here",
            "--target-password",
            PASSWORD,
            "--quiet");
    assertEquals(1, target.status(), target.all());
    assertTrue(
        target.err().contains("Cannot connect to the target server " + url + " (user nobody_here)"),
        target.err());
    assertNoPassword(target);
  }

  @Test
  void restoreAndDirectoryOptionsAreCheckedAsUsage() {
    Run noDir = run("restore", "--into", "x");
    assertEquals(2, noDir.status());
    assertTrue(noDir.err().contains("restore needs --from-dir DIR"), noDir.err());
    Run optionsBeforeRestore =
        run("--target-url", "jdbc:mysql://h/", "restore", "--from-dir", "/tmp/x");
    assertEquals(2, optionsBeforeRestore.status(), optionsBeforeRestore.err());
    assertTrue(
        optionsBeforeRestore.err().startsWith("restore's options go after 'restore'"),
        optionsBeforeRestore.err());
    Run fromDirWithoutRestore = run("--from-dir", "/tmp/x");
    assertEquals(2, fromDirWithoutRestore.status());
    assertTrue(
        fromDirWithoutRestore.err().contains("--from-dir is for 'restore'"),
        fromDirWithoutRestore.err());
    Run both =
        run(
            "restore",
            "--from-dir",
            "/tmp/x",
            "--to-dir",
            "/tmp/y",
            "--target-url",
            "jdbc:mysql://h/");
    assertEquals(2, both.status(), both.err());
    assertTrue(run("--help").out().contains("backup restore --from-dir DIR --into NAME"));
    Run noTerminal = run("--ask-passwords", "--source-url", "jdbc:mysql://h/");
    assertEquals(2, noTerminal.status(), "tests run without a terminal: " + noTerminal.err());
    assertTrue(noTerminal.err().contains("--ask-passwords needs a terminal"), noTerminal.err());
    for (String option :
        new String[] {
          "--to-dir",
          "--from-dir",
          "--into",
          "--no-lock",
          "--definer-denied",
          "--users",
          "--no-load-data"
        }) {
      assertTrue(run("--help").out().contains(option), option);
    }
  }
}
