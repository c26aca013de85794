package dev.workerdi.jdbc;

import com.google.inject.Key;
import com.google.inject.ProvisionException;
import com.google.inject.spi.ProviderWithDependencies;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.internal.Dependent;
import dev.workerdi.jdbc.internal.JdbcErrors;
import dev.workerdi.jdbc.internal.LeaseSource;
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

  /**
   * The worker's pool, built from the settings, as the library's bindings use it (a
   * {@code @WorkerScoped} binding under an internal key).
   */
  static ProviderWithDependencies<LeaseSource> sources(
      Key<JdbcSettings> settings, Supplier<LeaseSource> newPool) {
    return Dependent.on("LeaseSource provider", newPool, settings);
  }

  /**
   * The worker's pool as the API hands it out: the same object as its {@link LeaseSource} (a
   * {@code @WorkerScoped} binding of its own, so that errors and validation name {@code
   * WorkerPool}).
   */
  static ProviderWithDependencies<WorkerPool> pools(
      Key<LeaseSource> sourceKey, Provider<LeaseSource> sources) {
    return Dependent.on("WorkerPool provider", () -> sources.get().pool(), sourceKey);
  }

  /**
   * The coroutine's lease, borrowed from the worker's pool (a {@code @CoroutineScoped} binding).
   */
  static ProviderWithDependencies<Lease> leases(
      Key<LeaseSource> sourceKey, Provider<LeaseSource> sources) {
    return Dependent.on("Lease provider", () -> sources.get().scopedLease(), sourceKey);
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
      Key<Provider<LeaseSource>> lazySources,
      Key<Provider<Lease>> lazyLeases,
      Provider<LeaseSource> sources,
      Provider<Lease> leases) {
    FanOut fanOut = new FanOut(sources, leases);
    return Dependent.on("FanOut provider", () -> fanOut, lazySources, lazyLeases);
  }
}
