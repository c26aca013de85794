package dev.workerdi.lifecycle.internal.host;

import com.google.inject.Injector;
import dev.workerdi.core.Di;
import dev.workerdi.core.Phase;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.lifecycle.WorkerHost;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one phase's hooks, in order, and keeps the host's event log ({@code WorkerHost.events()}):
 * the only place hooks are invoked, for the pre-start run, each worker's start and stop, and the
 * shutdown. Thread-safe: the log is concurrent; phases of one host do not overlap.
 */
final class PhaseRunner {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerHost.class);

  private final Di di;
  private final Hooks hooks;
  private final WorkerHost host;
  private final List<String> events = new CopyOnWriteArrayList<>();

  PhaseRunner(Di di, Hooks hooks, WorkerHost host) {
    this.di = di;
    this.hooks = hooks;
    this.host = host;
  }

  /**
   * Enters a process-wide phase (advancing the gate) and runs its hooks; the first failure is
   * thrown.
   */
  void enter(Phase phase, Injector injector) {
    di.phases().advanceTo(phase);
    event(phase, "");
    for (Hook hook : hooks.of(phase)) {
      run(hook, phase, injector, null);
    }
  }

  /** Runs {@code phase}'s hooks in {@code worker} (the gate is already there). */
  void inWorker(Phase phase, Injector injector, WorkerContext worker) {
    for (Hook hook : hooks.of(phase)) {
      run(hook, phase, injector, worker);
    }
  }

  /**
   * The hooks of {@code phase}, for a run that collects failures instead of stopping at the first.
   */
  List<Hook> hooksOf(Phase phase) {
    return hooks.of(phase);
  }

  void run(Hook hook, Phase phase, Injector injector, WorkerContext worker) {
    long started = System.nanoTime();
    hook.invoke(injector, di, host, worker);
    event(
        phase,
        (worker == null ? "" : worker.name() + ": ")
            + hook.name()
            + " ("
            + (System.nanoTime() - started) / 1_000_000
            + " ms)");
  }

  void event(Phase phase, String what) {
    String line = what.isEmpty() ? "phase " + phase : "  " + phase + " " + what;
    events.add(line);
    LOG.info(line);
  }

  List<String> events() {
    return List.copyOf(events);
  }
}
