package dev.workerdi.benchmarks.jmh;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.zaxxer.hikari.HikariDataSource;
import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.Di;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.Lease;
import dev.workerdi.jdbc.WorkerPool;
import jakarta.inject.Provider;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Figure 1 without a network: one borrow + return cycle on a pool of {@link StubDriver}
 * connections, through HikariCP alone and through the product (policy UNSAFE_NONE, the only one a
 * non-Connector/J driver allows), so the difference is the lease machinery in nanoseconds. One
 * worker, built by hand as a server loop would ({@link WorkerContext}), the benchmark thread being
 * its coroutines.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LeaseCycleBenchmark {
  private Di di;
  private WorkerContext worker;
  private Provider<Connection> connections;
  private WorkerPool pool;
  private HikariDataSource raw;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    di = Di.create();
    Injector injector = Guice.createInjector(di.module(), JdbcModule.of(stubSettings()));
    worker = WorkerContext.create(0, "jmh");
    connections = injector.getProvider(Connection.class);
    pool = worker.call(() -> injector.getInstance(WorkerPool.class));
    raw =
        new HikariDataSource(
            stubSettings().hikariConfig("raw")); // the same settings, plain HikariCP
  }

  /** A pool of 4 stub connections, UNSAFE_NONE. */
  static JdbcSettings stubSettings() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("jdbcUrl", StubDriver.PREFIX + "bench");
    map.put("driverClassName", StubDriver.class.getName());
    map.put("poolName", "stub");
    map.put("maximumPoolSize", 4);
    map.put("minimumIdle", 4);
    map.put("workerdi.resetPolicy", "UNSAFE_NONE");
    map.put("workerdi.reserve", 0);
    return JdbcSettings.fromMap(map);
  }

  /**
   * A lease and a plain HikariCP connection (a pool of the same settings), held for an iteration,
   * for the cost of one JDBC call through each.
   */
  @State(Scope.Thread)
  public static class Held {
    private Di di;
    private WorkerContext worker;
    private CoroutineContext coroutine;
    Connection lease;
    Connection hikari;
    private HikariDataSource rawPool;

    @Setup(Level.Iteration)
    public void take() throws Exception {
      di = Di.create();
      Injector injector = Guice.createInjector(di.module(), JdbcModule.of(stubSettings()));
      worker = WorkerContext.create(1, "jmh-held");
      coroutine = worker.openCoroutine();
      lease = injector.getInstance(Connection.class);
      rawPool = new HikariDataSource(stubSettings().hikariConfig("raw-held"));
      hikari = rawPool.getConnection();
    }

    @TearDown(Level.Iteration)
    public void giveBack() throws Exception {
      hikari.close();
      rawPool.close();
      coroutine.close();
      worker.close();
      di.close();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    raw.close();
    worker.close();
    di.close();
  }

  /** HikariCP alone: {@code getConnection()} and {@code close()} on the worker's own pool. */
  @Benchmark
  public Object rawHikari() throws SQLException {
    try (Connection connection = raw.getConnection()) {
      return connection;
    }
  }

  /** One JDBC call ({@code getAutoCommit()}) on HikariCP's connection. */
  @Benchmark
  public boolean callOnHikari(Held held) throws SQLException {
    return held.hikari.getAutoCommit();
  }

  /** The same call on the lease's {@code Connection} (a dynamic proxy in front of HikariCP's). */
  @Benchmark
  public boolean callOnLease(Held held) throws SQLException {
    return held.lease.getAutoCommit();
  }

  /** A coroutine that does nothing: open and close. */
  @Benchmark
  public Object emptyCoroutine() {
    try (CoroutineContext coroutine = worker.openCoroutine()) {
      return coroutine;
    }
  }

  /** A coroutine that injects its {@code Connection} (the coroutine-scoped lease) and ends. */
  @Benchmark
  public Object scopedLease() {
    try (CoroutineContext coroutine = worker.openCoroutine()) {
      return connections.get();
    }
  }

  /**
   * A coroutine that takes a lease by hand ({@code WorkerPool.lease()}, leak stacks on: the
   * default) and closes it.
   */
  @Benchmark
  public Object manualLease() {
    try (CoroutineContext coroutine = worker.openCoroutine();
        Lease lease = pool.lease()) {
      return lease.connection();
    }
  }
}
