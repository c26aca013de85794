package dev.workerdi.lifecycle.internal.host;

import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.WorkerContext;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One running worker: its {@link WorkerContext}, and its tasks, each run as a coroutine on a new
 * virtual thread whose coroutine context is closed when the task ends, whatever happens. Tracks the
 * running tasks so that stop can drain them and then interrupt the rest. Thread-safe. Not a
 * supported API.
 */
final class WorkerRuntime {
  private final WorkerContext context;
  private final Set<Thread> running = ConcurrentHashMap.newKeySet();
  private final Map<Thread, CoroutineContext> coroutines = new ConcurrentHashMap<>();
  private final AtomicLong taskNumbers = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private volatile boolean accepting;

  WorkerRuntime(WorkerContext context) {
    this.context = context;
  }

  WorkerContext context() {
    return context;
  }

  void accept() {
    accepting = true;
  }

  boolean isAccepting() {
    return accepting;
  }

  int running() {
    return running.size();
  }

  /** Runs {@code body} as a coroutine of this worker on a new virtual thread. */
  <T> CompletableFuture<T> launch(Callable<T> body) {
    TaskFuture<T> future = new TaskFuture<>();
    Thread thread =
        Thread.ofVirtual()
            .name(context.name() + "-task-" + taskNumbers.incrementAndGet())
            .unstarted(() -> runTask(body, future));
    future.thread = thread;
    running.add(thread);
    thread.start();
    return future;
  }

  private <T> void runTask(Callable<T> body, TaskFuture<T> future) {
    T result = null;
    Throwable failure = null;
    try (CoroutineContext coroutine = context.openCoroutine()) {
      future.coroutine = coroutine;
      coroutines.put(Thread.currentThread(), coroutine);
      result = body.call();
    } catch (Throwable t) {
      failure = t;
    } finally {
      coroutines.remove(Thread.currentThread());
      running.remove(Thread.currentThread());
      signalIfIdle();
    }
    if (failure == null) {
      future.complete(result);
    } else {
      future.completeExceptionally(failure);
    }
  }

  private void signalIfIdle() {
    lock.lock();
    try {
      if (running.isEmpty()) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops accepting, waits up to {@code drain} for running tasks, then interrupts the rest and
   * waits for them to end. Returns how many had to be interrupted.
   */
  int drain(Duration drain) throws InterruptedException {
    accepting = false;
    long deadline = System.nanoTime() + drain.toNanos();
    lock.lock();
    try {
      while (!running.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        idle.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
    Set<Thread> stragglers = Set.copyOf(running);
    stragglers.forEach(this::cancel);
    for (Thread thread : stragglers) {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    }
    return stragglers.size();
  }

  /**
   * Cancels a straggler's coroutine (its statements first, on the server), each on its own virtual
   * thread.
   */
  private void cancel(Thread thread) {
    CoroutineContext coroutine = coroutines.get(thread);
    if (coroutine == null) {
      thread.interrupt();
    } else {
      Thread.ofVirtual().name(thread.getName() + "-cancel").start(coroutine::cancel);
    }
  }

  /**
   * A future whose {@code cancel(true)} cancels the task's coroutine ({@link
   * CoroutineContext#cancel}: its running statement is cancelled on the server, then its virtual
   * thread is interrupted), on a virtual thread of its own, so that {@code cancel} returns at once.
   */
  private static final class TaskFuture<T> extends CompletableFuture<T> {
    volatile Thread thread;
    volatile CoroutineContext coroutine;

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      Thread target = thread;
      CoroutineContext running = coroutine;
      if (cancelled && mayInterruptIfRunning && running != null) {
        Thread.ofVirtual()
            .name(target.getName() + "-cancel")
            .start(running::cancel); // never blocks the caller
      } else if (cancelled && mayInterruptIfRunning && target != null) {
        target.interrupt();
      }
      return cancelled;
    }
  }
}
