package dev.workerdi.samples.reliability;

import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.samples.DatabaseOptions;
import dev.workerdi.samples.HelpOption;
import dev.workerdi.samples.SampleCommandLine;
import dev.workerdi.testing.EmbeddedMariaDb;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The soak command: mixed load with random faults on a worker host for a given time, on an embedded
 * MariaDB (or {@code --url}): writes, polluted sessions checked by the next lease, forgotten manual
 * leases, failing and cancelled coroutines, and every 3 to 8 s all pool connections killed. Prints
 * progress, then leases, resets, reclaims, errors by kind and the acquisition latency, and exits 0
 * only with zero leases outstanding, no polluted lease, no lost write and no hang. See
 * RELIABILITY.md for the command.
 */
@Command(
    name = "soak",
    sortOptions = false,
    description = "Mixed load with random faults on a worker host.",
    footer = {
      "",
      "With --url the database workerdi_soak is dropped and created there, and --user must be allowed"
          + " to create it. Exit status: 0 clean, 1 something leaked, was lost or hung, 2 bad usage."
    })
public final class Soak implements Callable<Integer> {
  private static final String DATABASE = "workerdi_soak";

  @Spec private CommandSpec spec;

  @Mixin private HelpOption help;

  @Mixin private DatabaseOptions database;

  @Option(
      names = "--seconds",
      defaultValue = "60",
      description = "how long (default: ${DEFAULT-VALUE})")
  private int seconds;

  @Option(
      names = "--workers",
      defaultValue = "2",
      description = "workers (default: ${DEFAULT-VALUE})")
  private int workers;

  @Option(
      names = "--pool",
      defaultValue = "4",
      description = "pool size per worker (default: ${DEFAULT-VALUE})")
  private int pool;

  @Option(
      names = "--clients",
      defaultValue = "32",
      description = "concurrent clients (default: ${DEFAULT-VALUE})")
  private int clients;

  public static void main(String[] argv) {
    System.setProperty(
        "org.slf4j.simpleLogger.log.dev.workerdi.jdbc.Lease",
        "error"); // DI-303: counted, not printed
    System.setProperty(
        "org.slf4j.simpleLogger.log.com.zaxxer.hikari",
        "error"); // "marked as broken" after each kill
    System.setProperty(
        "org.slf4j.simpleLogger.log.ch.vorburger",
        "off"); // the server's "Aborted connection" lines
    SampleCommandLine.exit(new Soak(), argv);
  }

  @Override
  public Integer call() throws Exception {
    for (int value : new int[] {seconds, workers, pool, clients}) {
      SampleCommandLine.require(
          spec, value >= 1, "--seconds, --workers, --pool and --clients must be at least 1");
    }
    return run(System.out);
  }

  private int run(PrintStream out) throws Exception {
    String url = database.url();
    try (EmbeddedMariaDb embedded = url == null ? EmbeddedMariaDb.start() : null) {
      String server = url != null ? url : embedded.jdbcUrl("");
      String adminUser = url != null ? database.user() : embedded.user();
      String adminPassword = url != null ? database.password() : embedded.password();
      prepare(server, adminUser, adminPassword);
      String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
      String user = url != null ? adminUser : account(server, adminUser, adminPassword, password);
      JdbcSettings settings =
          JdbcSettings.fromMap(
              Map.of(
                  "jdbcUrl",
                  withDatabase(server),
                  "username",
                  user,
                  "password",
                  url != null ? adminPassword : password,
                  "maximumPoolSize",
                  pool,
                  "connectionTimeout",
                  10_000,
                  "poolName",
                  "soak",
                  "workerdi.reserve",
                  0));
      out.printf(
          "== soak: %d s, %d workers x pool %d, %d clients, %s%n",
          seconds,
          workers,
          pool,
          clients,
          url != null ? dev.workerdi.core.Secret.maskUrl(url) : "embedded " + embedded);
      WorkerHost host =
          WorkerHost.builder()
              .name("soak")
              .workers(workers)
              .shutdownHook(false)
              .modules(JdbcModule.of(settings))
              .build();
      host.start();
      try {
        return SoakReport.print(
            out,
            host,
            soak(host, seconds, clients, server, adminUser, adminPassword, user, out),
            stored(server, adminUser, adminPassword),
            seconds);
      } finally {
        host.stop(Duration.ofSeconds(10));
        drop(server, adminUser, adminPassword, url != null ? null : user);
      }
    }
  }

