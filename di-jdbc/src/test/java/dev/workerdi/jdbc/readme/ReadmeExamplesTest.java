package dev.workerdi.jdbc.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import dev.workerdi.core.CoroutineScoped;
import dev.workerdi.core.Di;
import dev.workerdi.core.Secret;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.core.WorkerScoped;
import dev.workerdi.jdbc.FanOut;
import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import dev.workerdi.lifecycle.BeforeWorkerStart;
import dev.workerdi.lifecycle.FrameInitialize;
import dev.workerdi.lifecycle.OnWorkerStart;
import dev.workerdi.lifecycle.RecipeModule;
import dev.workerdi.lifecycle.RecipeRegistry;
import dev.workerdi.lifecycle.Validation;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.lifecycle.junit.ModuleValidationExtension;
import dev.workerdi.lifecycle.junit.ValidateModules;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's code examples, compiled and run here so that they cannot rot. Keep each section in
 * step with its README counterpart.
 */
@RealDatabase
class ReadmeExamplesTest {

  // ---- README: Quick start ----
  public static final class Orders {
    private final Connection connection;

    @Inject
    Orders(Connection connection) { // this coroutine's lease
      this.connection = connection;
    }

    int count() throws SQLException {
      try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM orders")) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  @Test
  void quickStart(FreshDatabase db) throws Exception {
    JdbcSettings settings = JdbcSettings.fromMap(Map.of(
        "jdbcUrl", db.jdbcUrl(), "username", db.user(), "password", db.password(),
        "maximumPoolSize", 4));
    WorkerHost host = WorkerHost.builder()
        .modules(JdbcModule.of(settings), new AppModule())
        .workers(2)
        .build();
    host.start();                                            // phases, then one pool per worker
    int count = host.submit(() -> host.injector().getInstance(Orders.class).count()).get();
    host.stop(Duration.ofSeconds(10));                       // drain, close pools

    assertEquals(0, count);
    assertTrue(AppModule.STARTED.get() >= 2);
  }

  // ---- README: Phases ----
  public static final class AppModule extends AbstractModule {
    static final java.util.concurrent.atomic.AtomicInteger STARTED = new java.util.concurrent.atomic.AtomicInteger();

    @FrameInitialize
    void recipes(Di di) {                                    // register, build nothing
      di.set("REPORTS", "dev.workerdi.jdbc.readme.ReadmeExamplesTest$ReportClient", "reports.local", 3306,
          Secret.of("s3cret"));
    }

    @BeforeWorkerStart
    void createSchema(JdbcSettings settings) throws SQLException { // a one-off connection, closed before start
      try (Connection once = java.sql.DriverManager.getConnection(settings.jdbcUrl(), settings.username(),
          settings.password()); Statement s = once.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY)");
      }
    }

    @OnWorkerStart
    void warmUp(WorkerContext worker, WorkerPool pool) {     // each worker, its own pool
      pool.warmUp();
      STARTED.incrementAndGet();
    }
  }

  public static final class ReportClient {
    public ReportClient(String host, int port, String password) {}
  }

  // ---- README: Scopes ----
  @WorkerScoped
  public static final class PerWorkerCache {}

  @CoroutineScoped
  public static final class RequestContext implements AutoCloseable {
    @Override
    public void close() {} // released when the coroutine ends, even if it throws
  }

  @Test
  void fanOut(FreshDatabase db) throws Exception {
    WorkerHost host = WorkerHost.builder().workers(1).shutdownHook(false)
        .modules(JdbcModule.of(JdbcSettings.fromMap(Map.of("jdbcUrl", db.jdbcUrl(), "username", db.user(),
            "password", db.password(), "maximumPoolSize", 4)))).build();
    host.start();
    // ---- README: Fan-out ----
    List<FanOut.Task<Integer>> queries = List.of(
        c -> scalar(c, "SELECT 1"),                          // each on its own lease, at the same time
        c -> scalar(c, "SELECT 2"));
    List<Integer> answers = host.submit(() -> host.injector().getInstance(FanOut.class)
        .run(queries, Duration.ofSeconds(5))).get();          // input order; first failure cancels the rest
    host.stop(Duration.ofSeconds(5));
    assertEquals(List.of(1, 2), answers);
  }

  static int scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  // ---- README: Validation ----
  public static final class JdbcRecipes extends RecipeModule {
    @Override
    protected void recipes(RecipeRegistry r) {
      r.set("MYSQL", "dev.workerdi.jdbc.readme.ReadmeExamplesTest$ReportClient", "db.local", 3306, Secret.of("pw"));
    }
  }

  @Test
  void validation() {
    Validation.validate(List.of(new JdbcRecipes(), new AbstractModule() {})).throwIfInvalid();
    ModuleValidationExtension.assertValid(new JdbcRecipes());
  }

  /** README: the JUnit extension, one annotation. */
  @ValidateModules(JdbcRecipes.class)
  static final class AppModulesTest {
    @Test
    void modulesAreValid() {}
  }
}
