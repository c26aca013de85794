package dev.workerdi.core.internal;

import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.WorkerContext;

/**
 * The worker and the coroutine the current thread runs in, as plain thread-locals: read by the
 * scopes on every scoped {@code get} without wrapping them in an {@code Optional}, and set only by
 * {@link WorkerContext} and {@link CoroutineContext}. Thread-safe (per-thread state). Not a
 * supported API.
 */
public final class Current {
  private static final ThreadLocal<WorkerContext> WORKER = new ThreadLocal<>();
  private static final ThreadLocal<CoroutineContext> COROUTINE = new ThreadLocal<>();

  private Current() {}

  /** The current thread's worker, or null. */
  public static WorkerContext worker() {
    return WORKER.get();
  }

  /** The current thread's coroutine, or null. */
  public static CoroutineContext coroutine() {
    return COROUTINE.get();
  }

  /** Binds {@code worker} (null: none) to the current thread; for {@link WorkerContext} only. */
  public static void setWorker(WorkerContext worker) {
    WORKER.set(worker);
  }

  /**
   * Binds {@code coroutine} (null: none) to the current thread; for {@link CoroutineContext} only.
   */
  public static void setCoroutine(CoroutineContext coroutine) {
    COROUTINE.set(coroutine);
  }
}
