package dev.workerdi.lifecycle.internal.host;

import com.google.inject.Injector;
import dev.workerdi.core.Phase;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.lifecycle.WorkerHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host's workers: starts each with its onWorkerStart hooks run in a coroutine of its own, routes
 * tasks (round robin or to a given worker), and stops them newest first (drain, onWorkerStop hooks,
 * then the worker's instances close). Thread-safe: the list is concurrent; start and stop are
 * called under the host's lifecycle lock.
 */
final class Workers {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerHost.class);

  private final String name;
  private final int count;
  private final PhaseRunner phases;
  private final List<WorkerRuntime> runtimes = new CopyOnWriteArrayList<>();
  private final AtomicInteger next = new AtomicInteger();

  Workers(String name, int count, PhaseRunner phases) {
    this.name = name;
    this.count = count;
    this.phases = phases;
  }

  /** Starts every worker in order: each runs its onWorkerStart hooks before it takes tasks. */
  void start(Injector injector) {
    for (int i = 0; i < count; i++) {
      WorkerRuntime worker = new WorkerRuntime(WorkerContext.create(i, name + "-" + i));
      runtimes.add(worker);
      join(
          worker.launch(
              () -> {
                phases.inWorker(Phase.ON_WORKER_START, injector, worker.context());
                return null;
              }));
      worker.accept();
    }
  }

  /** The worker the next round-robin task goes to. */
  int nextWorker() {
    return Math.floorMod(next.getAndIncrement(), count);
  }

  /** Runs {@code task} as a coroutine of worker {@code worker}. */
  <T> CompletableFuture<T> submit(int worker, Callable<T> task) {
    if (worker < 0 || worker >= runtimes.size()) {
      throw LifecycleErrors.noSuchWorker(worker, runtimes.size());
    }
    WorkerRuntime runtime = runtimes.get(worker);
    if (!runtime.isAccepting()) {
      throw LifecycleErrors.notRunning("submit", "stopping");
    }
    return runtime.launch(task);
  }

  int running() {
    return runtimes.stream().mapToInt(WorkerRuntime::running).sum();
  }

  /**
   * Stops the started workers newest first; the first failure is thrown with the others suppressed.
   */
  void stop(Duration drain, Injector injector) {
    List<RuntimeException> failures = new ArrayList<>();
    for (int i = runtimes.size() - 1; i >= 0; i--) {
      try {
        stop(runtimes.get(i), drain, injector);
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      failures.subList(1, failures.size()).forEach(failures.get(0)::addSuppressed);
      throw failures.get(0);
    }
  }

  private void stop(WorkerRuntime worker, Duration drain, Injector injector) {
    try {
      int cancelled = worker.drain(drain);
      if (cancelled > 0 && drain.compareTo(Duration.ZERO) > 0) {
        LOG.warn(
            LifecycleErrors.stopTimedOut(worker.context().name(), cancelled, drain).getMessage());
      }
      join(
          worker.launch(
              () -> {
                phases.inWorker(Phase.ON_WORKER_STOP, injector, worker.context());
                return null;
              }));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      worker.context().close();
      phases.event(Phase.ON_WORKER_STOP, worker.context().name() + ": closed");
    }
  }

  /** Waits for a hook run in a worker, rethrowing what the hook threw as it was. */
  private static void join(CompletableFuture<?> future) {
    try {
      future.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
