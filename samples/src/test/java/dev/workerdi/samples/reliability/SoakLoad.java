package dev.workerdi.samples.reliability;

import dev.workerdi.core.DiException;
import dev.workerdi.lifecycle.WorkerHost;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak's load: {@code clients} loops submitting {@link SoakWork} coroutines until the deadline,
 * a canceller for the CANCEL ones, and a fault loop that kills every connection of the soak's
 * account every 3 to 8 seconds. Counts outcomes by kind. Thread-safe.
 */
final class SoakLoad {
  /** Kills the soak's server connections; returns how many. */
  @FunctionalInterface
  interface Killer {
    int killAll() throws SQLException;
  }

  private final WorkerHost host;
  private final long deadline;
  private final AtomicLong numbers = new AtomicLong();
  private final Map<SoakWork.Kind, LongAdder> started = new EnumMap<>(SoakWork.Kind.class);
  private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
  private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
  final LongAdder kills = new LongAdder();
  final LongAdder killedConnections = new LongAdder();

  SoakLoad(WorkerHost host, long deadlineNanos) {
    this.host = host;
    this.deadline = deadlineNanos;
    for (SoakWork.Kind kind : SoakWork.Kind.values()) {
      started.put(kind, new LongAdder());
    }
  }

  /** Runs the load and the faults until the deadline. */
  void run(int clients, Killer killer) throws InterruptedException {
    try (ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor()) {
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        threads.add(Thread.ofVirtual().name("soak-client-" + i).start(() -> loop(canceller)));
      }
      threads.add(Thread.ofVirtual().name("soak-faults").start(() -> faults(killer)));
      for (Thread thread : threads) {
        thread.join();
      }
    }
  }

  private void loop(ScheduledExecutorService canceller) {
    while (System.nanoTime() < deadline) {
      SoakWork.Kind kind = SoakWork.pick();
      long number = numbers.incrementAndGet();
      started.get(kind).increment();
      CompletableFuture<Void> querying = new CompletableFuture<>();
      CompletableFuture<Long> task = host.submit(() -> SoakWork.run(host, kind, number, querying));
      querying.thenRun(
          () -> canceller.schedule(() -> task.cancel(true), 20, TimeUnit.MILLISECONDS));
      String outcome = outcome(kind, task);
      outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
      if (outcome.equals("ok") && kind == SoakWork.Kind.WRITE) {
        acknowledged.add(number);
      }
    }
  }

  private static String outcome(SoakWork.Kind kind, CompletableFuture<Long> task) {
    try {
      task.get(60, TimeUnit.SECONDS);
      return "ok";
    } catch (CancellationException e) {
      return kind == SoakWork.Kind.CANCEL ? "expected: cancelled" : "error: cancelled " + kind;
    } catch (ExecutionException e) {
      Throwable cause =
          e.getCause() instanceof com.google.inject.ProvisionException p && p.getCause() != null
              ? p.getCause()
              : e.getCause();
      if (kind == SoakWork.Kind.THROW && cause instanceof IllegalStateException) {
        return "expected: thrown";
      }
      if (cause instanceof SoakWork.PollutionLeaked leaked) {
        return "POLLUTION " + leaked.getMessage();
      }
      return "error: "
          + (cause instanceof DiException di
              ? di.id().code()
              : cause instanceof SQLException sql
                  ? sql.getClass().getSimpleName() + " " + sql.getSQLState()
                  : cause.getClass().getSimpleName());
    } catch (TimeoutException e) {
      return "HANG: no answer within 60 s";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "error: interrupted";
    }
  }

  private void faults(Killer killer) {
    try {
      while (true) {
        long pause = ThreadLocalRandom.current().nextLong(3_000, 8_000);
        if (System.nanoTime() + pause * 1_000_000 > deadline) {
          return;
        }
        Thread.sleep(pause);
        killedConnections.add(killer.killAll());
        kills.increment();
      }
    } catch (InterruptedException | SQLException e) {
      System.err.println("soak: the fault loop stopped: " + e);
    }
  }

  long coroutines() {
    return numbers.get();
  }

  Map<SoakWork.Kind, Long> started() {
    Map<SoakWork.Kind, Long> copy = new EnumMap<>(SoakWork.Kind.class);
    started.forEach((kind, count) -> copy.put(kind, count.sum()));
    return copy;
  }

  Map<String, Long> outcomes() {
    Map<String, Long> copy = new TreeMap<>();
    outcomes.forEach((outcome, count) -> copy.put(outcome, count.sum()));
    return copy;
  }

  long count(String prefix) {
    return outcomes().entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  Set<Long> acknowledged() {
    return Set.copyOf(acknowledged);
  }
}
