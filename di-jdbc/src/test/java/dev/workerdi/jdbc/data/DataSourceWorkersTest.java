package dev.workerdi.jdbc.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Binding;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Names;
import com.google.inject.spi.Dependency;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.HasDependencies;
import com.google.inject.util.Types;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.Lease;
import dev.workerdi.jdbc.Transactions;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Messages;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.BeforeWorkerStart;
import dev.workerdi.lifecycle.Validation;
import dev.workerdi.lifecycle.ValidationReport;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Provider;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DataSource across workers and under validation: it is worker-bound (one per worker), so a
 * singleton holding it is reported, a singleton Jdbi built on {@code Provider<DataSource>} serves
 * every worker, and one worker's DataSource refuses another worker's coroutines.
 */
@RealDatabase
class DataSourceWorkersTest {
  private static FreshDatabase db;
  private static WorkerHost host;

  /**
   * One Jdbi for the process: Jdbi asks its connection factory per handle, which asks the Provider.
   */
  static final class SharedJdbi extends AbstractModule {
    @Provides
    @Singleton
    Jdbi jdbi(Provider<DataSource> dataSources) {
      return Jdbi.create(() -> dataSources.get().getConnection());
    }
  }

  /** The mistake: a singleton Jdbi holding the DataSource of whichever worker built it first. */
  static final class SingletonJdbi extends AbstractModule {
    @Provides
    @Singleton
    Jdbi jdbi(DataSource dataSource) {
      return Jdbi.create(dataSource);
    }
  }

  /** The same mistake in a class. */
  @Singleton
  static final class Reports {
    @Inject
    Reports(@Named("reports") DataSource dataSource) {}
  }

  @BeforeAll
  static void start(FreshDatabase database) {
    db = database;
    host =
        Hosts.start(
            "data", Hosts.settings(db, 2, "connectionTimeout", 60_000), 2, new SharedJdbi());
  }

  @AfterAll
  static void stop() throws Exception {
    Hosts.stop(host, db);
  }

  @Test
  void aSingletonJdbiOnProviderOfDataSourceServesEachWorkersCoroutinesOnTheirLeases()
      throws Exception {
    List<CompletableFuture<long[]>> requests = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      requests.add(
          host.submit(
              i % 2,
              () -> {
                Jdbi jdbi = host.injector().getInstance(Jdbi.class);
                long viaJdbi =
                    jdbi.withHandle(
                        h -> h.createQuery("SELECT CONNECTION_ID()").mapTo(Long.class).one());
                long lease =
                    Sql.scalar(
                        host.injector().getInstance(Connection.class), "SELECT CONNECTION_ID()");
                return new long[] {viaJdbi, lease};
              }));
    }
    for (CompletableFuture<long[]> request : requests) {
      long[] ids = request.get();
      assertEquals(ids[1], ids[0], "Jdbi's handle ran on the coroutine's lease");
    }
  }

  @Test
  void oneWorkersDataSourceRefusesAnotherWorkersCoroutine() throws Exception {
    DataSource workerZero =
        host.submit(0, () -> host.injector().getInstance(DataSource.class)).get();
    DiException error =
        Messages.unwrap(
            assertThrows(Exception.class, () -> host.submit(1, workerZero::getConnection).get()));
    assertEquals(ErrorId.DATASOURCE_OTHER_WORKER, error.id());
    Messages.assertGolden("data", "datasource_of_another_worker", error, db);
    Hosts.assertNothingBorrowed(host);
  }

  /** The EasySwoole mistake with a DataSource: taking it before any worker exists. */
  static final class EarlyDataSource extends AbstractModule {
    @BeforeWorkerStart
    void warmCache(DataSource dataSource) {}
  }

  @Test
  void resolvingTheDataSourceBeforeWorkersStartFailsTheStart() {
    WorkerHost early =
        WorkerHost.builder()
            .name("data")
            .workers(1)
            .shutdownHook(false)
            .modules(
                JdbcModule.of(Hosts.settings(db, 1, "connectionTimeout", 60_000)),
                new EarlyDataSource())
            .build();
    DiException error = assertThrows(DiException.class, early::start);
    assertEquals(
        ErrorId.EAGER_GET,
        error.id(),
        "the hook's error keeps its own id, with the phase and hook");
    Messages.assertGolden("data", "datasource_before_workers_start", error, db);
  }

  @Test
  void validationReportsASingletonHoldingTheDataSourceButNotOneHoldingItsProvider() {
    JdbcSettings settings = Hosts.settings(db, 2, "connectionTimeout", 60_000);
    ValidationReport wrong =
        Validation.validate(List.of(JdbcModule.of(settings), new SingletonJdbi()));
    assertEquals(
        List.of(ErrorId.SCOPE_WIDENING),
        wrong.problems().stream().map(ValidationReport.Problem::id).toList());
    assertTrue(wrong.problems().get(0).message().contains("DataSource"), wrong.toString());

    ValidationReport named =
        Validation.validate(
            List.of(
                JdbcModule.named("reports", settings),
                new AbstractModule() {
                  @Override
                  protected void configure() {
                    bind(Reports.class);
                  }
                }));
    assertEquals(
        List.of(ErrorId.SCOPE_WIDENING),
        named.problems().stream().map(ValidationReport.Problem::id).toList());

    assertTrue(Validation.validate(List.of(JdbcModule.of(settings), new SharedJdbi())).isValid());
  }

  @Test
  void theNewBindingsTellGuicesSpiWhatTheyHold() {
    JdbcSettings settings = Hosts.settings(db, 2, "connectionTimeout", 60_000);
    for (String name : new String[] {null, "reports"}) {
      JdbcModule module = name == null ? JdbcModule.of(settings) : JdbcModule.named(name, settings);
      assertEquals(
          Set.of(key(WorkerPool.class, name), key(Types.providerOf(Lease.class), name)),
          dependencies(module, key(DataSource.class, name)));
      assertEquals(
          Set.of(key(Types.providerOf(Lease.class), name)),
          dependencies(module, key(Transactions.class, name)));
    }
  }

  private static Key<?> key(java.lang.reflect.Type type, String name) {
    return name == null ? Key.get(type) : Key.get(type, Names.named(name));
  }

  private static Set<Key<?>> dependencies(JdbcModule module, Key<?> key) {
    for (Element element : Elements.getElements(module)) {
      if (element instanceof Binding<?> binding && binding.getKey().equals(key)) {
        assertTrue(binding instanceof HasDependencies, key + " exposes no dependencies");
        return ((HasDependencies) binding)
            .getDependencies().stream().map(Dependency::getKey).collect(Collectors.toSet());
      }
    }
    throw new AssertionError("no binding of " + key);
  }
}
