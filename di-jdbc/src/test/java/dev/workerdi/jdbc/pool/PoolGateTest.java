package dev.workerdi.jdbc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.jdbc.JdbcConnection;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.Lease;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The FIFO gate in front of HikariCP under real contention: coroutines that wait for a connection
 * wait at the gate (counted in {@code PoolState.waiting}), are served in arrival order, and give
 * their permit back on every path (served, evicted on return, timed out at the gate, cancelled
 * while waiting), so that afterwards the pool lends all its connections at once again and every
 * lease came back.
 */
@RealDatabase
class PoolGateTest {
  private static final int POOL = 2;
  private static final int TIMING_OUT = 200;
  private static final int CANCELLED = 200;
  private static final int SERVED = 1_600;
  private static final Pattern HIKARI_TIMEOUT =
      Pattern.compile(
          ".* - Connection is not available, request timed out after \\d+ms"
              + " \\(total=2, active=2, idle=0, waiting=\\d+\\)");

  @Test
  void twoThousandCoroutinesOnAPoolOfTwoLoseNoPermitWhenTheyTimeOutOrAreCancelledAtTheGate(
      FreshDatabase db) throws Exception {
    // 10 s: the timing-out wave waits it out; the served wave has that long to get through a pool
    // of 2.
    WorkerHost host = Hosts.start(Hosts.settings(db, POOL, "connectionTimeout", 10_000), 1);
    try {
      WorkerPool pool = Hosts.pools(host).get(0);
      CountDownLatch release = new CountDownLatch(1);
      List<CompletableFuture<Long>> holders = hold(host, POOL, release);
      Map<Integer, String> outcomes = new ConcurrentHashMap<>();

      // Wave 1: every one of them waits at the gate, behind the two holders, until its timeout.
      for (int i = 0; i < TIMING_OUT; i++) {
        submit(host, i, outcomes, null);
      }
      assertTrue(Hosts.await(60_000, () -> outcomes.size() == TIMING_OUT), outcomes::toString);
      assertEquals(TIMING_OUT, pool.stats().timeouts(), "timeouts counted");
      assertEquals(0, pool.state().waiting(), pool.state().toString());

      // Wave 2: the rest queue at the gate; a tenth of the whole is cancelled while it waits there.
      Map<Integer, DiException> errors = new ConcurrentHashMap<>();
      List<CompletableFuture<Void>> waves = new ArrayList<>();
      int rest = CANCELLED + SERVED;
      for (int i = TIMING_OUT; i < TIMING_OUT + rest; i++) {
        waves.add(submit(host, i, outcomes, errors));
      }
      assertTrue(
          Hosts.await(30_000, () -> pool.state().waiting() == rest), pool.state().toString());
      List<Integer> cancelled = new ArrayList<>();
      for (int k = 0; k < rest; k++) {
        if (k % (rest / CANCELLED) == 3) {
          assertTrue(waves.get(k).cancel(true), "already done: " + (TIMING_OUT + k));
          cancelled.add(TIMING_OUT + k);
        }
      }
      assertEquals(CANCELLED, cancelled.size());
      release.countDown();
      for (CompletableFuture<Long> holder : holders) {
        assertEquals(1, holder.get(30, TimeUnit.SECONDS));
      }
      assertTrue(
          Hosts.await(
              60_000, () -> outcomes.size() == TIMING_OUT + rest && host.runningTasks() == 0),
          outcomes.size() + " of " + (TIMING_OUT + rest) + " ended");

      Map<String, Integer> counts = new TreeMap<>();
      outcomes.values().forEach(outcome -> counts.merge(outcome, 1, Integer::sum));
      assertEquals(
          Map.of(
              ErrorId.ACQUIRE_TIMEOUT.name(),
              TIMING_OUT,
              ErrorId.ACQUIRE_INTERRUPTED.name(),
              CANCELLED,
              "served",
              SERVED),
          counts);
      for (int i : cancelled) {
        assertEquals(ErrorId.ACQUIRE_INTERRUPTED.name(), outcomes.get(i), "coroutine " + i);
      }
      assertEquals(TIMING_OUT, pool.stats().timeouts(), "the served wave timed out");
      long retired =
          outcomes.entrySet().stream()
              .filter(e -> retires(e.getKey()) && e.getValue().equals("served"))
              .count();
      assertTrue(retired > 50, "retired " + retired);
      assertEquals(retired, pool.stats().evicted(), "evicted");

      // No permit was lost: the pool lends both connections at once again, and all came back.
      CountDownLatch both = new CountDownLatch(POOL);
      List<CompletableFuture<Long>> together = new ArrayList<>();
      for (int i = 0; i < POOL; i++) {
        together.add(
            host.submit(
                () -> {
                  try (Lease lease = host.injector().getInstance(WorkerPool.class).lease()) {
                    both.countDown();
                    assertTrue(both.await(30, TimeUnit.SECONDS), "the pool lent one at a time");
                    return Sql.number(lease.connection(), "SELECT 1");
                  }
                }));
      }
      for (CompletableFuture<Long> each : together) {
        assertEquals(1, each.get(60, TimeUnit.SECONDS));
      }
      assertEquals(0, pool.state().waiting(), pool.state().toString());
      Hosts.assertNothingBorrowed(List.of(pool));
      assertEquals(
          pool.stats().borrowed(), pool.stats().returned(), "borrowed " + pool.stats().borrowed());
    } finally {
      Hosts.stop(host);
    }
  }

