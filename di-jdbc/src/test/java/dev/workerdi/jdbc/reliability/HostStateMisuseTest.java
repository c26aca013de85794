package dev.workerdi.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.ProvisionException;
import com.zaxxer.hikari.HikariDataSource;
import dev.workerdi.core.Di;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import dev.workerdi.testing.Secrets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input, running and stopped hosts: URL options that defeat the clean-on-return, the host's
 * state (no workers, started twice, submit after stop), a pool registered as a shared instance, and
 * pools used after their worker stopped. Each fails with one error pinned by {@code
 * golden/reliability/host_*.txt} and leaves the catalog's running host, pools and data as they
 * were.
 */
@RealDatabase
@ExtendWith(Secrets.class)
class HostStateMisuseTest {
  private static final String OTHER = "other";
  private static Catalog catalog;

  @BeforeAll
  static void open(FreshDatabase db) throws Exception {
    catalog = Catalog.open(db);
  }

  @AfterAll
  static void close() {
    catalog.close();
  }

  @Test
  void urlOptionsThatDefeatTheReset() throws Exception {
    for (String option : List.of("paranoid=true", "sessionVariables=sql_mode=ANSI")) {
      WorkerHost host =
          Hosts.start(
              OTHER, Hosts.settings(catalog.db.jdbcUrl() + "?" + option, catalog.user, 2), 1);
      try {
        DiException error =
            host.submit(
                    () -> {
                      ProvisionException e =
                          assertThrows(
                              ProvisionException.class,
                              () -> host.injector().getInstance(Connection.class));
                      return (DiException) e.getCause();
                    })
                .get();
        assertEquals(ErrorId.BAD_SETTINGS, error.id(), error.getMessage());
        catalog.assertGolden("host_url_option_" + option.substring(0, option.indexOf('=')), error);
      } finally {
        host.stop(Duration.ofSeconds(5));
      }
    }
  }

  @Test
  void theHostsState() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    catalog.assertGolden(
        "host_zero_workers",
        assertThrows(
            DiException.class,
            () ->
                WorkerHost.builder()
                    .workers(0)
                    .modules(JdbcModule.of(catalog.settings()))
                    .build()));
    catalog.assertGolden(
        "host_started_twice", assertThrows(DiException.class, catalog.host::start));
    WorkerHost stopped = Hosts.start(OTHER, catalog.settings(), 1);
    stopped.stop(Duration.ofSeconds(5));
    catalog.assertGolden(
        "host_submit_after_stop", assertThrows(DiException.class, () -> stopped.submit(() -> 1)));
    catalog.assertUnchanged(before);
  }

  @Test
  void aDataSourceRegisteredAsASharedInstance() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    Di di = Di.create();
    try (HikariDataSource dataSource = new HikariDataSource()) {
      DiException error = assertThrows(DiException.class, () -> di.setInstance("DS", dataSource));
      assertEquals(ErrorId.CONNECTION_LIKE_INSTANCE, error.id());
      catalog.assertGolden("host_data_source_instance", error);
    }
    assertEquals(List.of(), di.bindings());
    catalog.assertUnchanged(before);
  }

  /**
   * After its worker stopped, a pool refuses leases, but with DI-308 "cannot connect to the
   * database ... check jdbcUrl, username and password, and that the server runs" (cause: HikariCP's
   * "has been closed"): {@code HikariWorkerPool.open()} checks {@code closed} only while no data
   * source exists yet, and {@code borrow} reports every SQLException as unreachable.
   */
  @Test
  void aLeaseFromAPoolWhoseWorkerStopped() throws Exception {
    WorkerHost host = Hosts.start(OTHER, catalog.settings(), 1);
    WorkerPool pool = Hosts.pools(host).get(0);
    host.submit(() -> Sql.number(host.injector().getInstance(Connection.class), "SELECT 1")).get();
    host.stop(Duration.ofSeconds(5));
    DiException error = assertThrows(DiException.class, pool::lease);
    assertEquals(ErrorId.CONTEXT_CLOSED, error.id(), error.getMessage());
  }

  /**
   * A coroutine still waiting for a connection when the host stops (or when it is cancelled) ends
   * with DI-308 "cannot connect to the database ... check the password": {@code
   * HikariWorkerPool.borrow} maps HikariCP's "Interrupted during connection acquisition" to {@code
   * JdbcErrors.unreachable}.
   */
  @Test
  void aCoroutineWaitingForAConnectionWhenTheHostStops() throws Exception {
    WorkerHost host =
        Hosts.start(
            OTHER,
            Hosts.settings(catalog.db.jdbcUrl(), catalog.user, 1, "connectionTimeout", 10_000),
            1);
    CountDownLatch holding = new CountDownLatch(1);
    host.submit(
        () -> {
          Connection c = host.injector().getInstance(Connection.class);
          holding.countDown();
          return Sql.number(c, "SELECT SLEEP(2)");
        });
    holding.await();
    CompletableFuture<Long> waiting =
        host.submit(() -> Sql.number(host.injector().getInstance(Connection.class), "SELECT 1"));
    Thread.sleep(300);
    host.stop(Duration.ZERO);
    ExecutionException failure =
        assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
    Throwable cause =
        failure.getCause() instanceof ProvisionException p ? p.getCause() : failure.getCause();
    assertNotEquals(
        ErrorId.DATABASE_UNREACHABLE,
        cause instanceof DiException di ? di.id() : null,
        cause.getMessage());
  }
}
