package dev.workerdi.jdbc.reliability;

import dev.workerdi.testing.TestUser;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.lifecycle.WorkerHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.ToLongFunction;

/**
 * Worker hosts with a {@link JdbcModule} logged in as a {@link TestUser}, and the checks every
 * reliability test ends with: no lease out, no connection active. Stateless and thread-safe.
 */
final class Hosts {
  private Hosts() {}

  /** Pool settings for {@code user} on {@code jdbcUrl}; {@code extra} are more name/value pairs. */
  static JdbcSettings settings(String jdbcUrl, TestUser user, int poolSize, Object... extra) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("jdbcUrl", jdbcUrl);
    map.put("username", user.name());
    map.put("password", user.password());
    map.put("maximumPoolSize", poolSize);
    map.put("workerdi.reserve", 0);
    for (int i = 0; i < extra.length; i += 2) {
      map.put((String) extra[i], extra[i + 1]);
    }
    return JdbcSettings.fromMap(map);
  }

  /** A started host named {@code name} (threads {@code name-0-task-N}), no JVM shutdown hook. */
  static WorkerHost start(String name, JdbcSettings settings, int workers) {
    WorkerHost host = WorkerHost.builder().name(name).workers(workers).shutdownHook(false)
        .modules(JdbcModule.of(settings)).build();
    host.start();
    return host;
  }

  /** Every worker's pool, in worker order. */
  static List<WorkerPool> pools(WorkerHost host) throws Exception {
    List<WorkerPool> pools = new ArrayList<>();
    for (int w = 0; w < host.workerCount(); w++) {
      pools.add(host.submit(w, () -> host.injector().getInstance(WorkerPool.class)).get());
    }
    return pools;
  }

  /** Every lease borrowed has come back and no connection is lent out, in every worker. */
  static void assertNothingBorrowed(List<WorkerPool> pools) {
    for (WorkerPool pool : pools) {
      assertEquals(pool.stats().borrowed(), pool.stats().returned(), pool.name() + ": leases out");
      assertEquals(0, pool.state().active(), pool.name() + ": connections active " + pool.state());
    }
  }

  static long sum(List<WorkerPool> pools, ToLongFunction<WorkerPool> counter) {
    return pools.stream().mapToLong(counter).sum();
  }

  /** Waits up to {@code millis} for {@code condition}; returns whether it became true. */
  static boolean await(long millis, BooleanSupplier condition) throws InterruptedException {
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
  static String[] address(String jdbcUrl) {
    int start = jdbcUrl.indexOf("//") + 2;
    int end = jdbcUrl.indexOf('/', start);
    String authority = jdbcUrl.substring(start, end < 0 ? jdbcUrl.length() : end);
    int colon = authority.lastIndexOf(':');
    return colon < 0 ? new String[] {authority, "3306"}
        : new String[] {authority.substring(0, colon), authority.substring(colon + 1)};
  }

  /** The same URL pointing at {@code 127.0.0.1:port} instead. */
  static String throughPort(String jdbcUrl, int port) {
    int start = jdbcUrl.indexOf("//") + 2;
    int end = jdbcUrl.indexOf('/', start);
    return jdbcUrl.substring(0, start) + "127.0.0.1:" + port + (end < 0 ? "/" : jdbcUrl.substring(end));
  }
}
