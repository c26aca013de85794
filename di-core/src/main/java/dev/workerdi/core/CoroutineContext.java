package dev.workerdi.core;

import dev.workerdi.core.internal.CoroutineStore;
import dev.workerdi.core.internal.Current;
import dev.workerdi.core.spi.ScopeStore;
import java.util.Optional;

/**
 * One coroutine: a task running on its own (virtual) thread inside a worker, with its own
 * coroutine-scoped instances, released when the coroutine ends.
 *
 * <p>Obtained from {@link WorkerContext#openCoroutine()} on the thread that runs the task; {@link
 * #close()} it in a {@code finally} on the same thread, so that instances are released even when
 * the task throws or is interrupted. Thread-safe for reading; open and close belong to the owner
 * thread.
 */
public final class CoroutineContext implements AutoCloseable {
  private final WorkerContext worker;
  private final long id;
  private final Thread owner;
  private final CoroutineStore store;
  private final CoroutineContext previous;
  private final WorkerContext previousWorker;

  /** Binds a new coroutine to this thread; {@code previousWorker} is bound again when it closes. */
  CoroutineContext(WorkerContext worker, long id, WorkerContext previousWorker) {
    this.worker = worker;
    this.id = id;
    this.owner = Thread.currentThread();
    this.store = new CoroutineStore(this);
    this.previous = Current.coroutine();
    this.previousWorker = previousWorker;
    Current.setCoroutine(this);
  }

  /** The coroutine the current thread is running, if any. */
  public static Optional<CoroutineContext> current() {
    return Optional.ofNullable(Current.coroutine());
  }

  /** The worker this coroutine belongs to. */
  public WorkerContext worker() {
    return worker;
  }

  /** The coroutine's number within its worker. */
  public long id() {
    return id;
  }

  /** The thread that runs this coroutine. */
  public Thread owner() {
    return owner;
  }

  /** Whether the current thread is this coroutine's thread. */
  public boolean isCurrent() {
    return Current.coroutine() == this;
  }

  /** This context's instances, for scopes and extensions ({@link ScopeStore}). */
  public ScopeStore store() {
    return store;
  }

  /**
   * Closes {@code action} when this coroutine ends, together with its scoped instances, newest
   * first, like Swoole's {@code Coroutine::defer}: for resources the coroutine must give back.
   */
  public void defer(AutoCloseable action) {
    store.defer(action, this);
  }

  /** Whether the coroutine has ended. */
  public boolean isClosed() {
    return store.isClosed();
  }

  /**
   * Ends the coroutine: releases its {@link AutoCloseable} instances newest first and unbinds it
   * from the thread. Idempotent.
   *
   * @throws DiException {@link ErrorId#WRONG_THREAD} from another thread; {@link ErrorId#CLOSE_FAILED}
   *     after releasing all, if any release threw
   */
  @Override
  public void close() {
    if (Thread.currentThread() != owner) {
      throw DiException.builder(ErrorId.WRONG_THREAD, "Coroutine " + this + " was closed from thread '"
              + Thread.currentThread().getName() + "'")
          .field("owner", owner.getName())
          .fix("Close a coroutine in a finally block on the thread that opened it.")
          .build();
    }
    if (store.isClosed()) {
      return;
    }
    try {
      store.close();
    } finally {
      Current.setCoroutine(previous);
      Current.setWorker(previousWorker);
    }
  }

  @Override
  public String toString() {
    return describe(worker, id);
  }

  private static String describe(WorkerContext worker, long id) {
    return "'" + worker.name() + "#" + id + "'";
  }
}
