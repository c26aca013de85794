package dev.workerdi.lifecycle.internal.host;

import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import dev.workerdi.core.Di;
import dev.workerdi.core.DiException;
import dev.workerdi.core.Phase;
import dev.workerdi.lifecycle.WorkerHost;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The implementation of {@link WorkerHost}, a small facade: its state and lifecycle lock, the JVM
 * shutdown hook, and the order of things. The pre-start phases are one {@link PreStartRun}, the
 * workers are {@link Workers}, every hook runs through one {@link PhaseRunner}. Start and stop are
 * serialised by one lock; submitting tasks takes no lock. Thread-safe. Not a supported API.
 */
public final class DefaultWorkerHost implements WorkerHost {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerHost.class);

  private enum State {
    NEW,
    STARTING,
    RUNNING,
    STOPPING,
    STOPPED,
    FAILED
  }

  private final Di di;
  private final String name;
  private final int workerCount;
  private final boolean shutdownHook;
  private final PhaseRunner phases;
  private final PreStartRun preStart;
  private final Workers workers;
  private final ReentrantLock lifecycle = new ReentrantLock();
  private volatile State state = State.NEW;
  private volatile Injector injector;
  private Thread jvmHook;

  public DefaultWorkerHost(
      List<Module> modules,
      int workerCount,
      Di di,
      Stage stage,
      boolean shutdownHook,
      String name) {
    if (workerCount < 1) {
      throw LifecycleErrors.badWorkerCount(workerCount);
    }
    this.di = di;
    this.name = name;
    this.workerCount = workerCount;
    this.shutdownHook = shutdownHook;
    this.phases = new PhaseRunner(di, new Hooks(modules), this);
    this.preStart = new PreStartRun(modules, di, stage, this, phases);
    this.workers = new Workers(name, workerCount, phases);
  }

  @Override
  public void start() {
    lifecycle.lock();
    try {
      if (state != State.NEW) {
        throw LifecycleErrors.alreadyStarted(state);
      }
      state = State.STARTING;
      try {
        injector = preStart.start();
        di.phases().advanceTo(Phase.ON_WORKER_START);
        phases.event(Phase.ON_WORKER_START, "");
        workers.start(injector);
      } catch (RuntimeException | Error e) {
        state = State.FAILED;
        injector = preStart.injector();
        abort(e);
        throw e;
      }
      state = State.RUNNING;
      di.phases().advanceTo(Phase.RUNNING);
      phases.event(Phase.RUNNING, workerCount + " worker(s) accepting tasks");
      addJvmHook();
    } finally {
      lifecycle.unlock();
    }
  }

  /**
   * Runs the recipe registration and every pre-start hook with no workers, collecting each hook's
   * failure instead of stopping at the first, then shuts the container down. For tests.
   */
  public List<DiException> dryRunPreStart() {
    lifecycle.lock();
    try {
      if (state != State.NEW) {
        throw LifecycleErrors.alreadyStarted(state);
      }
      state = State.STOPPED;
      try {
        return preStart.dryRun();
      } finally {
        di.phases().advanceTo(Phase.SHUTDOWN);
        di.close();
      }
    } finally {
      lifecycle.unlock();
    }
  }

  /** Stops what was started, newest first, keeping the original failure as the one thrown. */
  private void abort(Throwable failure) {
    try {
      stopWorkers(Duration.ZERO);
      finish();
    } catch (RuntimeException | Error e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public <T> CompletableFuture<T> submit(Callable<T> task) {
    return submit(workers.nextWorker(), task);
  }

  @Override
  public <T> CompletableFuture<T> submit(int worker, Callable<T> task) {
    if (state != State.RUNNING) {
      throw LifecycleErrors.notRunning("submit", state);
    }
    return workers.submit(worker, task);
  }

  @Override
  public Executor executor() {
    return command ->
        submit(
                () -> {
                  command.run();
                  return null;
                })
            .exceptionally(
                failure -> {
                  LOG.error("A task run through WorkerHost.executor() failed", failure);
                  return null;
                });
  }

  @Override
  public void stop(Duration drain) {
    lifecycle.lock();
    try {
      if (state == State.NEW) {
        throw LifecycleErrors.stopBeforeStart();
      }
      if (state != State.RUNNING) {
        return;
      }
      state = State.STOPPING;
      removeJvmHook();
      try {
        stopWorkers(drain);
      } finally {
        finish();
      }
    } finally {
      lifecycle.unlock();
    }
  }

  private void stopWorkers(Duration drain) {
    di.phases().advanceTo(Phase.ON_WORKER_STOP);
    phases.event(Phase.ON_WORKER_STOP, "");
    workers.stop(drain, injector);
  }

  private void finish() {
    try {
      if (injector != null) {
        phases.enter(Phase.SHUTDOWN, injector);
      } else {
        di.phases().advanceTo(Phase.SHUTDOWN);
      }
    } finally {
      di.close();
      if (state != State.FAILED) {
        state = State.STOPPED;
      }
    }
  }

  private void addJvmHook() {
    if (shutdownHook) {
      jvmHook = Thread.ofPlatform().name(name + "-shutdown").unstarted(this::close);
      Runtime.getRuntime().addShutdownHook(jvmHook);
    }
  }

  private void removeJvmHook() {
    if (jvmHook != null && Thread.currentThread() != jvmHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(jvmHook);
      } catch (IllegalStateException alreadyShuttingDown) {
        LOG.debug("JVM is shutting down; the shutdown hook stays", alreadyShuttingDown);
      }
    }
  }

  @Override
  public void close() {
    lifecycle.lock();
    try {
      if (state == State.NEW) {
        state = State.STOPPED;
        di.phases().advanceTo(Phase.SHUTDOWN);
        di.close();
        return;
      }
    } finally {
      lifecycle.unlock();
    }
    stop(Duration.ofSeconds(30));
  }

  @Override
  public Di di() {
    return di;
  }

  @Override
  public Injector injector() {
    if (injector == null) {
      throw LifecycleErrors.notRunning("injector()", state);
    }
    return injector;
  }

  @Override
  public int workerCount() {
    return workerCount;
  }

  @Override
  public int runningTasks() {
    return workers.running();
  }

  @Override
  public List<String> events() {
    return phases.events();
  }

  @Override
  public String toString() {
    return "WorkerHost[" + name + ", " + workerCount + " worker(s), " + state + "]";
  }
}
