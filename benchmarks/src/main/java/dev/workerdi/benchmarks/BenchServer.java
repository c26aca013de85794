package dev.workerdi.benchmarks;

import dev.workerdi.testing.EmbeddedMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server every figure measures: an embedded MariaDB 11.4 started for the run (the default), or
 * the server of {@code bench.url}. Knows its client tools ({@code mariadb-dump}, {@code mariadb})
 * of the same distribution. Databases it creates are dropped on close. Thread-safe.
 */
public final class BenchServer implements AutoCloseable {
  /** The options the embedded server is started with, printed in the results. */
  public static final List<String> EMBEDDED_OPTIONS =
      List.of(
          "--max-connections=500", "--innodb-buffer-pool-size=1G", "--innodb-log-file-size=512M");

  private static final Pattern HOST_PORT =
      Pattern.compile("^jdbc:(?:mysql|mariadb)://([^:/?]+)(?::(\\d+))?");

  private final EmbeddedMariaDb embedded;
  private final String serverUrl;
  private final String user;
  private final String password;
  private final String version;
  private final List<String> created = new ArrayList<>();

  private BenchServer(EmbeddedMariaDb embedded, String serverUrl, String user, String password)
      throws SQLException {
    this.embedded = embedded;
    this.serverUrl = serverUrl;
    this.user = user;
    this.password = password;
    try (Connection c = connect("");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT VERSION()")) {
      r.next();
      this.version = r.getString(1);
    }
  }

  /** Starts the embedded server, or connects to {@code config.url()}. */
  public static BenchServer open(BenchConfig config) throws SQLException {
    if (config.url() == null) {
      EmbeddedMariaDb db = EmbeddedMariaDb.start(EMBEDDED_OPTIONS);
      try {
        return new BenchServer(db, null, db.user(), db.password());
      } catch (SQLException | RuntimeException e) {
        db.close();
        throw e;
      }
    }
    Matcher matcher = HOST_PORT.matcher(config.url());
    if (!matcher.find()) {
      throw new IllegalArgumentException("bench.url must look like jdbc:mysql://127.0.0.1:3306/");
    }
    String base = config.url().substring(0, matcher.end()) + "/";
    return new BenchServer(null, base, config.user(), config.password());
  }

  /** The JDBC URL of {@code database} ({@code ""} for none). */
  public String jdbcUrl(String database) {
    return embedded != null ? embedded.jdbcUrl(database) : serverUrl + database;
  }

  public String user() {
    return user;
  }

  /** The password; never printed. */
  public String password() {
    return password;
  }

  /** What {@code SELECT VERSION()} answers. */
  public String version() {
    return version;
  }

  /** The server's host name or address. */
  public String host() {
    Matcher matcher = HOST_PORT.matcher(jdbcUrl(""));
    return matcher.find() ? matcher.group(1) : "127.0.0.1";
  }

  /** The server's TCP port. */
  public int port() {
    Matcher matcher = HOST_PORT.matcher(jdbcUrl(""));
    return matcher.find() && matcher.group(2) != null ? Integer.parseInt(matcher.group(2)) : 3306;
  }

  /** Whether this is the embedded server started for the run. */
  public boolean embedded() {
    return embedded != null;
  }

  /**
   * The embedded server's {@code mariadbd} process (a descendant of this JVM, found by its {@code
   * --port} argument); empty for the server of {@code bench.url} or when it is not found.
   */
  public Optional<ProcessHandle> process() {
    if (embedded == null) {
      return Optional.empty();
    }
    String portArgument = "--port=" + embedded.port();
    return ProcessHandle.current()
        .descendants()
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(arguments -> Arrays.asList(arguments).contains(portArgument))
                    .orElse(false))
        .findFirst();
  }

  /** A new connection outside any pool; the caller closes it. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), user, password);
  }

  /**
   * Creates the empty database {@code workerdi_bench_<name>} (dropping an old one), dropped on
   * close.
   */
  public String createDatabase(String name) throws SQLException {
    String database = "workerdi_bench_" + name;
    try (Connection c = connect("");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS `" + database + "`");
      s.execute("CREATE DATABASE `" + database + "`");
    }
    synchronized (created) {
      created.add(database);
    }
    return database;
  }

  /** Drops {@code database} now. */
  public void dropDatabase(String database) throws SQLException {
    try (Connection c = connect("");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS `" + database + "`");
    }
    synchronized (created) {
      created.remove(database);
    }
  }

  /**
   * A client tool of the server's own distribution ({@code mariadb-dump}, {@code mariadb}): under
   * the embedded server's basedir, else {@code /usr/bin}.
   */
  public Path tool(String name) {
    String basedir = System.getProperty(EmbeddedMariaDb.BASEDIR_PROPERTY);
    if (embedded != null && basedir != null && !basedir.isBlank()) {
      Path path = Path.of(basedir, "bin", name);
      if (Files.isExecutable(path)) {
        return path;
      }
    }
    return Path.of("/usr/bin", name);
  }

  /** One line for the results: what, where, which options. */
  public String describe() {
    return embedded != null
        ? "embedded MariaDB "
            + version
            + " on 127.0.0.1 (mariadbd "
            + String.join(" ", EMBEDDED_OPTIONS)
            + ")"
        : "MariaDB/MySQL " + version + " at " + host() + ":" + port() + " (bench.url)";
  }

  @Override
  public void close() {
    List<String> toDrop;
    synchronized (created) {
      toDrop = List.copyOf(created);
    }
    for (String database : toDrop) {
      try {
        dropDatabase(database);
      } catch (SQLException e) {
        System.err.println("Cannot drop " + database + ": " + e.getMessage());
      }
    }
    if (embedded != null) {
      embedded.close();
    }
  }

  @Override
  public String toString() {
    return "BenchServer[" + describe() + ", user=" + user + "]";
  }
}