  @Test
  void aTimeoutAtTheGateIsHikariCpsDi301(FreshDatabase db) throws Exception {
    WorkerHost host = Hosts.start(Hosts.settings(db, POOL, "connectionTimeout", 500), 1);
    try {
      WorkerPool pool = Hosts.pools(host).get(0);
      CountDownLatch release = new CountDownLatch(1);
      List<CompletableFuture<Long>> holders = hold(host, POOL, release);
      Map<Integer, String> outcomes = new ConcurrentHashMap<>();
      Map<Integer, DiException> errors = new ConcurrentHashMap<>();
      for (int i = 0; i < 3; i++) {
        submit(host, i, outcomes, errors);
      }
      assertTrue(Hosts.await(30_000, () -> outcomes.size() == 3), outcomes::toString);
      release.countDown();
      for (CompletableFuture<Long> holder : holders) {
        assertEquals(1, holder.get(30, TimeUnit.SECONDS));
      }
      assertEquals(3, errors.size(), outcomes.toString());
      for (DiException error : errors.values()) {
        assertEquals(ErrorId.ACQUIRE_TIMEOUT, error.id(), error.getMessage());
        assertTrue(
            error.getMessage().contains("Pool " + pool.name() + " gave no connection within "),
            error.getMessage());
        SQLTransientConnectionException cause =
            assertInstanceOf(SQLTransientConnectionException.class, error.getCause());
        assertTrue(HIKARI_TIMEOUT.matcher(cause.getMessage()).matches(), cause.getMessage());
      }
      assertEquals(3, pool.stats().timeouts());
      Hosts.assertNothingBorrowed(List.of(pool));
    } finally {
      Hosts.stop(host);
    }
  }

  /**
   * A pool of 1: coroutines that arrive one after another (each seen waiting before the next is
   * submitted) are served in that order, those cancelled in the middle of the queue left out.
   */
  @Test
  void waitingCoroutinesAreServedInArrivalOrder(FreshDatabase db) throws Exception {
    int coroutines = 40;
    WorkerHost host = Hosts.start(Hosts.settings(db, 1, "connectionTimeout", 60_000), 1);
    try {
      WorkerPool pool = Hosts.pools(host).get(0);
      CountDownLatch release = new CountDownLatch(1);
      List<CompletableFuture<Long>> holders = hold(host, 1, release);
      ConcurrentLinkedQueue<Integer> served = new ConcurrentLinkedQueue<>();
      List<CompletableFuture<Void>> waiting = new ArrayList<>();
      for (int i = 0; i < coroutines; i++) {
        int index = i;
        waiting.add(
            host.submit(
                () -> {
                  try (Lease lease = host.injector().getInstance(WorkerPool.class).lease()) {
                    served.add(index); // one lease at a time: the order of this queue is service
                    Sql.number(lease.connection(), "SELECT 1");
                  }
                  return null;
                }));
        assertTrue(
            Hosts.await(30_000, () -> pool.state().waiting() == index + 1),
            "coroutine " + index + " did not queue: " + pool.state());
      }
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < coroutines; i++) {
        if (i % 5 == 2) {
          assertTrue(waiting.get(i).cancel(true), "already done: " + i);
        } else {
          expected.add(i);
        }
      }
      assertTrue(
          Hosts.await(30_000, () -> pool.state().waiting() == expected.size()),
          "the cancelled ones still wait: " + pool.state());
      release.countDown();
      holders.get(0).get(30, TimeUnit.SECONDS);
      for (int i = 0; i < coroutines; i++) {
        if (i % 5 != 2) {
          waiting.get(i).get(60, TimeUnit.SECONDS);
        }
      }
      assertEquals(expected, List.copyOf(served));
      assertTrue(Hosts.await(30_000, () -> host.runningTasks() == 0));
      Hosts.assertNothingBorrowed(List.of(pool));
    } finally {
      Hosts.stop(host);
    }
  }

  /** {@code count} coroutines that each hold a lease until {@code release}, seen holding. */
  private static List<CompletableFuture<Long>> hold(
      WorkerHost host, int count, CountDownLatch release) throws InterruptedException {
    CountDownLatch holding = new CountDownLatch(count);
    List<CompletableFuture<Long>> holders = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      holders.add(
          host.submit(
              () -> {
                try (Lease lease = host.injector().getInstance(WorkerPool.class).lease()) {
                  long one = Sql.number(lease.connection(), "SELECT 1");
                  holding.countDown();
                  release.await();
                  return one;
                }
              }));
    }
    assertTrue(holding.await(30, TimeUnit.SECONDS), "the holders did not get their leases");
    return holders;
  }

  /** Whether coroutine {@code i} takes the driver's connection, which evicts it on return. */
  private static boolean retires(int i) {
    return i % 16 == 0;
  }

  /**
   * Coroutine {@code i}: one lease and a query (and, when {@link #retires}, the driver's
   * connection); its outcome ({@code served}, or the error's id) is put in {@code outcomes}, the
   * error in {@code errors} when given.
   */
  private static CompletableFuture<Void> submit(
      WorkerHost host, int i, Map<Integer, String> outcomes, Map<Integer, DiException> errors) {
    return host.submit(
        () -> {
          try (Lease lease = host.injector().getInstance(WorkerPool.class).lease()) {
            Sql.number(lease.connection(), "SELECT 1");
            if (retires(i)) {
              lease.connection().unwrap(JdbcConnection.class); // evicted on return
            }
            outcomes.put(i, "served");
          } catch (DiException e) {
            if (errors != null) {
              errors.put(i, e);
            }
            outcomes.put(i, e.id().name());
          }
          return null;
        });
  }
}