  private static SoakLoad soak(
      WorkerHost host,
      int seconds,
      int clients,
      String server,
      String adminUser,
      String adminPassword,
      String user,
      PrintStream out)
      throws Exception {
    long started = System.nanoTime();
    SoakLoad load = new SoakLoad(host, started + seconds * 1_000_000_000L);
    Thread progress =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    for (int tick = 10; tick < seconds; tick += 10) {
                      Thread.sleep(10_000);
                      out.printf(
                          "[%3d s] coroutines %,d  outcomes %s  kills %d%n",
                          tick, load.coroutines(), load.outcomes(), load.kills.sum());
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    load.run(clients, () -> kill(server, adminUser, adminPassword, user));
    progress.interrupt();
    long quiet = System.nanoTime() + 10_000_000_000L;
    while (host.runningTasks() > 0 && System.nanoTime() < quiet) {
      Thread.sleep(20);
    }
    return load;
  }

  private static void prepare(String server, String user, String password) throws SQLException {
    try (Connection c = DriverManager.getConnection(server, user, password);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE);
      s.execute("CREATE DATABASE " + DATABASE);
      s.execute(
          "CREATE TABLE "
              + DATABASE
              + ".soak_writes (id BIGINT PRIMARY KEY, connection BIGINT) ENGINE=InnoDB");
      s.execute(
          "CREATE TABLE "
              + DATABASE
              + ".marks (id BIGINT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB");
      s.execute("CREATE TABLE " + DATABASE + ".shadow (id INT) ENGINE=InnoDB");
    }
  }

  /** Drops the soak database (and the account, when one was made). */
  private static void drop(String server, String admin, String adminPassword, String user)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(server, admin, adminPassword);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE);
      if (user != null) {
        s.execute("DROP USER IF EXISTS '" + user + "'@'%'");
      }
    }
  }

  /** An account for the pools, with a password of its own, allowed on the soak database only. */
  private static String account(String server, String admin, String adminPassword, String password)
      throws SQLException {
    String user = "soak_" + ProcessHandle.current().pid();
    try (Connection c = DriverManager.getConnection(server, admin, adminPassword);
        Statement s = c.createStatement()) {
      s.execute("DROP USER IF EXISTS '" + user + "'@'%'");
      s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
      s.execute("GRANT ALL PRIVILEGES ON " + DATABASE + ".* TO '" + user + "'@'%'");
    }
    return user;
  }

  private static int kill(String server, String admin, String adminPassword, String user)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(server, admin, adminPassword);
        Statement s = c.createStatement()) {
      try (ResultSet rows =
          s.executeQuery(
              "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '"
                  + user
                  + "' AND ID <> CONNECTION_ID() AND DB = '"
                  + DATABASE
                  + "'")) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
      for (long id : ids) {
        try {
          s.execute("KILL CONNECTION " + id);
        } catch (SQLException gone) {
          // ended meanwhile
        }
      }
    }
    return ids.size();
  }

  private static Set<Long> stored(String server, String user, String password) throws SQLException {
    Set<Long> ids = new HashSet<>();
    try (Connection c = DriverManager.getConnection(server, user, password);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT id FROM " + DATABASE + ".soak_writes")) {
      while (rows.next()) {
        ids.add(rows.getLong(1));
      }
    }
    return ids;
  }

  /** {@code jdbc:mysql://host:port[/db][?options]} with the soak database instead, options kept. */
  private static String withDatabase(String server) {
    int hosts = server.indexOf("//") + 2;
    int end = hosts;
    while (end < server.length() && server.charAt(end) != '/' && server.charAt(end) != '?') {
      end++;
    }
    int query = server.indexOf('?', end);
    return server.substring(0, end) + "/" + DATABASE + (query < 0 ? "" : server.substring(query));
  }

  /** Every worker's pool. */
  static List<WorkerPool> pools(WorkerHost host) throws Exception {
    List<WorkerPool> pools = new ArrayList<>();
    for (int w = 0; w < host.workerCount(); w++) {
      pools.add(host.submit(w, () -> host.injector().getInstance(WorkerPool.class)).get());
    }
    return pools;
  }
}
