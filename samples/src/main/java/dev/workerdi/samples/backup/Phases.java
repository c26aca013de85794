package dev.workerdi.samples.backup;

import dev.workerdi.core.DiException;
import dev.workerdi.lifecycle.WorkerHost;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;

/**
 * The timed phases of a directory backup or restore, and the running of one phase's work as a
 * coroutine of worker 0, its failure named after the phase. Not thread-safe: one per run.
 */
final class Phases {
  private final WorkerHost host;
  private final Map<String, Duration> times = new LinkedHashMap<>();
  private long phaseStarted;

  Phases(WorkerHost host, long started) {
    this.host = host;
    this.phaseStarted = started;
  }

  /** Runs {@code work} as a coroutine in worker 0 and waits for it. */
  <T> T inCoroutine(String phase, Callable<T> work) {
    try {
      return host.submit(0, work).join();
    } catch (CompletionException e) {
      throw failure(phase, e.getCause());
    }
  }

  static BackupException failure(String phase, Throwable cause) {
    if (cause instanceof BackupException backup) {
      return backup;
    }
    return new BackupException(
        "Failed while " + phase,
        cause instanceof DiException di && di.getCause() != null ? di.getCause() : cause);
  }

  /** Ends the phase {@code name}: its time is from the end of the previous one. */
  void lap(String name) {
    long now = System.nanoTime();
    times.put(name, Duration.ofNanos(now - phaseStarted));
    phaseStarted = now;
  }

  Map<String, Duration> times() {
    return times;
  }
}
