package dev.workerdi.lifecycle.internal;

import dev.workerdi.core.spi.CallerLocation;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import dev.workerdi.core.Di;
import dev.workerdi.core.DiException;
import dev.workerdi.core.Phase;
import dev.workerdi.core.PhaseGate;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.lifecycle.WorkerHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The implementation of {@link WorkerHost}: drives the phases gate, runs hooks, starts and stops
 * {@link WorkerRuntime}s. Start and stop are serialised by one lock; submitting tasks takes no
 * lock. Thread-safe. Not a supported API.
 */
public final class DefaultWorkerHost implements WorkerHost {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerHost.class);

  private enum State { NEW, STARTING, RUNNING, STOPPING, STOPPED, FAILED }

  private final List<Module> modules;
  private final int workerCount;
  private final Di di;
  private final Stage stage;
  private final boolean shutdownHook;
  private final String name;
  private final Hooks hooks;
  private final ReentrantLock lifecycle = new ReentrantLock();
  private final List<WorkerRuntime> workers = new CopyOnWriteArrayList<>();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private volatile State state = State.NEW;
  private volatile Injector injector;
  private Thread jvmHook;

  public DefaultWorkerHost(List<Module> modules, int workerCount, Di di, Stage stage, boolean shutdownHook,
      String name) {
    if (workerCount < 1) {
      throw LifecycleErrors.badWorkerCount(workerCount);
    }
    this.modules = modules;
    this.workerCount = workerCount;
    this.di = di;
    this.stage = stage;
    this.shutdownHook = shutdownHook;
    this.name = name;
    this.hooks = new Hooks(modules);
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
        bootPreStart();
        startWorkers();
      } catch (RuntimeException | Error e) {
        state = State.FAILED;
        abort(e);
        throw e;
      }
      state = State.RUNNING;
      di.phases().advanceTo(Phase.RUNNING);
      event(Phase.RUNNING, workerCount + " worker(s) accepting tasks");
      if (shutdownHook) {
        jvmHook = Thread.ofPlatform().name(name + "-shutdown").unstarted(this::close);
        Runtime.getRuntime().addShutdownHook(jvmHook);
      }
    } finally {
      lifecycle.unlock();
    }
  }

  private void bootPreStart() {
    PreStart.registerRecipes(modules, di);
    Injector boot = Guice.createInjector(stage, withHost(di.module()));
    injector = boot;
    runPhase(Phase.FRAME_INITIALIZE, null);
    runPhase(Phase.FRAME_INITIALIZED, null);
    runPhase(Phase.BEFORE_WORKER_START, null);
    if (di.hasNewBindings()) {
      injector = boot.createChildInjector(di.newBindingsModule());
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
      List<DiException> failures = new ArrayList<>();
      try {
        PreStart.registerRecipes(modules, di);
        injector = Guice.createInjector(stage, withHost(di.module()));
        for (Phase phase : List.of(Phase.FRAME_INITIALIZE, Phase.FRAME_INITIALIZED, Phase.BEFORE_WORKER_START)) {
          di.phases().advanceTo(phase);
          for (Hook hook : hooks.of(phase)) {
            try {
              hook.invoke(injector, di, this, null);
            } catch (DiException e) {
              failures.add(e);
            }
          }
        }
      } finally {
        di.phases().advanceTo(Phase.SHUTDOWN);
        di.close();
      }
      return failures;
    } finally {
      lifecycle.unlock();
    }
  }

  private List<Module> withHost(Module diModule) {
    List<Module> all = new ArrayList<>(modules);
    all.add(diModule);
    all.add(new AbstractModule() {
      @Override
      protected void configure() {
        bind(Di.class).toInstance(di);
        bind(PhaseGate.class).toInstance(di.phases());
        bind(WorkerHost.class).toInstance(DefaultWorkerHost.this);
      }
    });
    return all;
  }

  private void runPhase(Phase phase, WorkerContext worker) {
    if (worker == null) {
      di.phases().advanceTo(phase);
      event(phase, "");
    }
    for (Hook hook : hooks.of(phase)) {
      long started = System.nanoTime();
      hook.invoke(injector, di, this, worker);
      event(phase, (worker == null ? "" : worker.name() + ": ") + hook.name() + " ("
          + (System.nanoTime() - started) / 1_000_000 + " ms)");
    }
  }

  private void startWorkers() {
    di.phases().advanceTo(Phase.ON_WORKER_START);
    event(Phase.ON_WORKER_START, "");
    for (int i = 0; i < workerCount; i++) {
      WorkerRuntime worker = new WorkerRuntime(WorkerContext.create(i, name + "-" + i));
      workers.add(worker);
      join(worker.launch(() -> {
        runPhase(Phase.ON_WORKER_START, worker.context());
        return null;
      }));
      worker.accept();
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
    return submit(Math.floorMod(next.getAndIncrement(), workerCount), task);
  }

  @Override
  public <T> CompletableFuture<T> submit(int worker, Callable<T> task) {
    if (state != State.RUNNING) {
      throw LifecycleErrors.notRunning("submit", state);
    }
    if (worker < 0 || worker >= workers.size()) {
      throw LifecycleErrors.noSuchWorker(worker, workers.size());
    }
    WorkerRuntime runtime = workers.get(worker);
    if (!runtime.isAccepting()) {
      throw LifecycleErrors.notRunning("submit", "stopping");
    }
    return runtime.launch(task);
  }

  @Override
  public Executor executor() {
    return command -> submit(() -> {
      command.run();
      return null;
    }).exceptionally(failure -> {
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
    event(Phase.ON_WORKER_STOP, "");
    List<RuntimeException> failures = new ArrayList<>();
    for (int i = workers.size() - 1; i >= 0; i--) {
      try {
        stopWorker(workers.get(i), drain);
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      failures.subList(1, failures.size()).forEach(failures.get(0)::addSuppressed);
      throw failures.get(0);
    }
  }

  private void stopWorker(WorkerRuntime worker, Duration drain) {
    try {
      int cancelled = worker.drain(drain);
      if (cancelled > 0 && drain.compareTo(Duration.ZERO) > 0) {
        LOG.warn(LifecycleErrors.stopTimedOut(worker.context().name(), cancelled, drain).getMessage());
      }
      join(worker.launch(() -> {
        runPhase(Phase.ON_WORKER_STOP, worker.context());
        return null;
      }));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      worker.context().close();
      event(Phase.ON_WORKER_STOP, worker.context().name() + ": closed");
    }
  }

  private void finish() {
    try {
      if (injector != null) {
        runPhase(Phase.SHUTDOWN, null);
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

  private static void join(CompletableFuture<?> future) {
    try {
      future.join();
    } catch (java.util.concurrent.CompletionException e) {
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

  private void removeJvmHook() {
    if (jvmHook != null && Thread.currentThread() != jvmHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(jvmHook);
      } catch (IllegalStateException alreadyShuttingDown) {
        LOG.debug("JVM is shutting down; the shutdown hook stays", alreadyShuttingDown);
      }
    }
  }

  private void event(Phase phase, String what) {
    String line = what.isEmpty() ? "phase " + phase : "  " + phase + " " + what;
    events.add(line);
    LOG.info(line);
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
    return workers.stream().mapToInt(WorkerRuntime::running).sum();
  }

  @Override
  public List<String> events() {
    return List.copyOf(events);
  }

  @Override
  public String toString() {
    return "WorkerHost[" + name + ", " + workerCount + " worker(s), " + state + "]";
  }

}
