package dev.workerdi.samples.backup;

import com.google.inject.name.Named;
import dev.workerdi.jdbc.FanOut;
import dev.workerdi.lifecycle.WorkerHost;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/**
 * One side's {@link FanOut} (the source's or the target's), for the steps that run many statements
 * at once outside the copy: built once by Guice, {@link #run} called inside a coroutine, where the
 * provider gives that coroutine's worker's fan-out. Only the side the host has is asked for (a
 * restore has no source). Thread-safe.
 */
abstract class SideFanOut {
  private final Provider<FanOut> fanOut;

  private SideFanOut(Provider<FanOut> fanOut) {
    this.fanOut = fanOut;
  }

  /** The source's, built by {@code host}'s injector. */
  static SideFanOut source(WorkerHost host) {
    return host.injector().getInstance(Source.class);
  }

  /** The target's, built by {@code host}'s injector. */
  static SideFanOut target(WorkerHost host) {
    return host.injector().getInstance(Target.class);
  }

  /** Runs {@code tasks} at once, each on its own lease of this side; call it in a coroutine. */
  <T> List<T> run(List<? extends FanOut.Task<? extends T>> tasks, Duration deadline)
      throws InterruptedException {
    return fanOut.get().run(tasks, deadline);
  }

  /** The source's fan-out. */
  @Singleton
  static final class Source extends SideFanOut {
    @Inject
    Source(@Named("source") Provider<FanOut> fanOut) {
      super(fanOut);
    }
  }

  /** The target's fan-out. */
  @Singleton
  static final class Target extends SideFanOut {
    @Inject
    Target(@Named("target") Provider<FanOut> fanOut) {
      super(fanOut);
    }
  }
}
