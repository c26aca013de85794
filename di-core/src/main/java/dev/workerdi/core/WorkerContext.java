package dev.workerdi.core;

import dev.workerdi.core.internal.Current;
import dev.workerdi.core.internal.InstanceStore;
import dev.workerdi.core.spi.ScopeStore;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One worker: an isolated unit with its own worker-bound instances (its own connection pool),
 * running many coroutines. The Java form of a Swoole worker process after fork.
 *
 * <p>A host (di-lifecycle's {@code WorkerHost}, or your own server loop) creates one per worker,
 * runs the worker's code inside it with {@link #run(Runnable)} / {@link #call(Callable)}, starts
 * each task as a coroutine with {@link #openCoroutine()}, and finally {@link #close()}s it, which
 * closes its {@link AutoCloseable} instances newest first. The binding to a thread is a
 * thread-local that lasts only for the call. Thread-safe.
 */
public final class WorkerContext {
  private final int id;
  private final String name;
  private final InstanceStore store;
  private final AtomicLong coroutines = new AtomicLong();

  private WorkerContext(int id, String name) {
    this.id = id;
    this.name = name;
    this.store = new InstanceStore("worker", "'" + name + "'");
  }

  /** A new worker with this id and name (names appear in errors, pool names and logs). */
  public static WorkerContext create(int id, String name) {
    if (name == null || name.isBlank()) {
      throw DiException.builder(
              ErrorId.NULL_ARGUMENT, "WorkerContext.create: the worker name is empty")
          .fix("Give each worker a readable name such as \"worker-" + id + "\".")
          .build();
    }
    return new WorkerContext(id, name);
  }

  /** The worker the current thread is running in, if any. */
  public static Optional<WorkerContext> current() {
    return Optional.ofNullable(Current.worker());
  }

  /** The worker's id, unique within its host. */
  public int id() {
    return id;
  }

  /** The worker's name. */
  public String name() {
    return name;
  }

  /** Runs {@code action} on this thread as part of this worker (for onWorkerStart hooks, say). */
  public void run(Runnable action) {
    WorkerContext previous = enter();
    try {
      action.run();
    } finally {
      Current.setWorker(previous);
    }
  }

  /** Calls {@code action} on this thread as part of this worker and returns its result. */
  public <T> T call(Callable<T> action) throws Exception {
    WorkerContext previous = enter();
    try {
      return action.call();
    } finally {
      Current.setWorker(previous);
    }
  }

  /**
   * Makes the current thread a new coroutine of this worker until the returned context is closed
   * (in a {@code finally}, on the same thread). Its coroutine-scoped instances are released then.
   */
  public CoroutineContext openCoroutine() {
    if (store.isClosed()) {
      throw DiException.builder(
              ErrorId.CONTEXT_CLOSED, "Cannot start a coroutine: worker '" + name + "' is closed")
          .fix("Start tasks only while the worker runs.")
          .build();
    }
    WorkerContext previous = enter();
    return new CoroutineContext(this, coroutines.incrementAndGet(), previous);
  }

  private WorkerContext enter() {
    WorkerContext previous = Current.worker();
    Current.setWorker(this);
    return previous;
  }

  /** This context's instances, for scopes and extensions ({@link ScopeStore}). */
  public ScopeStore store() {
    return store;
  }

  /** How many coroutines this worker has opened so far. */
  public long coroutinesOpened() {
    return coroutines.get();
  }

  /** Whether {@link #close()} has run. */
  public boolean isClosed() {
    return store.isClosed();
  }

  /**
   * Closes the worker's {@link AutoCloseable} instances once each, newest first. Idempotent.
   *
   * @throws DiException {@link ErrorId#CLOSE_FAILED} after closing all, if any close threw
   */
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return "WorkerContext[" + id + ", " + name + (isClosed() ? ", closed" : "") + "]";
  }
}
