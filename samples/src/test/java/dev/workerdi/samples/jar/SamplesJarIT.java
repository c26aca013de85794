package dev.workerdi.samples.jar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.workerdi.samples.DatabaseOptions;
import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.RealDatabase;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code workerdi-samples.jar}, run with {@code java -jar} as the README shows: its
 * help, the exit status of each kind of outcome (0, 1, 2), the backup delegated to its own command,
 * and passwords taken from the environment or typed at the prompt, never echoed. Failsafe runs it
 * with {@code samples.jar} set; a missing jar then fails every test.
 */
@RealDatabase
class SamplesJarIT {
  /** A wrong password with a space in it, as a command line through Maven could not pass. */
  private static final String WRONG = "not the password 7f3a";

  /** Surefire picks this class up too when given {@code -Dtest=...}; it needs the packaged jar. */
  @BeforeAll
  static void needsThePackagedJar() {
    assumeTrue(
        System.getProperty(JarRun.JAR_PROPERTY) != null,
        "SamplesJarIT runs in failsafe's integration-test phase, once the jar is packaged");
  }

  @Test
  void helpListsEverySubcommandAndExitsZero() throws Exception {
    JarRun.Result help = JarRun.run("--help");
    assertEquals(0, help.exit(), help.err());
    for (String command : new String[] {"demo", "server", "queries", "persistent", "backup"}) {
      assertTrue(help.out().contains("\n  " + command + " "), command + " in:\n" + help.out());
    }
    assertEquals("", help.err());
  }

  @Test
  void eachSubcommandHasItsOwnHelp() throws Exception {
    JarRun.Result server = JarRun.run("server", "--help");
    assertEquals(0, server.exit(), server.err());
    assertTrue(server.out().startsWith("Usage: workerdi-samples server "), server.out());
    assertTrue(
        server.out().contains("--port=PORT") && server.out().contains("GET  /notes/{id}"),
        server.out());
    assertTrue(server.out().contains("$" + DatabaseOptions.PASSWORD_ENV), server.out());
    for (String command : new String[] {"demo", "queries", "persistent"}) {
      JarRun.Result help = JarRun.run(command, "-h");
      assertEquals(0, help.exit(), command + ": " + help.err());
      assertTrue(help.out().startsWith("Usage: workerdi-samples " + command + " "), help.out());
    }
  }

  @Test
  void badUsageExitsTwoWithTheProblemThenTheUsageOnStandardError() throws Exception {
    assertUsage(
        JarRun.run("server", "--port", "abc"),
        "Invalid value for option '--port': 'abc' is not an int");
    assertUsage(JarRun.run("server", "--port", "70000"), "--port must be 0..65535, not 70000");
    assertUsage(
        JarRun.run("demo", "--rows", "ten"),
        "Invalid value for option '--rows': 'ten' is not an int");
    assertUsage(JarRun.run("queries", "--queries", "0"), "--queries must be at least 1, not 0");
    assertUsage(JarRun.run("persistent", "--nope"), "Unknown option: '--nope'");
    assertUsage(
        JarRun.run("queries", "--url", "http://127.0.0.1:3306/"),
        "--url must be a MySQL/MariaDB JDBC URL such as jdbc:mysql://127.0.0.1:3306/, not 'http://127.0.0.1:3306/'");
    assertUsage(JarRun.run("nosuch"), "Unmatched argument at index 0: 'nosuch'");
    assertUsage(JarRun.run(), "Missing the COMMAND: demo, server, queries, persistent or backup");
  }

  @Test
  void backupIsTheBackupCommandWithItsOwnHelpAndExitStatus() throws Exception {
    JarRun.Result help = JarRun.run("backup", "--help");
    assertEquals(0, help.exit(), help.err());
    assertTrue(help.out().startsWith("Usage: workerdi-samples backup "), help.out());
    assertTrue(
        help.out().contains("$BACKUP_SOURCE_PASSWORD") && help.out().contains("--ask-passwords"),
        help.out());
    JarRun.Result restoreHelp = JarRun.run("backup", "restore", "--help");
    assertEquals(0, restoreHelp.exit(), restoreHelp.err());
    assertTrue(
        restoreHelp.out().startsWith("Usage: workerdi-samples backup restore "), restoreHelp.out());
    JarRun.Result bad = JarRun.run("backup", "--sorce-url", "jdbc:mysql://127.0.0.1:3306/");
    assertEquals(2, bad.exit(), bad.out() + bad.err());
    assertTrue(
        bad.err()
            .startsWith(
                "Unknown options: '--sorce-url', 'jdbc:mysql://127.0.0.1:3306/'\n"
                    + "Possible solutions: --source-url"),
        bad.err());
    assertUsage(
        JarRun.run("backup", "restore", "--into", "x"),
        "restore needs --from-dir DIR (and --into NAME)");
  }

