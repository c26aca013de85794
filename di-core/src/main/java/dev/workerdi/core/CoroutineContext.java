package dev.workerdi.core;

import dev.workerdi.core.internal.CoroutineStore;
import dev.workerdi.core.internal.Current;
import dev.workerdi.core.spi.ScopeStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Consumer;

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
  private static final AtomicReferenceFieldUpdater<CoroutineContext, CancelHook> HOOKS =
      AtomicReferenceFieldUpdater.newUpdater(
          CoroutineContext.class, CancelHook.class, "cancelHooks");

  /** The newest {@link #onCancel} hook first; null for none. Added with a compare-and-set. */
  private volatile CancelHook cancelHooks;

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

  /**
   * Adds {@code hook} to what {@link #cancel()} runs, on the cancelling thread, around the
   * interrupt of this coroutine's thread: the hook receives the interrupt and must run it exactly
   * once, and may act before it and after it. A JDBC lease, for one, cancels its running statement
   * on the server first and keeps its connection from being returned until the interrupt is
   * delivered, since interrupting a virtual thread blocked in socket I/O closes the socket and
   * leaves the statement running. Hooks nest in the order added; they must be quick and must not
   * throw.
   */
  public void onCancel(Consumer<Runnable> hook) {
    CancelHook head;
    do {
      head = cancelHooks;
    } while (!HOOKS.compareAndSet(this, head, new CancelHook(hook, head)));
  }

  /**
   * Cancels the coroutine from any thread: runs the {@link #onCancel} hooks around one interrupt of
   * its thread (the interrupt happens even if a hook fails). Use it instead of {@code
   * owner().interrupt()}. May wait while a hook cancels a statement on the server.
   */
  public void cancel() {
    AtomicBoolean interrupted = new AtomicBoolean();
    Runnable action =
        () -> {
          if (interrupted.compareAndSet(false, true)) {
            owner.interrupt();
          }
        };
    // newest first, so that the first hook added runs outermost
    for (CancelHook node = cancelHooks; node != null; node = node.next()) {
      Consumer<Runnable> hook = node.hook();
      Runnable inner = action;
      action = () -> hook.accept(inner);
    }
    try {
      action.run();
    } finally {
      if (interrupted.compareAndSet(false, true)) {
        owner.interrupt();
      }
    }
  }

  /** Whether the coroutine has ended. */
  public boolean isClosed() {
    return store.isClosed();
  }

  /**
   * Ends the coroutine: releases its {@link AutoCloseable} instances newest first and unbinds it
   * from the thread. Idempotent.
   *
   * @throws DiException {@link ErrorId#WRONG_THREAD} from another thread; {@link
   *     ErrorId#CLOSE_FAILED} after releasing all, if any release threw
   */
  @Override
  public void close() {
    if (Thread.currentThread() != owner) {
      throw DiException.builder(
              ErrorId.WRONG_THREAD,
              "Coroutine "
                  + this
                  + " was closed from thread '"
                  + Thread.currentThread().getName()
                  + "'")
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

  /** One {@link #onCancel} hook and the ones added before it. */
  private record CancelHook(Consumer<Runnable> hook, CancelHook next) {}
}
