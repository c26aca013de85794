package dev.workerdi.lifecycle.validation;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import dev.workerdi.core.CoroutineScoped;
import dev.workerdi.core.Recipe;
import dev.workerdi.core.Secret;
import dev.workerdi.core.WorkerScoped;
import dev.workerdi.lifecycle.RecipeModule;
import dev.workerdi.lifecycle.RecipeRegistry;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sample classes and modules, each with one mistake (or none), as an application would write them.
 */
public final class Samples {
  /** Counts every instance any sample built: validation must keep it at zero. */
  static final AtomicInteger BUILT = new AtomicInteger();

  private Samples() {}

  /** A client that a recipe builds once per worker. */
  public static final class MysqlClient {
    public MysqlClient(String host, int port, Secret password) {
      BUILT.incrementAndGet();
    }
  }

  @WorkerScoped
  static final class WorkerCounter {
    @Inject
    WorkerCounter() {
      BUILT.incrementAndGet();
    }
  }

  @CoroutineScoped
  static final class Lease {
    @Inject
    Lease() {
      BUILT.incrementAndGet();
    }
  }

  @Singleton
  static final class ReportCache {
    @Inject
    ReportCache(WorkerCounter counter) {
      BUILT.incrementAndGet();
    }
  }

  /** Unscoped: a new one per injection, so it lives as long as what it is injected into. */
  static final class Formatter {
    @Inject
    Formatter(WorkerCounter counter) {
      BUILT.incrementAndGet();
    }
  }

  @jakarta.inject.Singleton
  static final class Dashboard {
    @Inject
    Dashboard(Formatter formatter) {
      BUILT.incrementAndGet();
    }
  }

  static final class Reporter {
    @Inject
    Reporter(@Named("MYSQL") MysqlClient client) {
      BUILT.incrementAndGet();
    }
  }

  static final class Audit {}

  /** Unscoped; a linked binding may make it a singleton. */
  static final class Task implements Runnable {
    @Inject
    Task(@Named("MYSQL") MysqlClient client) {
      BUILT.incrementAndGet();
    }

    @Override
    public void run() {}
  }

  @WorkerScoped
  static final class Session {
    @Inject
    Session(Lease lease) {
      BUILT.incrementAndGet();
    }
  }

  static Connection connectionProxy() {
    return (Connection)
        Proxy.newProxyInstance(
            Samples.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              throw new UnsupportedOperationException("a pure seam: validation must not call it");
            });
  }

  /** Mistake: one built connection for everyone. */
  static final class ConnectionModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Connection.class).toInstance(connectionProxy());
    }
  }

  /** Mistake: a singleton class injecting a worker-scoped class. */
  static final class SingletonModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(ReportCache.class);
    }
  }

  /**
   * Mistake: an eager singleton injecting a worker-bound recipe (declared in {@link JdbcRecipes}).
   */
  static final class EagerModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Reporter.class).asEagerSingleton();
    }
  }

  /** Mistake: a singleton reaching a worker-scoped class through an unscoped one. */
  static final class TransitiveModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Dashboard.class);
    }
  }

  /** Mistake: a singleton provider method taking a coroutine-scoped lease. */
  static final class ProvidesModule extends AbstractModule {
    @Provides
    @Singleton
    Audit audit(Lease lease) {
      BUILT.incrementAndGet();
      return new Audit();
    }
  }

  /** Mistake: a worker-scoped session keeping the first coroutine's lease. */
  static final class SessionModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(Session.class);
    }
  }

  /** Correct recipes: MYSQL, worker-bound. */
  static final class JdbcRecipes extends RecipeModule {
    @Override
    protected void recipes(RecipeRegistry r) {
      r.set("MYSQL", MysqlClient.class, "db.local", 3306, Secret.of("s3cret"));
    }
  }

  /** Mistake: a recipe whose class does not exist, next to a correct one. */
  static final class BrokenRecipes extends RecipeModule {
    @Override
    protected void recipes(RecipeRegistry r) {
      r.set(
          "REPORTS",
          Recipe.of(MysqlClient.class, "reports.local", 3306, Secret.of("s3cret")).processWide());
      r.set("CACHE", "com.example.NoSuchCache", "localhost", 11211, Secret.of("s3cret"));
    }
  }

  /** Correct: lazy Provider edges, and short-lived bindings depending on long-lived ones. */
  static final class CorrectModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(LazyCache.class);
      bind(WorkerRepo.class);
      bind(String.class).toInstance("a plain value");
    }

    @Provides
    @Singleton
    Audit audit(Provider<Lease> leases) {
      BUILT.incrementAndGet();
      return new Audit();
    }
  }

  @Singleton
  static final class LazyCache {
    @Inject
    LazyCache(
        Provider<WorkerCounter> counters,
        jakarta.inject.Provider<Lease> leases,
        @Named("MYSQL") Provider<MysqlClient> clients) {
      BUILT.incrementAndGet();
    }
  }

  @WorkerScoped
  static final class WorkerRepo {
    @Inject
    WorkerRepo(
        LazyCache cache, Config config, WorkerCounter counter, @Named("MYSQL") MysqlClient client) {
      BUILT.incrementAndGet();
    }
  }

  @Singleton
  static final class Config {
    @Inject
    Config() {
      BUILT.incrementAndGet();
    }
  }
}
