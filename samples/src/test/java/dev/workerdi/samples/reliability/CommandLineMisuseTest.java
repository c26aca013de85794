package dev.workerdi.samples.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.workerdi.samples.Demo;
import dev.workerdi.samples.backup.BackupCommand;
import dev.workerdi.samples.backup.SampleData;
import dev.workerdi.samples.server.WorkerServer;
import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.Golden;
import dev.workerdi.testing.RealDatabase;
import dev.workerdi.testing.Secrets;
import dev.workerdi.testing.TestUser;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input, the samples' command lines, run as a user runs them (their own JVM): unknown options,
 * missing values, bad numbers, bad URLs, a wrong password, an unknown database. Each ends with the
 * documented exit status (2 bad usage, 1 failure) and one clear error, pinned (stack frames left
 * out) by {@code golden/reliability/cli_*.txt}; no output shows the password; no database is
 * created, dropped or changed on the server.
 */
@RealDatabase
@ExtendWith(Secrets.class)
class CommandLineMisuseTest {
  private static DatabaseServer server;
  private static TestUser account;
  private static String source;
  private static String target;

  @BeforeAll
  static void prepare(DatabaseServer databaseServer) throws Exception {
    server = databaseServer;
    source = server.createDatabase("rel_cli_src");
    SampleData.generate(server.jdbcUrl(""), server.user(), server.password(), source, 500);
    target = "rel_cli_tgt_" + ProcessHandle.current().pid();
    account = TestUser.create(server.jdbcUrl(""), server.user(), server.password(), source, target);
  }

  @AfterAll
  static void drop() throws Exception {
    try (Connection admin = account.adminConnection();
        var s = admin.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS `" + target + "`");
    }
    account.close();
  }

  private record Case(String name, int exit, Class<?> main, String... args) {}

  private static List<Case> cases() {
    String url = server.jdbcUrl("");
    String user = account.name();
    String wrong = Secrets.PASSWORD + "-wrong";
    List<String> both =
        List.of(
            "--source-url",
            url,
            "--target-url",
            url,
            "--source-user",
            user,
            "--target-user",
            user,
            "--source-password",
            Secrets.PASSWORD,
            "--target-password",
            Secrets.PASSWORD,
            "--source-db",
            source,
            "--target-db",
            target,
            "--quiet");
    return List.of(
        new Case("cli_backup_unknown_option", 2, BackupCommand.class, "--sorce-url", url),
        new Case("cli_backup_missing_value", 2, BackupCommand.class, "--quiet", "--workers"),
        new Case(
            "cli_backup_bad_number", 2, BackupCommand.class, with(both, "--concurrency", "four")),
        new Case(
            "cli_backup_number_out_of_range",
            2,
            BackupCommand.class,
            with(both, "--concurrency", "0")),
        new Case(
            "cli_backup_bad_url",
            2,
            BackupCommand.class,
            with(both, "--source-url", "http://127.0.0.1:3306/")),
        new Case(
            "cli_backup_bad_verify_mode", 2, BackupCommand.class, with(both, "--verify", "fast")),
        new Case(
            "cli_backup_same_database", 2, BackupCommand.class, with(both, "--target-db", source)),
        new Case(
            "cli_backup_wrong_password",
            1,
            BackupCommand.class,
            with(both, "--source-password", wrong)),
        new Case(
            "cli_backup_unknown_database",
            1,
            BackupCommand.class,
            with(both, "--source-db", "rel_no_such_db")),
        new Case("cli_demo_bad_url", 2, Demo.class, "--url", "http://127.0.0.1:3306/"),
        new Case(
            "cli_demo_wrong_password",
            1,
            Demo.class,
            "--url",
            url,
            "--user",
            user,
            "--password",
            wrong),
        new Case(
            "cli_demo_bad_number",
            2,
            Demo.class,
            "--url",
            url,
            "--user",
            user,
            "--password",
            Secrets.PASSWORD,
            "--rows",
            "ten"));
  }

  /** {@code base} with {@code name} set to {@code value} (later options win). */
  private static String[] with(List<String> base, String name, String value) {
    List<String> args = new ArrayList<>(base);
    args.add(name);
    args.add(value);
    return args.toArray(String[]::new);
  }

  @TestFactory
  Stream<DynamicTest> eachMisuseEndsWithOneClearErrorAndChangesNothing() {
    return cases().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      Map<String, Object> before = state();
                      Cli.Result result = Cli.run(c.main(), c.args());
                      Secrets.assertHidden(c.name() + " stdout", result.out());
                      Secrets.assertHidden(c.name() + " stderr", result.err());
                      Golden.assertMatches(
                          "reliability/" + c.name(), normalize(result.errorText()));
                      assertEquals(
                          c.exit(),
                          result.exit(),
                          c.name() + ": exit status; stderr: " + result.err());
                      assertEquals(before, state(), c.name() + " changed the server");
                    }));
  }

  /** The databases on the server and the source's content. */
  private static Map<String, Object> state() throws Exception {
    try (Connection admin = account.adminConnection();
        var s = admin.createStatement();
        var rows = s.executeQuery("SHOW DATABASES")) {
      List<String> databases = new ArrayList<>();
      while (rows.next()) {
        databases.add(rows.getString(1));
      }
      return Map.of("databases", databases, "source", Copies.fingerprint(admin, source));
    }
  }

  private static String normalize(String text) {
    String url = server.jdbcUrl("");
    int hosts = url.indexOf("//") + 2;
    String address = url.substring(hosts, url.indexOf('/', hosts));
    return text.replace(address, "<host>:<port>")
        .replace(account.name(), "<user>")
        .replace(source, "<source>")
        .replace(target, "<target>");
  }

  /**
   * {@code WorkerServer --port abc}: picocli rejects the bad number (exit status 2) before the
   * sample opens the database, so {@code server_demo} (which the sample would drop and recreate)
   * keeps its table. Run on the embedded server only (it creates {@code server_demo}).
   */
  @Test
  void aBadPortChangesNothing() throws Exception {
    assumeTrue(server.kind() == DatabaseServer.Kind.EMBEDDED, "embedded server only");
    try (Connection admin = account.adminConnection();
        var s = admin.createStatement()) {
      s.execute("CREATE DATABASE IF NOT EXISTS server_demo");
      s.execute("CREATE TABLE IF NOT EXISTS server_demo.keep_me (id INT)");
    }
    Map<String, Object> before = state();
    Cli.Result result =
        Cli.run(
            WorkerServer.class,
            "--url",
            server.jdbcUrl(""),
            "--user",
            server.user(),
            "--password",
            server.password(),
            "--port",
            "abc");
    System.out.println(
        "CLI WorkerServer --port abc: exit " + result.exit() + ", stderr:\n" + result.errorText());
    try (Connection admin = account.adminConnection()) {
      assertEquals(
          1, Copies.fingerprint(admin, "server_demo").size(), "server_demo.keep_me was dropped");
    }
    assertEquals(2, result.exit(), result.err());
    assertEquals(before, state());
  }
}
