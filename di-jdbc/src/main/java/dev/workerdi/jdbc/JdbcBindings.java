package dev.workerdi.jdbc;

import com.google.inject.Key;
import com.google.inject.ProvisionException;
import com.google.inject.spi.ProviderWithDependencies;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.internal.Dependent;
import dev.workerdi.jdbc.internal.HikariWorkerPool;
import dev.workerdi.jdbc.internal.JdbcErrors;
import jakarta.inject.Provider;
import java.sql.Connection;
import java.util.function.Supplier;

/**
 * The providers {@link JdbcModule} binds, each declaring what it depends on to Guice's SPI ({@link
 * ProviderWithDependencies}), so that static validation follows {@code Connection → Lease →
 * WorkerPool} and reports a singleton that holds any of them. Thread-safe.
 */
final class JdbcBindings {
  private JdbcBindings() {}

  /** The worker's pool, built from the settings (a {@code @WorkerScoped} binding). */
  static ProviderWithDependencies<WorkerPool> pools(
      Key<JdbcSettings> settings, Supplier<WorkerPool> newPool) {
    return Dependent.on("WorkerPool provider", newPool, settings);
  }

  /**
   * The coroutine's lease, borrowed from the worker's pool (a {@code @CoroutineScoped} binding).
   */
  static ProviderWithDependencies<Lease> leases(
      Key<WorkerPool> poolKey, Provider<WorkerPool> pools) {
    return Dependent.on(
        "Lease provider", () -> ((HikariWorkerPool) pools.get()).scopedLease(), poolKey);
  }

  /**
   * The connection of the coroutine's lease (unscoped: the lease is the scoped one). Resolved where
   * there is no coroutine, it fails naming {@code java.sql.Connection} and the injection point that
   * asked for it, not the internal lease key.
   */
  static ProviderWithDependencies<Connection> connections(
      Key<Connection> key, Key<Lease> leaseKey, Provider<Lease> leases, InjectionSites sites) {
    return Dependent.on(
        "Connection provider",
        () -> {
          try {
            return leases.get().connection();
          } catch (RuntimeException e) {
            DiException known =
                e instanceof DiException di
                    ? di
                    : e instanceof ProvisionException && e.getCause() instanceof DiException di
                        ? di
                        : null;
            if (known == null) {
              throw e;
            }
            if (known.id() == ErrorId.EAGER_GET || known.id() == ErrorId.OUT_OF_SCOPE) {
              throw JdbcErrors.connectionOutsideCoroutine(
                  known.id(), InjectionSites.name(key), sites.describe(key));
            }
            throw known;
          }
        },
        leaseKey);
  }

  /**
   * The fan-out, which resolves the worker's pool and each task's lease on each run (so it may live
   * in singletons).
   */
  static ProviderWithDependencies<FanOut> fanOut(
      Key<Provider<WorkerPool>> lazyPools,
      Key<Provider<Lease>> lazyLeases,
      Provider<WorkerPool> pools,
      Provider<Lease> leases) {
    FanOut fanOut = new FanOut(pools, leases);
    return Dependent.on("FanOut provider", () -> fanOut, lazyPools, lazyLeases);
  }
}
