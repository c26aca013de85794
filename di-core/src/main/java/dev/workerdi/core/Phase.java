package dev.workerdi.core;

/**
 * The lifecycle phases of a server that starts workers, mirroring EasySwoole's events.
 *
 * <p>Phases only move forward. The first three run once, before any worker exists (in a forking
 * server they run in the master): recipes and hooks are registered there, and worker-bound bindings
 * cannot be resolved. {@link #ON_WORKER_START} runs in each worker as it starts; from then on each
 * worker has its own instances. Immutable and thread-safe.
 */
public enum Phase {
  /** The framework is initialising: register configuration and recipes. */
  FRAME_INITIALIZE,
  /** Initialisation finished: register further recipes that depend on the configuration. */
  FRAME_INITIALIZED,
  /** The last moment before the workers start: nothing worker-bound may be resolved yet. */
  BEFORE_WORKER_START,
  /** Workers are starting; each runs its onWorkerStart hooks with its own instances. */
  ON_WORKER_START,
  /** All workers have started and accept tasks. */
  RUNNING,
  /** Workers are stopping: tasks drain, then worker instances are closed. */
  ON_WORKER_STOP,
  /** Everything is stopped; process-wide instances are closed. */
  SHUTDOWN;

  /** Whether no worker can exist yet in this phase: recipes may still be registered. */
  public boolean isBeforeWorkers() {
    return compareTo(ON_WORKER_START) < 0;
  }
}
