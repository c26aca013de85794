package dev.workerdi.benchmarks;

import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.name.Names;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.ResetPolicy;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.lifecycle.WorkerHost;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The two sides of every comparison, built from the same numbers: the product's settings and worker
 * hosts, and the plain HikariCP pool a user would pick instead. Stateless.
 */
public final class Hosts {
  /**
   * Long enough that no figure's waiting borrower times out (10,000 coroutines on 16 connections).
   */
  public static final int CONNECTION_TIMEOUT_MS = 120_000;

  private Hosts() {}

  /**
   * Settings for a fixed-size pool of {@code poolSize} on {@code database}, with {@code policy}.
   */
  public static JdbcSettings settings(
      BenchServer server, String database, String poolName, int poolSize, ResetPolicy policy) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("jdbcUrl", server.jdbcUrl(database));
    map.put("username", server.user());
    map.put("password", server.password());
    map.put("poolName", poolName);
    map.put("maximumPoolSize", poolSize);
    map.put("minimumIdle", poolSize);
    map.put("connectionTimeout", CONNECTION_TIMEOUT_MS);
    map.put("workerdi.resetPolicy", policy.name());
    map.put("workerdi.reserve", 0);
    return JdbcSettings.fromMap(map);
  }

  /**
   * The baseline: a plain HikariCP pool with the same URL, size and timeouts, nothing added;
   * returned once all its connections are open.
   */
  public static HikariDataSource plainHikari(
      BenchServer server, String database, String poolName, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl(database));
    config.setUsername(server.user());
    config.setPassword(server.password());
    config.setPoolName(poolName);
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(poolSize);
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
    HikariDataSource source = new HikariDataSource(config);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (source.getHikariPoolMXBean().getTotalConnections() < poolSize
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return source;
  }

  /** A started host of {@code workers} workers with {@code modules}. */
  public static WorkerHost start(int workers, Module... modules) {
    WorkerHost host =
        WorkerHost.builder()
            .workers(workers)
            .shutdownHook(false)
            .name("bench")
            .modules(modules)
            .build();
    host.start();
    return host;
  }

  /**
   * Opens the pool of {@code key} in every worker and waits until HikariCP has opened all {@code
   * size} connections (it fills a pool in the background), so that no measurement pays for
   * connecting.
   */
  public static void fill(WorkerHost host, Key<WorkerPool> key, int size) throws Exception {
    for (int w = 0; w < host.workerCount(); w++) {
      WorkerPool pool =
          call(
              host,
              w,
              () -> {
                WorkerPool opened = host.injector().getInstance(key);
                opened.warmUp();
                return opened;
              });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (pool.state().total() < size && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }
  }

  /** {@link #fill(WorkerHost, Key, int)} for the {@code JdbcModule.named(name, ...)} pool. */
  public static void fill(WorkerHost host, String name, int size) throws Exception {
    fill(host, Key.get(WorkerPool.class, Names.named(name)), size);
  }

  /** Runs {@code task} as a coroutine of worker {@code worker} and waits for its result. */
  public static <T> T call(WorkerHost host, int worker, Callable<T> task) throws Exception {
    try {
      return host.submit(worker, task).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Stops {@code host}, giving running tasks 10 s. */
  public static void stop(WorkerHost host) {
    if (host != null) {
      host.stop(Duration.ofSeconds(10));
    }
  }
}
