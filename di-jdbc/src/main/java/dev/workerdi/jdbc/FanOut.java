package dev.workerdi.jdbc;

import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.core.spi.Failures;
import dev.workerdi.jdbc.internal.JdbcErrors;
import dev.workerdi.jdbc.internal.LeaseSource;
import jakarta.inject.Provider;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * Runs N queries (or tasks) at once inside the current worker, each as its own coroutine with its
 * own lease: the Java form of {@code mysqli_poll} over N links. Concurrency is bounded by the
 * worker's pool size (excess tasks wait their turn for a permit, they do not time out in the pool);
 * results come back in input order; the first failure cancels the rest; one deadline covers the
 * whole. Wall time is about the slowest task when the pool is large enough.
 *
 * <pre>{@code
 * List<Integer> counts = fanOut.run(List.of(
 *     c -> count(c, "orders"), c -> count(c, "customers")), Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Obtained by injection ({@code @Inject FanOut}), bound by {@link JdbcModule} as a singleton
 * that finds the calling worker's pool on each run, so long-lived objects may hold it; {@link #run}
 * must be called inside a worker task (a coroutine), elsewhere it fails with {@code DI-309}. The
 * calling coroutine's own lease, if it holds one, is not used by the tasks and counts against the
 * bound: its tasks then run at most pool size - 1 at once, each waiting for a permit, never for a
 * connection (on a pool of one the tasks can only wait for the caller's connection, in the pool).
 *
 * <p>Thread-safe; call it from a worker task.
 */
public final class FanOut {
  /** The permits of which a fan-out task holds one, on its thread, for its lease. */
  private static final ThreadLocal<Semaphore> PERMIT_HELD = new ThreadLocal<>();

  private final Provider<LeaseSource> sources;
  private final Provider<Lease> leases;

  /**
   * {@code sources} finds the calling worker's pool; {@code leases}, the coroutine-scoped lease
   * binding, gives each task its coroutine's lease, so the lease-backed {@code DataSource} and
   * transactions inside a task use the task's connection instead of borrowing a second one.
   */
  FanOut(Provider<LeaseSource> sources, Provider<Lease> leases) {
    this.sources = sources;
    this.leases = leases;
  }

  /** One unit of work on its own lease's connection. */
  @FunctionalInterface
  public interface Task<T> {
    T run(Connection connection) throws Exception;
  }

  /** Runs every task concurrently, each on its own lease; returns the results in input order. */
  public <T> List<T> run(List<? extends Task<? extends T>> tasks, Duration deadline)
      throws InterruptedException {
    checkArguments(tasks, deadline);
    WorkerContext worker =
        WorkerContext.current()
            .orElseThrow(() -> JdbcErrors.notInWorker("FanOut.run", "no worker on this thread"));
    LeaseSource source = sources.get();
    Semaphore permits = source.fanOutPermits();
    int total = tasks.size();
    long deadlineNanos = System.nanoTime() + deadline.toNanos();
    // the caller's own lease holds a connection its tasks cannot have: it counts as a task, unless
    // the caller is a task of this pool's fan-out, whose lease has its permit already
    boolean holding = PERMIT_HELD.get() != permits && source.callerHoldsOneOfMany();
    if (holding && !permits.tryAcquire(deadline.toNanos(), TimeUnit.NANOSECONDS)) {
      throw JdbcErrors.fanOutDeadline(deadline, 0, total);
    }
    try {
      return runAll(worker, permits, tasks, deadline, deadlineNanos);
    } finally {
      if (holding) {
        permits.release();
      }
    }
  }

  private <T> List<T> runAll(
      WorkerContext worker,
      Semaphore permits,
      List<? extends Task<? extends T>> tasks,
      Duration deadline,
      long deadlineNanos)
      throws InterruptedException {
    int total = tasks.size();
    Object[] results = new Object[total];
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicInteger failedIndex = new AtomicInteger(-1);
    CountDownLatch done = new CountDownLatch(total);
    List<Thread> threads = new ArrayList<>(total);
    AtomicReferenceArray<CoroutineContext> coroutines = new AtomicReferenceArray<>(total);
    for (int i = 0; i < total; i++) {
      int index = i;
      Task<? extends T> task = tasks.get(i);
      threads.add(
          Thread.ofVirtual()
              .name(worker.name() + "-fanout-" + i)
              .unstarted(
                  () -> {
                    try (CoroutineContext coroutine = worker.openCoroutine()) {
                      coroutines.set(index, coroutine);
                      results[index] = runOne(permits, leases, task);
                    } catch (Throwable t) {
                      if (failure.compareAndSet(null, t)) {
                        failedIndex.set(index);
                        cancelAll(threads, coroutines);
                      }
                    } finally {
                      done.countDown();
                    }
                  }));
    }
    threads.forEach(Thread::start);
    boolean finished = done.await(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    if (!finished) {
      long left = done.getCount(); // what the deadline left unfinished, before the cancels end them
      cancelAll(threads, coroutines);
      done.await();
      throw JdbcErrors.fanOutDeadline(deadline, (int) (total - left), total);
    }
    if (failure.get() != null) {
      throw JdbcErrors.fanOutFailed(failedIndex.get(), total, failure.get());
    }
    @SuppressWarnings("unchecked")
    List<T> list = (List<T>) Arrays.asList(results);
    return list;
  }

  private static void checkArguments(List<?> tasks, Duration deadline) {
    int missing =
        tasks == null
            ? -1
            : IntStream.range(0, tasks.size())
                .filter(i -> tasks.get(i) == null)
                .findFirst()
                .orElse(-2);
    if (missing != -2) {
      throw Failures.nullArgument(
          "FanOut.run",
          missing == -1 ? "the task list" : "task " + missing,
          "Pass a list of tasks, each a lambda taking the lease's Connection.");
    }
    if (deadline == null) {
      throw Failures.nullArgument(
          "FanOut.run",
          "the deadline",
          "Pass how long the whole fan-out may take, e.g. Duration.ofSeconds(5).");
    }
    if (deadline.isNegative() || deadline.isZero()) {
      throw DiException.builder(
              ErrorId.BAD_ARGUMENT,
              "FanOut.run: the deadline " + deadline + " leaves no time to run anything")
          .field("deadline", deadline)
          .fix("Pass a positive deadline, e.g. Duration.ofSeconds(5); nothing was started.")
          .build();
    }
  }

  private static <T> T runOne(Semaphore permits, Provider<Lease> leases, Task<T> task)
      throws Exception {
    permits.acquire();
    PERMIT_HELD.set(permits);
    try (Lease lease = leases.get()) {
      return task.run(lease.connection());
    } finally {
      PERMIT_HELD.remove();
      permits.release();
    }
  }

  /**
   * Cancels every other task: through its coroutine, so that a running statement is cancelled on
   * the server first (its connection stays sound and is reused), each on its own virtual thread so
   * the statements stop together.
   */
  private static void cancelAll(
      List<Thread> threads, AtomicReferenceArray<CoroutineContext> coroutines) {
    List<Thread> cancellers = new ArrayList<>(threads.size());
    for (int i = 0; i < threads.size(); i++) {
      Thread thread = threads.get(i);
      CoroutineContext coroutine = coroutines.get(i);
      if (thread == Thread.currentThread()) {
        continue;
      }
      cancellers.add(
          Thread.ofVirtual().start(coroutine == null ? thread::interrupt : coroutine::cancel));
    }
    for (Thread canceller : cancellers) {
      try {
        canceller.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
