package dev.workerdi.jdbc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Module;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.lifecycle.WorkerHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Starts worker hosts with a {@link JdbcModule} on a test database, and checks nothing is left borrowed. */
final class JdbcHosts {
  private JdbcHosts() {}

  static JdbcSettings settings(FreshDatabase db, int poolSize, Object... extra) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("jdbcUrl", db.jdbcUrl());
    map.put("username", db.user());
    map.put("password", db.password());
    map.put("maximumPoolSize", poolSize);
    map.put("minimumIdle", 0);
    map.put("workerdi.reserve", 0);
    for (int i = 0; i < extra.length; i += 2) {
      map.put((String) extra[i], extra[i + 1]);
    }
    return JdbcSettings.fromMap(map);
  }

  static WorkerHost start(JdbcSettings settings, int workers, Module... more) {
    List<Module> modules = new ArrayList<>(List.of(JdbcModule.of(settings)));
    modules.addAll(List.of(more));
    WorkerHost host = WorkerHost.builder().workers(workers).shutdownHook(false)
        .modules(modules.toArray(Module[]::new)).build();
    host.start();
    return host;
  }

  /** Every worker's pool: no lease out, as many returned as borrowed. */
  static List<WorkerPool> pools(WorkerHost host) throws Exception {
    List<WorkerPool> pools = new ArrayList<>();
    for (int w = 0; w < host.workerCount(); w++) {
      pools.add(host.submit(w, () -> host.injector().getInstance(WorkerPool.class)).get());
    }
    return pools;
  }

  static void assertNothingBorrowed(WorkerHost host) throws Exception {
    for (WorkerPool pool : pools(host)) {
      assertEquals(pool.stats().borrowed(), pool.stats().returned(), pool.name() + ": leases out");
      assertEquals(0, pool.state().active(), pool.name() + ": connections active");
    }
  }

  static void stop(WorkerHost host) throws Exception {
    assertNothingBorrowed(host);
    host.stop(Duration.ofSeconds(10));
  }
}
