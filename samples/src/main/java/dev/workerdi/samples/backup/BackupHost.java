package dev.workerdi.samples.backup;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.name.Names;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.Lease;
import dev.workerdi.lifecycle.WorkerHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker host of a backup: two named databases, {@code "source"} and {@code "target"}, each
 * with a pool per worker, and the keys a coroutine uses to take its own leases. Sessions are pinned
 * through the pools' {@code sessionVariables} (so they survive the lease reset): UTC on both sides,
 * and on the target no foreign-key checks, strict mode and {@code NO_AUTO_VALUE_ON_ZERO}.
 * Stateless.
 */
final class BackupHost {
  static final Key<Lease> SOURCE = Key.get(Lease.class, Names.named("source"));
  static final Key<Lease> TARGET = Key.get(Lease.class, Names.named("target"));

  private static final String SOURCE_SESSION =
      "time_zone='+00:00',sql_mode='NO_ENGINE_SUBSTITUTION'";
  private static final String TARGET_SESSION =
      "time_zone='+00:00',foreign_key_checks=0,"
          + "sql_mode='STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION'";

  private BackupHost() {}

  /**
   * Starts the host: pools of {@code ceil(concurrency / workers) + 1} connections per worker and
   * side.
   */
  static WorkerHost start(BackupOptions options) {
    return start(options, true, true);
  }

  /** Starts a host with the source database, the target database, or both. */
  static WorkerHost start(BackupOptions options, boolean withSource, boolean withTarget) {
    int poolSize = poolSize(options);
    List<Module> modules = new ArrayList<>();
    if (withSource) {
      modules.add(
          JdbcModule.named(
              "source",
              settings(
                  "source",
                  Jdbc.withDatabase(options.sourceUrl, options.sourceDatabase),
                  options.sourceUser,
                  options.sourcePassword,
                  poolSize,
                  SOURCE_SESSION,
                  false)));
    }
    if (withTarget) {
      modules.add(
          JdbcModule.named(
              "target",
              settings(
                  "target",
                  Jdbc.withDatabase(options.targetUrl, options.targetDatabase),
                  options.targetUser,
                  options.targetPassword,
                  poolSize,
                  TARGET_SESSION,
                  options.loadData)));
    }
    WorkerHost host =
        WorkerHost.builder()
            .name("backup")
            .workers(options.workers)
            .shutdownHook(false)
            .modules(modules.toArray(Module[]::new))
            .build();
    host.start();
    return host;
  }

  /**
   * Connections per worker and side: one per copying coroutine of the worker, plus one for the
   * coroutine that prepares or finishes the run while others work.
   */
  static int poolSize(BackupOptions options) {
    return (options.concurrency + options.workers - 1) / options.workers + 1;
  }

  private static JdbcSettings settings(
      String name,
      String url,
      String user,
      String password,
      int poolSize,
      String session,
      boolean loadData) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("jdbcUrl", url);
    map.put("username", user);
    map.put("password", password);
    map.put("poolName", name);
    map.put("maximumPoolSize", poolSize);
    map.put("minimumIdle", 1);
    map.put("dataSource.sessionVariables", session);
    map.put("dataSource.characterEncoding", "UTF-8");
    map.put("dataSource.rewriteBatchedStatements", "true");
    map.put("dataSource.tinyInt1isBit", "false");
    map.put("dataSource.yearIsDateType", "false");
    // the chunks' LOAD DATA LOCAL on the target, fed from memory (see LoadData); off with
    // loadData(false)
    map.put("dataSource.allowLoadLocalInfile", Boolean.toString(loadData));
    return JdbcSettings.fromMap(map);
  }

  /** The calling coroutine's source lease. */
  static Lease source(Injector injector) {
    return injector.getInstance(SOURCE);
  }

  /** The calling coroutine's target lease. */
  static Lease target(Injector injector) {
    return injector.getInstance(TARGET);
  }
}
