package dev.workerdi.samples.server;

import com.google.inject.AbstractModule;
import dev.workerdi.core.Di;
import dev.workerdi.core.Recipe;
import dev.workerdi.core.WorkerContext;
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
    log.add("frameInitialize: registered recipe BANNER (class name + arguments, process-wide, not built)");
  }

  @FrameInitialized
  void createSchema(JdbcSettings settings) throws SQLException {
    try (Connection once = DriverManager.getConnection(settings.jdbcUrl(), settings.username(), settings.password());
        Statement s = once.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS notes (id BIGINT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(200) NOT NULL,"
          + " worker VARCHAR(40) NOT NULL, created TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))");
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
    log.add("onWorkerStop: " + worker.name() + " served " + pool.stats().borrowed() + " lease(s), "
        + pool.stats().returned() + " returned");
  }

  @Shutdown
  void shutdown() {
    log.add("shutdown: all workers stopped, pools closed");
  }

  /**
   * The HTTP handler and routes (singletons) and the repositories they inject, every class bound
   * explicitly so that static validation sees the whole graph and checks that the singletons reach
   * the request's lease only through providers. {@link Notes} is plain JDBC on the request's lease;
   * bind another implementation here to serve the same routes through another data-access library.
   */
  @Override
  protected void configure() {
    bind(CoroutineHandler.class).in(Singleton.class);
    bind(Routes.class).in(Singleton.class);
    bind(Notes.class).to(JdbcNotes.class);
    bind(JdbcNotes.class);
    bind(SessionProbe.class);
  }
}
