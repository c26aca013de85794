package dev.workerdi.jdbc;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Scopes;
import com.google.inject.name.Names;
import com.google.inject.util.Types;
import dev.workerdi.core.CoroutineScoped;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.core.WorkerScoped;
import dev.workerdi.core.spi.Failures;
import dev.workerdi.jdbc.internal.ControlConnections;
import dev.workerdi.jdbc.internal.Dependent;
import dev.workerdi.jdbc.internal.HikariWorkerPool;
import dev.workerdi.jdbc.internal.JdbcErrors;
import dev.workerdi.jdbc.internal.LeaseDataSource;
import dev.workerdi.jdbc.internal.LeaseSource;
import dev.workerdi.jdbc.internal.TransactionEngine;
import dev.workerdi.jdbc.internal.TransactionalSupport;
import dev.workerdi.lifecycle.BeforeWorkerStart;
import dev.workerdi.lifecycle.OnWorkerStart;
import dev.workerdi.lifecycle.WorkerHost;
import jakarta.inject.Provider;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Guice module for one database: a HikariCP pool per worker ({@code @Inject WorkerPool}), a
 * lease per coroutine ({@code @Inject Lease} or {@code @Inject Connection}), a {@code DataSource}
 * per worker whose {@code getConnection()} is the calling coroutine's lease (for Jdbi, jOOQ,
 * MyBatis), {@link Transactions} and the {@link Transactional} interceptor, {@link FanOut}, and two
 * lifecycle hooks: the connection budget check before workers start, and the optional pool warm-up
 * in each worker's {@code onWorkerStart}. Nothing connects before workers start, except the budget
 * check's one short connection. Every binding declares its dependencies to Guice's SPI ({@code
 * Connection} → {@code Lease} → {@code WorkerPool}), so static validation reports a singleton
 * holding any of them. For several databases, give each a name with {@link #named(String,
 * JdbcSettings)}: its keys then carry {@code @Named(name)}.
 *
 * <pre>{@code
 * WorkerHost host = WorkerHost.builder()
 *     .modules(JdbcModule.of(JdbcSettings.fromProperties(props)), new AppModule())
 *     .workers(4).build();
 * }</pre>
 *
 * <p>The {@code DataSource} (one per worker, worker-bound like the pool) is a view of the calling
 * coroutine's lease: {@code getConnection()} in a coroutine returns a new connection of that lease
 * (borrowing it on first use), so Jdbi, jOOQ and MyBatis run every statement of a coroutine on one
 * physical connection, owner-checked and returned clean when the coroutine ends. Its {@code
 * close()} ends that connection view only, never the lease; like a pool's close it rolls back work
 * left uncommitted with autocommit turned off through the view and restores the autocommit,
 * read-only and isolation it changed. {@code getConnection()} outside a coroutine fails ({@code
 * DI-320}), and so does a worker's {@code DataSource} used by another worker's coroutine ({@code
 * DI-321}). A singleton that holds it is reported by validation ({@code DI-232}); build Jdbi or
 * jOOQ per worker ({@code @WorkerScoped}) or on {@code Provider<DataSource>}.
 *
 * <p>Immutable and thread-safe.
 */
