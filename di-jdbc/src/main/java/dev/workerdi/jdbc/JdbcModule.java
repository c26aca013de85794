package dev.workerdi.jdbc;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.workerdi.core.CoroutineScoped;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.core.WorkerScoped;
import dev.workerdi.jdbc.internal.HikariWorkerPool;
import dev.workerdi.jdbc.internal.JdbcErrors;
import dev.workerdi.lifecycle.BeforeWorkerStart;
import dev.workerdi.lifecycle.OnWorkerStart;
import dev.workerdi.lifecycle.WorkerHost;
import jakarta.inject.Provider;
import java.sql.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Guice module for one database: a HikariCP pool per worker ({@code @Inject WorkerPool}), a
 * lease per coroutine ({@code @Inject Lease} or {@code @Inject Connection}), {@link FanOut}, and
 * two lifecycle hooks: the connection budget check before workers start, and the optional pool
 * warm-up in each worker's {@code onWorkerStart}. Nothing connects before workers start, except
 * the budget check's one short connection.
 *
 * <pre>{@code
 * WorkerHost host = WorkerHost.builder()
 *     .modules(JdbcModule.of(JdbcSettings.fromProperties(props)), new AppModule())
 *     .workers(4).build();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class JdbcModule extends AbstractModule {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcModule.class);

  private final JdbcSettings settings;

  private JdbcModule(JdbcSettings settings) {
    this.settings = settings;
  }

  /** The module for the database these settings describe. */
  public static JdbcModule of(JdbcSettings settings) {
    if (settings == null) {
      throw JdbcErrors.badSettings("(none)", null, "are null", "Pass JdbcSettings.fromProperties(...) or fromMap(...).");
    }
    return new JdbcModule(settings);
  }

  @Override
  protected void configure() {
    bind(JdbcSettings.class).toInstance(settings);
    bind(FanOut.class);
  }

  @Provides
  @WorkerScoped
  WorkerPool workerPool() {
    WorkerContext worker = WorkerContext.current()
        .orElseThrow(() -> JdbcErrors.notInWorker("WorkerPool " + settings.poolName(), "no worker"));
    return new HikariWorkerPool(settings, worker);
  }

  @Provides
  @CoroutineScoped
  Lease lease(Provider<WorkerPool> pool) {
    return ((HikariWorkerPool) pool.get()).scopedLease();
  }

  @Provides
  Connection connection(Provider<Lease> lease) {
    return lease.get().connection();
  }

  /** Checks the connection budget against the server before any worker starts. */
  @BeforeWorkerStart
  void checkConnectionBudget(WorkerHost host) {
    ConnectionBudget.Report report = ConnectionBudget.check(settings, host.workerCount());
    if (report.nearLimit()) {
      LOG.warn("Connection budget of pool {} is near the server's limit: {}", settings.poolName(), report.arithmetic());
    } else {
      LOG.info("Connection budget of pool {}: {}", settings.poolName(), report.arithmetic());
    }
  }

  /** Opens the worker's pool now when {@code workerdi.warmUp} is on. */
  @OnWorkerStart
  void warmUp(Provider<WorkerPool> pool) {
    if (settings.warmUp()) {
      pool.get().warmUp();
    }
  }

  @Override
  public String toString() {
    return "JdbcModule[" + settings + "]";
  }
}