  @Test
  void theBackupPasswordComesFromTheEnvironmentAndIsNeverShown(DatabaseServer server)
      throws Exception {
    JarRun.Result run =
        JarRun.run(
            Map.of("BACKUP_SOURCE_PASSWORD", WRONG),
            "",
            "backup",
            "--quiet",
            "--source-url",
            server.jdbcUrl(""),
            "--source-user",
            server.user(),
            "--target-url",
            server.jdbcUrl(""));
    assertBackupRefused(run);
  }

  @Test
  void theBackupPasswordCanBeTypedAtThePrompt(DatabaseServer server) throws Exception {
    JarRun.Result run =
        JarRun.run(
            Map.of(),
            WRONG + "\n",
            "backup",
            "--quiet",
            "--source-url",
            server.jdbcUrl(""),
            "--source-user",
            server.user(),
            "--source-password",
            "--target-url",
            server.jdbcUrl(""));
    assertTrue(run.out().contains("Password of the source user: "), run.out());
    assertBackupRefused(run);
  }

  private static void assertBackupRefused(JarRun.Result run) {
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(
        run.err().startsWith("backup failed: Cannot connect to the source server "), run.err());
    assertTrue(run.err().contains("(using password: YES)"), run.err());
    assertFalse(
        (run.out() + run.err()).contains(WRONG),
        "the password was shown:\n" + run.out() + run.err());
  }

  @Test
  void thePasswordComesFromTheEnvironmentAndIsNeverShown(DatabaseServer server) throws Exception {
    JarRun.Result run =
        JarRun.run(
            Map.of(DatabaseOptions.PASSWORD_ENV, WRONG),
            "",
            "queries",
            "--url",
            server.jdbcUrl(""),
            "--user",
            server.user());
    assertRefusedWithAPassword(run);
  }

  @Test
  void thePasswordCanBeTypedAtThePrompt(DatabaseServer server) throws Exception {
    JarRun.Result run =
        JarRun.run(
            Map.of(),
            WRONG + "\n",
            "queries",
            "--url",
            server.jdbcUrl(""),
            "--user",
            server.user(),
            "--password");
    assertTrue(run.out().contains("Database password: "), run.out());
    assertRefusedWithAPassword(run);
  }

  @Test
  void theMisuseShowsTheFailFastErrorAndExitsZero(DatabaseServer server) throws Exception {
    assumeTrue(
        server.kind() == DatabaseServer.Kind.EMBEDDED,
        "embedded server only: it recreates server_demo");
    JarRun.Result run =
        JarRun.run(
            Map.of(DatabaseOptions.PASSWORD_ENV, server.password()),
            "",
            "server",
            "--misuse",
            "--port",
            "0",
            "--url",
            server.jdbcUrl(""),
            "--user",
            server.user());
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("The server did not start:"), run.out());
    assertTrue(run.out().contains("phase:      BEFORE_WORKER_START"), run.out());
  }

  private static void assertUsage(JarRun.Result run, String problem) {
    assertEquals(2, run.exit(), run.out() + run.err());
    assertTrue(
        run.err().startsWith(problem + "\n"), "stderr starts with the problem:\n" + run.err());
    assertTrue(run.err().contains("\nUsage: workerdi-samples"), run.err());
    assertEquals("", run.out());
  }

  private static void assertRefusedWithAPassword(JarRun.Result run) {
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.err().startsWith("queries failed: Cannot connect to "), run.err());
    assertTrue(run.err().contains("(using password: YES)"), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace:\n" + run.err());
    assertFalse(
        (run.out() + run.err()).contains(WRONG),
        "the password was shown:\n" + run.out() + run.err());
  }
}
