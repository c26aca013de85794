package dev.workerdi.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A real MySQL-compatible server for tests: where it is ({@link #jdbcUrl}), who to log in as, what
 * it is ({@link #kind()}, {@link #serverVersion()}), and fresh databases on demand.
 *
 * <p>Obtained as a test parameter from {@link TestDatabase}; its lifetime belongs to the harness,
 * so it has no public {@code close}. {@code toString} and its exceptions never show the password.
 * Thread-safe: immutable apart from the record of created databases.
 */
public final class DatabaseServer {
  private static final int ER_DB_CREATE_EXISTS = 1007;

  /** Where the server comes from. */
  public enum Kind {
    /** The server named by the environment variable {@code WORKERDI_JDBC_URL}. */
    ENV,
    /** A MySQL 8.4 container started by Testcontainers. */
    TESTCONTAINERS,
    /** An embedded MariaDB 11.4 ({@link EmbeddedMariaDb}). */
    EMBEDDED,
    /**
     * A three-node {@link GaleraCluster} ({@code workerdi.testdb=galera}), named by a multi-host
     * URL.
     */
    GALERA
  }

  private final Kind kind;
  private final UnaryOperator<String> urls;
  private final String user;
  private final String password;
  private final String serverVersion;
  private final AtomicLong sequence = new AtomicLong();
  private final ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();

  private DatabaseServer(
      Kind kind, UnaryOperator<String> urls, String user, String password, String serverVersion) {
    this.kind = kind;
    this.urls = urls;
    this.user = Objects.requireNonNull(user, "user");
    this.password = Objects.requireNonNull(password, "password");
    this.serverVersion = serverVersion;
  }

  /** Connects once to learn the version; fails with a message that shows no password. */
  static DatabaseServer open(Kind kind, UnaryOperator<String> urls, String user, String password) {
    DatabaseServer server = new DatabaseServer(kind, urls, user, password, "?");
    try (Connection c = server.connect("");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT VERSION()")) {
      rs.next();
      return new DatabaseServer(kind, urls, user, password, rs.getString(1));
    } catch (SQLException e) {
      throw server.failure("Cannot connect to " + server, e);
    }
  }

  /** Where the server comes from. */
  public Kind kind() {
    return kind;
  }

  /**
   * The JDBC URL of {@code database} ({@code ""} for none), for the MySQL Connector/J driver.
   *
   * @throws IllegalArgumentException if the name is not a plain identifier
   */
  public String jdbcUrl(String database) {
    return urls.apply(Names.checkDatabase(database, true));
  }

  /** The user name to log in with; it may create databases. */
  public String user() {
    return user;
  }

  /** The password of {@link #user()}; never printed by this class. */
  public String password() {
    return password;
  }

  /**
   * What {@code SELECT VERSION()} answered, for example {@code 11.4.5-MariaDB} or {@code 8.4.6}.
   */
  public String serverVersion() {
    return serverVersion;
  }

  /** A new connection to {@code database} ({@code ""} for none); the caller closes it. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), user, password);
  }

  /**
   * Creates a new, empty database whose name starts with {@code nameHint} (cleaned up to letters,
   * digits and {@code _}) and is unique per call, even across JVMs sharing the server.
   *
   * @return the name of the new database
   * @throws IllegalStateException if the server refuses
   */
  public String createDatabase(String nameHint) {
    for (int attempt = 1; ; attempt++) {
      String name = Names.unique(nameHint, sequence.incrementAndGet());
      try (Connection c = connect("");
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE `" + name + "`");
        created.add(name);
        return name;
      } catch (SQLException e) {
        if (e.getErrorCode() != ER_DB_CREATE_EXISTS || attempt == 3) {
          throw failure("Cannot create database " + name + " on " + this, e);
        }
      }
    }
  }

  /** The databases made by {@link #createDatabase}, oldest first. */
  List<String> createdDatabases() {
    return List.copyOf(created);
  }

  /** Drops what {@link #createDatabase} made: used for servers the harness does not own. */
  void dropCreatedDatabases() throws SQLException {
    try (Connection c = connect("");
        Statement s = c.createStatement()) {
      for (String name; (name = created.poll()) != null; ) {
        s.execute("DROP DATABASE IF EXISTS `" + name + "`");
      }
    }
  }

  /**
   * An exception for {@code e} whose messages (its own and its cause's) show no password: drivers
   * may quote a URL or an option that contains it.
   */
  IllegalStateException failure(String what, SQLException e) {
    SQLException cause = e;
    String message = Objects.toString(e.getMessage(), "");
    if (mentionsPassword(e)) {
      cause = new SQLException(hide(message), e.getSQLState(), e.getErrorCode());
      cause.setStackTrace(e.getStackTrace());
    }
    return new IllegalStateException(what + ": " + hide(message), cause);
  }

  private boolean mentionsPassword(Throwable e) {
    for (Throwable t = e; t != null && !password.isEmpty(); t = t.getCause()) {
      if (Objects.toString(t.getMessage(), "").contains(password)) {
        return true;
      }
    }
    return false;
  }

  private String hide(String text) {
    String redacted = JdbcUrls.redact(text);
    return password.isEmpty() ? redacted : redacted.replace(password, "******");
  }

  @Override
  public String toString() {
    return "DatabaseServer["
        + kind
        + " "
        + serverVersion
        + " at "
        + hide(urls.apply(""))
        + ", user="
        + user
        + ", password="
        + (password.isEmpty() ? "(empty)" : "******")
        + "]";
  }
}
