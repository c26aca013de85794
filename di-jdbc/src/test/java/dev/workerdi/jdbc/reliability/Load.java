package dev.workerdi.jdbc.reliability;

import dev.workerdi.core.DiException;
import dev.workerdi.lifecycle.WorkerHost;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Steady load on a worker host: {@code clients} loops, each submitting one coroutine at a time and
 * waiting for it, until {@link #close()}. Counts successes, failures by kind, the slowest failure,
 * and keeps the numbers of the writes that were acknowledged (the coroutine completed normally).
 * Thread-safe.
 */
final class Load implements AutoCloseable {
  /** One coroutine's work; {@code number} is unique across the load. */
  @FunctionalInterface
  interface Work {
    void run(long number) throws Exception;
  }

  private final WorkerHost host;
  private final Work work;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong numbers = new AtomicLong();
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong lastOkNanos = new AtomicLong();
  private final LongAccumulator slowestFailureMillis = new LongAccumulator(Math::max, 0);
  private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
  private final Map<String, LongAccumulator> slowestByKind = new ConcurrentHashMap<>();
  private final Map<String, Throwable> examples = new ConcurrentHashMap<>();
  private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
  private final List<Thread> clients = new ArrayList<>();

  Load(WorkerHost host, int clients, Work work) {
    this.host = host;
    this.work = work;
    for (int i = 0; i < clients; i++) {
      this.clients.add(Thread.ofVirtual().name("load-client-" + i).start(this::loop));
    }
  }

  private void loop() {
    while (running.get()) {
      long number = numbers.incrementAndGet();
      long started = System.nanoTime();
      CompletableFuture<Object> task;
      try {
        task =
            host.submit(
                () -> {
                  work.run(number);
                  return null;
                });
      } catch (DiException rejected) {
        failures
            .computeIfAbsent("rejected " + rejected.id().code(), k -> new AtomicLong())
            .incrementAndGet();
        return;
      }
      try {
        task.get(60, TimeUnit.SECONDS);
        acknowledged.add(number);
        ok.incrementAndGet();
        lastOkNanos.set(System.nanoTime());
      } catch (ExecutionException | TimeoutException | InterruptedException e) {
        String kind = kind(e);
        long millis = (System.nanoTime() - started) / 1_000_000;
        failures.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        examples.putIfAbsent(kind, e instanceof ExecutionException ? e.getCause() : e);
        slowestFailureMillis.accumulate(millis);
        slowestByKind
            .computeIfAbsent(kind, k -> new LongAccumulator(Math::max, 0))
            .accumulate(millis);
        if (e instanceof InterruptedException) {
          return;
        }
      }
    }
  }

  /** The kind of a failure: the error id, or the SQL exception's class and state, or HANG. */
  static String kind(Throwable failure) {
    if (failure instanceof TimeoutException) {
      return "HANG (no answer within 60 s)";
    }
    Throwable cause = failure instanceof ExecutionException ? failure.getCause() : failure;
    if (cause instanceof com.google.inject.ProvisionException provision
        && provision.getCause() != null) {
      cause = provision.getCause();
    }
    if (cause instanceof DiException di) {
      return di.id().code()
          + (di.getCause() == null ? "" : " (" + di.getCause().getClass().getSimpleName() + ")");
    }
    if (cause instanceof SQLException sql) {
      return sql.getClass().getSimpleName() + " " + sql.getSQLState();
    }
    return cause.getClass().getSimpleName();
  }

  long ok() {
    return ok.get();
  }

  /** When the last coroutine completed normally ({@link System#nanoTime()}). */
  long lastOkNanos() {
    return lastOkNanos.get();
  }

  long failed() {
    return failures.values().stream().mapToLong(AtomicLong::get).sum();
  }

  Map<String, Long> failures() {
    Map<String, Long> copy = new TreeMap<>();
    failures.forEach((kind, count) -> copy.put(kind, count.get()));
    return copy;
  }

  long slowestFailureMillis() {
    return slowestFailureMillis.get();
  }

  /** The slowest failure of each kind, in milliseconds. */
  Map<String, Long> slowestByKind() {
    Map<String, Long> copy = new TreeMap<>();
    slowestByKind.forEach((kind, millis) -> copy.put(kind, millis.get()));
    return copy;
  }

  /** The first failure of each kind. */
  Map<String, Throwable> examples() {
    return new TreeMap<>(examples);
  }

  Set<Long> acknowledged() {
    return Set.copyOf(acknowledged);
  }

  /** Stops submitting and waits for every client's last coroutine. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread client : clients) {
      client.join();
    }
  }

  @Override
  public String toString() {
    return ok()
        + " ok, "
        + failed()
        + " failed "
        + failures()
        + ", slowest failure by kind (ms) "
        + slowestByKind();
  }
}