public final class JdbcModule extends AbstractModule {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcModule.class);

  private final JdbcSettings settings;
  private final String name;
  private final Object meterRegistry;
  private Provider<WorkerPool> pools;

  private JdbcModule(JdbcSettings settings, String name, Object meterRegistry) {
    this.settings = settings;
    this.name = name;
    this.meterRegistry = meterRegistry;
  }

  /**
   * The same module, publishing each worker's pool and leases to a Micrometer {@code MeterRegistry}
   * (HikariCP's {@code hikaricp.connections.*} and {@code workerdi.leases.*}, tagged by pool).
   * Typed {@code Object} so that Micrometer stays an optional dependency.
   */
  public JdbcModule withMeterRegistry(Object meterRegistry) {
    if (!isMeterRegistry(meterRegistry)) {
      throw JdbcErrors.badSettings(
          "(meter registry)",
          String.valueOf(meterRegistry),
          "is not a Micrometer MeterRegistry",
          "Pass an io.micrometer.core.instrument.MeterRegistry, e.g. new SimpleMeterRegistry().");
    }
    return new JdbcModule(settings, name, meterRegistry);
  }

  /** The module for the database these settings describe, bound without a qualifier. */
  public static JdbcModule of(JdbcSettings settings) {
    return new JdbcModule(require(settings), null, null);
  }

  /** The module for one of several databases: every key is qualified with {@code @Named(name)}. */
  public static JdbcModule named(String name, JdbcSettings settings) {
    if (name == null || name.isBlank()) {
      throw JdbcErrors.badSettings(
          "(module name)", name, "is empty", "Name the database, e.g. \"source\".");
    }
    return new JdbcModule(require(settings), name, null);
  }

  private static JdbcSettings require(JdbcSettings settings) {
    if (settings == null) {
      throw Failures.nullArgument(
          "JdbcModule",
          "JdbcSettings",
          "Pass JdbcSettings.fromProperties(...) or JdbcSettings.fromMap(...).");
    }
    return settings;
  }

  @Override
  protected void configure() {
    Key<WorkerPool> poolKey = key(WorkerPool.class);
    Key<Lease> leaseKey = key(Lease.class);
    Key<Connection> connectionKey = key(Connection.class);
    Key<JdbcSettings> settingsKey = key(JdbcSettings.class);
    bind(settingsKey).toInstance(settings);
    // The worker's one pool under two keys: the internal one for the bindings below, the public
    // one for applications (each worker-scoped, so errors and validation name the key asked for).
    Key<LeaseSource> sourceKey = key(LeaseSource.class);
    ControlConnections control = new ControlConnections(settings);
    bind(sourceKey)
        .toProvider(JdbcBindings.sources(settingsKey, () -> newPool(control)))
        .in(WorkerScoped.class);
    Provider<LeaseSource> sources = getProvider(sourceKey);
    bind(poolKey).toProvider(JdbcBindings.pools(sourceKey, sources)).in(WorkerScoped.class);
    pools = getProvider(poolKey);
    bind(leaseKey).toProvider(JdbcBindings.leases(sourceKey, sources)).in(CoroutineScoped.class);
    InjectionSites sites = new InjectionSites(Set.of(connectionKey, leaseKey));
    bindListener(sites, sites);
    bind(connectionKey)
        .toProvider(
            JdbcBindings.connections(connectionKey, leaseKey, getProvider(leaseKey), sites));
    Provider<Lease> leases = getProvider(leaseKey);
    bind(key(FanOut.class))
        .toProvider(
            JdbcBindings.fanOut(lazyKey(LeaseSource.class), lazyKey(Lease.class), sources, leases))
        .in(Scopes.SINGLETON);
    bindDataStack(poolKey, leaseKey, leases);
  }

  /**
   * The lease-backed {@code DataSource} (one per worker), {@link Transactions} and the {@link
   * Transactional} interceptor, each declaring what it holds to Guice's SPI.
   */
  private void bindDataStack(Key<WorkerPool> poolKey, Key<Lease> leaseKey, Provider<Lease> leases) {
    Key<?> lazyLeases = leaseKey.ofType(Types.providerOf(Lease.class));
    TransactionEngine engine = new TransactionEngine(name == null ? "" : name, leases);
    bind(key(Transactions.class))
        .toProvider(Dependent.on("Transactions[" + displayName() + "]", () -> engine, lazyLeases));
    Provider<WorkerPool> poolProvider = pools;
    bind(key(DataSource.class))
        .toProvider(
            Dependent.on(
                "LeaseDataSource[" + displayName() + "]",
                () -> newDataSource(poolProvider.get(), leases, engine),
                poolKey,
                lazyLeases))
        .in(WorkerScoped.class);
    install(new TransactionalSupport());
  }

  private static DataSource newDataSource(
      WorkerPool pool, Provider<Lease> leases, TransactionEngine engine) {
    WorkerContext worker =
        WorkerContext.current()
            .orElseThrow(
                () -> JdbcErrors.notInWorker("DataSource of pool " + pool.name(), "no worker"));
    return new LeaseDataSource(pool.name(), worker, leases, engine);
  }

  private String displayName() {
    return name == null ? "default" : name;
  }

  private static boolean isMeterRegistry(Object candidate) {
    for (Class<?> type = candidate == null ? null : candidate.getClass();
        type != null;
        type = type.getSuperclass()) {
      if (type.getName().equals("io.micrometer.core.instrument.MeterRegistry")) {
        return true;
      }
    }
    return false;
  }

  private <T> Key<T> key(Class<T> type) {
    return name == null ? Key.get(type) : Key.get(type, Names.named(name));
  }

  /**
   * The key of {@code Provider<T>}: a dependency resolved later, which validation does not follow.
   */
  @SuppressWarnings("unchecked")
  private <T> Key<Provider<T>> lazyKey(Class<T> type) {
    Type provider = Types.newParameterizedType(Provider.class, type);
    return (Key<Provider<T>>)
        (name == null ? Key.get(provider) : Key.get(provider, Names.named(name)));
  }

  private LeaseSource newPool(ControlConnections control) {
    WorkerContext worker =
        WorkerContext.current()
            .orElseThrow(
                () -> JdbcErrors.notInWorker("WorkerPool " + settings.poolName(), "no worker"));
    return new HikariWorkerPool(settings, worker, meterRegistry, control);
  }

  /** Checks the connection budget against every node the URL names before any worker starts. */
  @BeforeWorkerStart
  void checkConnectionBudget(WorkerHost host) {
    for (ConnectionBudget.Report report : ConnectionBudget.checkAll(settings, host.workerCount())) {
      if (report.nearLimit()) {
        LOG.warn(
            "Connection budget of pool {} is near the server's limit: {}",
            settings.poolName(),
            report.arithmetic());
      } else {
        LOG.info("Connection budget of pool {}: {}", settings.poolName(), report.arithmetic());
      }
    }
  }

  /** Opens the worker's pool now when {@code workerdi.warmUp} is on. */
  @OnWorkerStart
  void warmUp() {
    if (settings.warmUp()) {
      pools.get().warmUp();
    }
  }

  @Override
  public String toString() {
    return "JdbcModule[" + (name == null ? "" : name + ", ") + settings + "]";
  }
}
