package dev.workerdi.lifecycle.internal.host;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import dev.workerdi.core.Di;
import dev.workerdi.core.DiException;
import dev.workerdi.core.Phase;
import dev.workerdi.core.PhaseGate;
import dev.workerdi.lifecycle.WorkerHost;
import java.util.ArrayList;
import java.util.List;

/**
 * The pre-start run, the one loop behind both {@code WorkerHost.start()} and the JUnit dry run:
 * registers the {@code RecipeModule}s, builds the boot injector from the modules and {@code
 * Di.module()}, enters frameInitialize, frameInitialized and beforeWorkerStart, and adds the
 * recipes the hooks registered in one child injector. On a start the first failing hook stops it;
 * on a dry run every hook runs and the {@link DiException}s are collected. Not thread-safe: one run
 * per host.
 */
final class PreStartRun {
  private static final List<Phase> PHASES =
      List.of(Phase.FRAME_INITIALIZE, Phase.FRAME_INITIALIZED, Phase.BEFORE_WORKER_START);

  private final List<Module> modules;
  private final Di di;
  private final Stage stage;
  private final WorkerHost host;
  private final PhaseRunner phases;
  private final List<DiException> failures = new ArrayList<>();
  private Injector injector;

  PreStartRun(List<Module> modules, Di di, Stage stage, WorkerHost host, PhaseRunner phases) {
    this.modules = modules;
    this.di = di;
    this.stage = stage;
    this.host = host;
    this.phases = phases;
  }

  /** Runs the pre-start phases, throwing the first failure; returns the injector workers use. */
  Injector start() {
    return run(false);
  }

  /** Runs every pre-start hook, collecting their {@link DiException}s instead of stopping. */
  List<DiException> dryRun() {
    run(true);
    return List.copyOf(failures);
  }

  /** The injector built so far (the boot one, or its child), null before the run. */
  Injector injector() {
    return injector;
  }

  private Injector run(boolean collect) {
    PreStart.registerRecipes(modules, di);
    injector = Guice.createInjector(stage, withHost());
    for (Phase phase : PHASES) {
      if (collect) {
        enterCollecting(phase);
      } else {
        phases.enter(phase, injector);
      }
    }
    if (di.hasNewBindings()) {
      injector = injector.createChildInjector(di.newBindingsModule());
    }
    return injector;
  }

  private void enterCollecting(Phase phase) {
    di.phases().advanceTo(phase);
    for (Hook hook : phases.hooksOf(phase)) {
      try {
        phases.run(hook, phase, injector, null);
      } catch (DiException e) {
        failures.add(e);
      }
    }
  }

  private List<Module> withHost() {
    List<Module> all = new ArrayList<>(modules);
    all.add(di.module());
    all.add(
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(Di.class).toInstance(di);
            bind(PhaseGate.class).toInstance(di.phases());
            bind(WorkerHost.class).toInstance(host);
          }
        });
    return all;
  }
}
