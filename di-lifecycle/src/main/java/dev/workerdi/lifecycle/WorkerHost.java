package dev.workerdi.lifecycle;

import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import dev.workerdi.core.Di;
import dev.workerdi.lifecycle.internal.host.DefaultWorkerHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs the lifecycle and the workers: the phases with the hooks declared on the modules, then N
 * workers, each running its tasks as coroutines (one virtual thread per task, each with its own
 * coroutine scope), then an orderly stop.
 *
 * <pre>{@code
 * WorkerHost host = WorkerHost.builder().modules(new AppModule()).workers(2).build();
 * host.start();                                   // frameInitialize .. onWorkerStart
 * host.submit(() -> repository.findAll()).join(); // a coroutine in one of the workers
 * host.stop(Duration.ofSeconds(10));              // drain, cancel, onWorkerStop, close, shutdown
 * }</pre>
 *
 * <p>{@link #executor()} adapts the host to servers that dispatch work through an {@link Executor}
 * (for example {@code com.sun.net.httpserver.HttpServer#setExecutor}): each request is then handled
 * as a coroutine in a worker. Thread-safe.
 */
public interface WorkerHost extends AutoCloseable {

  /**
   * A builder with the defaults: as many workers as cores, a new {@link Di}, Guice's DEVELOPMENT
   * stage.
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the pre-start phases and starts every worker (each runs its {@code @OnWorkerStart} hooks).
   * With a {@code JdbcModule}, {@code beforeWorkerStart} connects once to check the connection
   * budget, so an unreachable database ({@code DI-308}) or a budget over the server's limit ({@code
   * DI-304}) stops the start. On any failure, stops what was started in reverse order and throws: a
   * hook's {@code DiException} keeps its own id, with the phase and hook as context lines; any
   * other exception is {@code DI-201}.
   */
  void start();

  /** Runs {@code task} as a coroutine in the next worker (round robin). */
  <T> CompletableFuture<T> submit(Callable<T> task);

  /**
   * Runs {@code task} as a coroutine in worker number {@code worker} (0 to {@code workerCount() -
   * 1}), for work that must run in one particular worker, such as one task per worker; that
   * worker's pool and worker-scoped instances serve it. Another number fails with {@code DI-125}.
   */
  <T> CompletableFuture<T> submit(int worker, Callable<T> task);

  /** An executor that runs each {@code Runnable} as a coroutine in the next worker. */
  Executor executor();

  /**
   * Stops: workers stop accepting tasks, running tasks get {@code drain} to finish and are then
   * interrupted, {@code @OnWorkerStop} hooks run, each worker's instances are closed newest first,
   * then {@code @Shutdown} hooks run and process-wide instances are closed. Idempotent once
   * started; before {@link #start()} it fails with {@code DI-203} and changes nothing.
   */
  void stop(Duration drain);

  /**
   * {@link #stop(Duration)} with a 30 second drain; on a host never started, discards it (it cannot
   * start then).
   */
  @Override
  void close();

  /** The container this host drives. */
  Di di();

  /** The injector (after start): the modules, the container's bindings and the host itself. */
  Injector injector();

  /** How many workers the host runs. */
  int workerCount();

  /** Tasks currently running, in all workers. */
  int runningTasks();

  /** What ran so far, one line per phase and hook, in order (for logs and demos). */
  List<String> events();

  /** Configures a {@link WorkerHost}. Not thread-safe; use from one thread, then build. */
  final class Builder {
    private final List<Module> modules = new ArrayList<>();
    private int workers = Runtime.getRuntime().availableProcessors();
    private Di di;
    private Stage stage = Stage.DEVELOPMENT;
    private boolean shutdownHook = true;
    private String name = "worker";

    private Builder() {}

    /** Adds Guice modules; their annotated methods are the lifecycle hooks. */
    public Builder modules(Module... modules) {
      this.modules.addAll(Arrays.asList(modules));
      return this;
    }

    /** How many workers to start (default: the number of cores). */
    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    /** The container to drive (default: a new one). */
    public Builder di(Di di) {
      this.di = di;
      return this;
    }

    /** The Guice stage (default DEVELOPMENT, so nothing is built eagerly before workers exist). */
    public Builder stage(Stage stage) {
      this.stage = stage;
      return this;
    }

    /** Whether to stop gracefully on JVM shutdown (default true). */
    public Builder shutdownHook(boolean enabled) {
      this.shutdownHook = enabled;
      return this;
    }

    /** The prefix of worker names (default "worker": worker-0, worker-1, ...). */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The host, not started. */
    public WorkerHost build() {
      return new DefaultWorkerHost(
          List.copyOf(modules), workers, di != null ? di : Di.create(), stage, shutdownHook, name);
    }
  }
}
