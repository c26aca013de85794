package dev.workerdi.jdbc.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Module;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.TestUser;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * Worker hosts with a {@link JdbcModule} on a test database, for every di-jdbc test package, and
 * the checks a test ends with: no lease out, no connection active, no statement running. Stateless
 * and thread-safe.
 */
public final class Hosts {
  private Hosts() {}

  /** Pool settings (no reserve); {@code extra} are more name/value pairs, later ones winning. */
  public static JdbcSettings settings(
      String jdbcUrl, String user, String password, int poolSize, Object... extra) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("jdbcUrl", jdbcUrl);
    map.put("username", user);
    map.put("password", password);
    map.put("maximumPoolSize", poolSize);
    map.put("workerdi.reserve", 0);
    for (int i = 0; i < extra.length; i += 2) {
      map.put((String) extra[i], extra[i + 1]);
    }
    return JdbcSettings.fromMap(map);
  }

  /** Settings for {@code user} on {@code jdbcUrl}, HikariCP's idle minimum left as it is. */
  public static JdbcSettings settings(
      String jdbcUrl, TestUser user, int poolSize, Object... extra) {
    return settings(jdbcUrl, user.name(), user.password(), poolSize, extra);
  }

  /** Settings for the test database, with no idle connections kept. */
  public static JdbcSettings settings(FreshDatabase db, int poolSize, Object... extra) {
    return settings(db.jdbcUrl(), db.user(), db.password(), poolSize, noIdle(extra));
  }

  /** {@code extra} after {@code minimumIdle = 0}. */
  public static Object[] noIdle(Object... extra) {
    return Stream.concat(Stream.of("minimumIdle", 0), Stream.of(extra)).toArray();
  }

  /** A started host of {@code JdbcModule.of(settings)} and {@code more}, no JVM shutdown hook. */
  public static WorkerHost start(JdbcSettings settings, int workers, Module... more) {
    return started(WorkerHost.builder(), workers, with(settings, more));
  }

  /** The same, named {@code name} (threads {@code name-0-task-N}). */
  public static WorkerHost start(String name, JdbcSettings settings, int workers, Module... more) {
    return start(name, workers, with(settings, more));
  }

  /** A started host of {@code modules} named {@code name}, no JVM shutdown hook. */
  public static WorkerHost start(String name, int workers, Module... modules) {
    return started(WorkerHost.builder().name(name), workers, modules);
  }

  private static WorkerHost started(WorkerHost.Builder builder, int workers, Module... modules) {
    WorkerHost host = builder.workers(workers).shutdownHook(false).modules(modules).build();
    host.start();
    return host;
  }

  private static Module[] with(JdbcSettings settings, Module... more) {
    List<Module> modules = new ArrayList<>(List.of(JdbcModule.of(settings)));
    modules.addAll(List.of(more));
    return modules.toArray(Module[]::new);
  }

  /** Every worker's (unnamed) pool, in worker order. */
  public static List<WorkerPool> pools(WorkerHost host) throws Exception {
    List<WorkerPool> pools = new ArrayList<>();
    for (int w = 0; w < host.workerCount(); w++) {
      pools.add(host.submit(w, () -> host.injector().getInstance(WorkerPool.class)).get());
    }
    return pools;
  }

  /** Every lease borrowed has come back and no connection is lent out, in every worker. */
  public static void assertNothingBorrowed(List<WorkerPool> pools) {
    for (WorkerPool pool : pools) {
      assertEquals(pool.stats().borrowed(), pool.stats().returned(), pool.name() + ": leases out");
      assertEquals(0, pool.state().active(), pool.name() + ": connections active " + pool.state());
    }
  }

  public static void assertNothingBorrowed(WorkerHost host) throws Exception {
    assertNothingBorrowed(pools(host));
  }

  /** No connection runs a statement in the test database (PROCESSLIST), but the one asking. */
  public static void assertNoStatementRunning(FreshDatabase db) throws SQLException {
    try (Connection observer = db.connect()) {
      assertEquals(
          List.of(),
          Sql.statementsRunning(observer, db.name()),
          "statements still running on " + db.name());
    }
  }

  /** Stops the host after checking that nothing is borrowed. */
  public static void stop(WorkerHost host) throws Exception {
    stop(host, Duration.ofSeconds(10));
  }

  public static void stop(WorkerHost host, Duration timeout) throws Exception {
    assertNothingBorrowed(host);
    host.stop(timeout);
  }

  /** Stops the host after checking that nothing is borrowed and no statement runs. */
  public static void stop(WorkerHost host, FreshDatabase db) throws Exception {
    assertNothingBorrowed(host);
    assertNoStatementRunning(db);
    host.stop(Duration.ofSeconds(10));
  }

  public static long sum(List<WorkerPool> pools, ToLongFunction<WorkerPool> counter) {
    return pools.stream().mapToLong(counter).sum();
  }

  /** Waits up to {@code millis} for {@code condition}; returns whether it became true. */
  public static boolean await(long millis, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /** A {@code jdbc:mysql://host:port/...} URL's host and port. */
  public static String[] address(String jdbcUrl) {
    int start = jdbcUrl.indexOf("//") + 2;
    int end = jdbcUrl.indexOf('/', start);
    String authority = jdbcUrl.substring(start, end < 0 ? jdbcUrl.length() : end);
    int colon = authority.lastIndexOf(':');
    return colon < 0
        ? new String[] {authority, "3306"}
        : new String[] {authority.substring(0, colon), authority.substring(colon + 1)};
  }

  /** The same URL pointing at {@code 127.0.0.1:port} instead. */
  public static String throughPort(String jdbcUrl, int port) {
    int start = jdbcUrl.indexOf("//") + 2;
    int end = jdbcUrl.indexOf('/', start);
    return jdbcUrl.substring(0, start)
        + "127.0.0.1:"
        + port
        + (end < 0 ? "/" : jdbcUrl.substring(end));
  }
}
