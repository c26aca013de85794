package dev.workerdi.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.ConnectionBudget;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.BeforeWorkerStart;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import dev.workerdi.testing.Secrets;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input, hosts that cannot start: wrong password, unknown database, nothing listening, over
 * budget, a connection resolved before workers start. Each fails with one error pinned by {@code
 * golden/reliability/host_*.txt}; a host that fails to start leaves no thread and no server
 * connection behind, and the catalog's running host, pools and data are as they were.
 */
@RealDatabase
@ExtendWith(Secrets.class)
class HostMisuseTest {
  private static final String FAILED = "failed";
  private static Catalog catalog;

  @BeforeAll
  static void open(FreshDatabase db) throws Exception {
    catalog = Catalog.open(db);
  }

  @AfterAll
  static void close() {
    catalog.close();
  }

  /** The id each failed start is caught by, with its phase and hook as context lines. */
  private static final Map<String, ErrorId> REAL_IDS =
      Map.of(
          "host_wrong_password", ErrorId.DATABASE_UNREACHABLE,
          "host_unknown_database", ErrorId.DATABASE_UNREACHABLE,
          "host_nothing_listening", ErrorId.DATABASE_UNREACHABLE,
          "host_over_budget", ErrorId.BUDGET_EXCEEDED,
          "host_connection_before_workers", ErrorId.EAGER_GET,
          "host_orders_before_workers", ErrorId.EAGER_GET);

  /** Starts a host that must fail; checks it left nothing behind and the catalog is unchanged. */
  private static DiException failedStart(String golden, JdbcSettings settings, Module... more)
      throws Exception {
    return failedStart(golden, settings, more, new String[0]);
  }

  private static DiException failedStart(
      String golden, JdbcSettings settings, Module[] more, String... replace) throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    long connections = catalog.user.connections();
    WorkerHost host =
        WorkerHost.builder()
            .name(FAILED)
            .workers(2)
            .shutdownHook(false)
            .modules(JdbcModule.of(settings))
            .modules(more)
            .build();
    DiException error = assertThrows(DiException.class, host::start);
    assertEquals(
        REAL_IDS.get(golden),
        error.id(),
        "a start failure surfaces its own id: " + error.getMessage());
    assertTrue(
        error.getMessage().contains("\n  hook:       "),
        "the hook is a context line: " + error.getMessage());
    catalog.assertGolden(golden, error, replace);
    assertEquals(
        List.of(),
        ShutdownUnderLoadTest.liveThreads(FAILED + "-", "db-" + FAILED + "-"),
        "threads left");
    assertEquals(
        connections, catalog.user.awaitConnections(connections), "server connections left");
    catalog.assertUnchanged(before);
    return error;
  }

  @Test
  void wrongPassword() throws Exception {
    failedStart("host_wrong_password", catalog.settings("password", Secrets.PASSWORD + "-wrong"));
  }

  @Test
  void unknownDatabase() throws Exception {
    failedStart(
        "host_unknown_database",
        Hosts.settings(
            catalog.db.jdbcUrl().replace(catalog.db.name(), Catalog.MISSING_DATABASE),
            catalog.user,
            2));
  }

  @Test
  void nothingListening() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0)) {
      port = closed.getLocalPort();
    }
    DiException error =
        failedStart(
            "host_nothing_listening",
            Hosts.settings(Hosts.throughPort(catalog.db.jdbcUrl(), port), catalog.user, 2),
            new Module[0],
            ":" + port + "/",
            ":<closed port>/");
    assertEquals(true, error.getMessage().contains("127.0.0.1:" + port), error.getMessage());
  }

  @Test
  void overBudget() throws Exception {
    int max;
    try (Connection c = catalog.db.connect()) {
      max = (int) Sql.number(c, "SELECT @@max_connections");
    }
    long held =
        catalog.user
            .connections(); // the catalog's own host: the same user, so counted as another instance
    DiException error =
        failedStart(
            "host_over_budget",
            catalog.settings("maximumPoolSize", max),
            new Module[0],
            "+ " + held + " open by",
            "+ HELD open by",
            String.valueOf(2 * max + 1 + held),
            "NEEDED",
            String.valueOf(max),
            "MAX");
    assertFalse(
        error.getMessage().contains("caller:"),
        "no caller line pointing at whatever called start()");
    assertEquals(ErrorId.BUDGET_EXCEEDED, error.id());
  }

  /**
   * A module whose pre-start hook asks for a Connection (the eager {@code get} that shares one
   * connection across workers).
   */
  public static final class EagerConnection extends AbstractModule {
    @BeforeWorkerStart
    void warmUp(Connection connection) throws java.sql.SQLException {
      connection.isClosed();
    }
  }

  @Test
  void aConnectionResolvedBeforeWorkersStart() throws Exception {
    failedStart("host_connection_before_workers", catalog.settings(), new EagerConnection());
  }

  /** Injects the coroutine's Connection. */
  public static final class Orders {
    @Inject
    Orders(Connection connection) {}
  }

  /** A module whose pre-start hook builds a class that injects a Connection. */
  public static final class EagerOrders extends AbstractModule {
    @BeforeWorkerStart
    void report(Orders orders) {}
  }

  @Test
  void aClassInjectingAConnectionBuiltBeforeWorkersStartNamesTheInjectionPoint() throws Exception {
    DiException error =
        failedStart("host_orders_before_workers", catalog.settings(), new EagerOrders());
    assertTrue(error.getMessage().contains("java.sql.Connection"), error.getMessage());
    assertFalse(error.getMessage().contains("Key[type="), "no internal key: " + error.getMessage());
  }

  @Test
  void theBudgetCheckWithAWrongPassword() throws Exception {
    Catalog.Snapshot before = catalog.snapshot();
    DiException error =
        assertThrows(
            DiException.class,
            () -> ConnectionBudget.check(catalog.settings("password", "x" + Secrets.PASSWORD), 2));
    assertEquals(ErrorId.DATABASE_UNREACHABLE, error.id());
    catalog.assertGolden("host_budget_check_wrong_password", error);
    catalog.assertUnchanged(before);
  }
}
