package dev.workerdi.samples.server;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.workerdi.core.Di;
import dev.workerdi.core.Recipe;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.core.WorkerScoped;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.lifecycle.BeforeWorkerStart;
import dev.workerdi.lifecycle.FrameInitialize;
import dev.workerdi.lifecycle.FrameInitialized;
import dev.workerdi.lifecycle.OnWorkerStart;
import dev.workerdi.lifecycle.OnWorkerStop;
import dev.workerdi.lifecycle.Shutdown;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The worker server's lifecycle, declared as hooks: recipes in frameInitialize, the schema through
 * a one-off connection in frameInitialized (the right way to touch the database before start), the
 * misuse (an eager get in beforeWorkerStart) when asked for, each worker's pool warmed in
 * onWorkerStart, and the bindings of the repositories. Every hook writes a line to {@link #log()}.
 * Thread-safe.
 */
public final class ServerModule extends AbstractModule {
  private final boolean misuse;
  private final List<String> log = new CopyOnWriteArrayList<>();

  public ServerModule(boolean misuse) {
    this.misuse = misuse;
  }

  /** What the hooks did, in order. */
  public List<String> log() {
    return log;
  }

  @FrameInitialize
  void registerRecipes(Di di) {
    di.set("BANNER", Recipe.of(Banner.class.getName(), "workerdi sample server").processWide());
    log.add(
        "frameInitialize: registered recipe BANNER (class name + arguments, process-wide, not built)");
  }

  @FrameInitialized
  void createSchema(JdbcSettings settings) throws SQLException {
    try (Connection once =
            DriverManager.getConnection(
                settings.jdbcUrl(), settings.username(), settings.password());
        Statement s = once.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS notes (id BIGINT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(200) NOT NULL,"
              + " worker VARCHAR(40) NOT NULL, created TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))");
      s.execute(
          "CREATE TABLE IF NOT EXISTS accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
      for (int id = 0; id < Accounts.COUNT; id++) {
        s.execute(
            "INSERT IGNORE INTO accounts VALUES (" + id + ", " + Accounts.OPENING_BALANCE + ")");
      }
    }
    log.add("frameInitialized: created the schema over a one-off connection, closed before start");
  }

  @BeforeWorkerStart
  void beforeWorkers(Provider<Connection> connections) {
    if (misuse) {
      log.add("beforeWorkerStart: --misuse asks for a Connection before any worker exists");
      connections.get();
    }
    log.add("beforeWorkerStart: nothing worker-bound resolved");
  }

  @OnWorkerStart
  void openPool(WorkerContext worker, WorkerPool pool) {
    pool.warmUp();
    log.add("onWorkerStart: " + worker.name() + " opened its own pool " + pool.name());
  }

  @OnWorkerStop
  void closePool(WorkerContext worker, WorkerPool pool) {
    log.add(
        "onWorkerStop: "
            + worker.name()
            + " served "
            + pool.stats().borrowed()
            + " lease(s), "
            + pool.stats().returned()
            + " returned");
  }

  @Shutdown
  void shutdown() {
    log.add("shutdown: all workers stopped, pools closed");
  }

  /**
   * The HTTP handler and routes (singletons) and the repositories they inject, every class bound
   * explicitly so that static validation sees the whole graph and checks that the singletons reach
   * the request's lease only through providers. {@link Notes} is plain JDBC on the request's lease;
   * {@link JdbiNotes} serves the same notes through Jdbi, and {@link Accounts} (transactional
   * transfers) is intercepted by {@code JdbcModule}'s {@code @Transactional}.
   */
  @Override
  protected void configure() {
    bind(CoroutineHandler.class).in(Singleton.class);
    bind(Routes.class).in(Singleton.class);
    bind(Notes.class).to(JdbcNotes.class);
    bind(JdbcNotes.class);
    bind(JdbiNotes.class);
    bind(Accounts.class);
    bind(SessionProbe.class);
  }

  /**
   * One Jdbi per worker on that worker's lease-backed {@code DataSource}: Jdbi asks the {@code
   * DataSource} for a connection per handle, so each handle runs on the calling request's lease. (A
   * {@code @Singleton} Jdbi on the injected {@code DataSource} would keep the first worker's and is
   * refused by validation, DI-232.)
   */
  @Provides
  @WorkerScoped
  Jdbi jdbi(DataSource dataSource) {
    return Jdbi.create(dataSource);
  }
}
