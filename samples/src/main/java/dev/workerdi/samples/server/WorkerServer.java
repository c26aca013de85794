package dev.workerdi.samples.server;

import dev.workerdi.jdbc.JdbcModule;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.samples.SampleCommandLine;
import dev.workerdi.samples.SampleDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * A Jetty 12 HTTP server whose requests run as coroutines of a {@link WorkerHost}'s workers. The
 * host starts first (every phase, one pool per worker); then Jetty starts with the Guice-built
 * {@link CoroutineHandler}. {@link #close()} stops in the opposite order: Jetty stops accepting and
 * waits for the requests in flight (new ones get 503), then the host drains its coroutines, runs
 * {@code onWorkerStop}, closes the pools and runs {@code shutdown}. Thread-safe.
 */
public final class WorkerServer implements AutoCloseable {
  /** How long a stop waits for requests in flight, then for the host's coroutines. */
  static final Duration DRAIN = Duration.ofSeconds(10);

  private final WorkerHost host;
  private final Server jetty;
  private final ServerModule module;
  private final Config config;
  private final ReentrantLock stopping = new ReentrantLock();
  private boolean stopped;

  /**
   * How to run the server: database, workers, pool size per worker, port (0: any), and the misuse.
   */
  public record Config(String database, int workers, int poolSize, int port, boolean misuse) {
    /** The demo's and the tests' configuration: pools of 4, any free port. */
    public static Config of(String database, int workers, boolean misuse) {
      return new Config(database, workers, 4, 0, misuse);
    }
  }

  private WorkerServer(WorkerHost host, Server jetty, ServerModule module, Config config) {
    this.host = host;
    this.jetty = jetty;
    this.module = module;
    this.config = config;
  }

  /** Starts the lifecycle, then Jetty on 127.0.0.1; on a failure stops what started and throws. */
  public static WorkerServer start(SampleDatabase db, Config config) throws Exception {
    ServerModule module = new ServerModule(config.misuse());
    WorkerHost host =
        WorkerHost.builder()
            .workers(config.workers())
            .shutdownHook(false)
            .modules(
                JdbcModule.of(
                    db.settings(config.database(), config.poolSize(), "workerdi.reserve", 0)),
                module)
            .build();
    host.start();
    Server jetty = new Server();
    try {
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost("127.0.0.1");
      connector.setPort(config.port());
      connector.setAcceptQueueSize(4096);
      jetty.addConnector(connector);
      jetty.setHandler(new GracefulHandler(host.injector().getInstance(CoroutineHandler.class)));
      jetty.setStopTimeout(DRAIN.toMillis());
      jetty.setStopAtShutdown(false);
      jetty.start();
    } catch (Exception e) {
      jetty.stop();
      host.stop(DRAIN);
      throw e;
    }
    return new WorkerServer(host, jetty, module, config);
  }

  /** The port Jetty listens on. */
  public int port() {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  public WorkerHost host() {
    return host;
  }

  /** The most server connections the pools may hold: workers x pool size (no reserve). */
  public int connectionBudget() {
    return config.workers() * config.poolSize();
  }

  /** The lifecycle hooks' log, in the order they ran. */
  public List<String> hookLog() {
    return module.log();
  }

  /**
   * Drains Jetty's requests in flight, then stops the host (its coroutines, hooks and pools).
   * Idempotent.
   */
  @Override
  public void close() {
    stopping.lock();
    try {
      if (stopped) {
        return;
      }
      stopped = true;
      try {
        jetty.stop();
      } catch (Exception e) {
        module.log().add("http: Jetty did not stop cleanly: " + e);
      } finally {
        host.stop(DRAIN);
      }
    } finally {
      stopping.unlock();
    }
  }

  /** A new {@code server} command for picocli: options, then serves until the JVM stops. */
  public static Callable<Integer> command() {
    return new ServerCommand();
  }

  /** The {@code server} command. */
  public static void main(String[] args) {
    SampleCommandLine.exit(new ServerCommand(), args);
  }
}
