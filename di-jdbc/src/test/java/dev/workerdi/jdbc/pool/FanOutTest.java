package dev.workerdi.jdbc.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.FanOut;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fan-out: input order, bounding by the pool, cancellation, deadline; on a real server. */
@RealDatabase
class FanOutTest {
  private static WorkerHost host;

  @BeforeAll
  static void start(FreshDatabase db) {
    host = Hosts.start(Hosts.settings(db, 4, "connectionTimeout", 1000), 1);
  }

  @AfterAll
  static void stop() throws Exception {
    Hosts.stop(host);
  }

  static FanOut.Task<Integer> sleepThenReturn(double seconds, int value) {
    return connection -> {
      try (Statement s = connection.createStatement();
          ResultSet rows = s.executeQuery("SELECT SLEEP(" + seconds + "), " + value)) {
        rows.next();
        return rows.getInt(2);
      }
    };
  }

  /**
   * {@code task}, counting in {@code concurrent} the tasks running and in {@code peak} their most.
   */
  static FanOut.Task<Integer> counted(
      AtomicInteger concurrent, AtomicInteger peak, FanOut.Task<Integer> task) {
    return connection -> {
      peak.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
      try {
        return task.run(connection);
      } finally {
        concurrent.decrementAndGet();
      }
    };
  }

  @Test
  void resultsComeBackInInputOrder() throws Exception {
    List<Integer> results =
        host.submit(
                () ->
                    host.injector()
                        .getInstance(FanOut.class)
                        .run(
                            List.of(
                                sleepThenReturn(0.3, 1),
                                sleepThenReturn(0.0, 2),
                                sleepThenReturn(0.15, 3)),
                            Duration.ofSeconds(10)))
            .get();
    assertEquals(List.of(1, 2, 3), results);
  }

  @Test
  void twoHundredTasksOnAPoolOfFourWaitTheirTurnWithoutTimingOut() throws Exception {
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    List<FanOut.Task<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int value = i;
      tasks.add(counted(concurrent, peak, sleepThenReturn(0.03, value)));
    }
    List<Integer> results =
        host.submit(
                () -> host.injector().getInstance(FanOut.class).run(tasks, Duration.ofSeconds(60)))
            .get();
    assertEquals(200, results.size());
    for (int i = 0; i < 200; i++) {
      assertEquals(i, results.get(i));
    }
    assertTrue(peak.get() <= 4, "more tasks than connections ran at once: " + peak.get());
    WorkerPool pool = Hosts.pools(host).get(0);
    assertEquals(0, pool.stats().timeouts(), "a task timed out waiting for the pool");
  }

  @Test
  void aCallerHoldingItsOwnLeaseLeavesItsConnectionOutOfTheCountAndNoTaskTimesOut()
      throws Exception {
    // pool of 4, connectionTimeout 1 s: the caller holds one connection, so at most 3 tasks can
    // run at once; tasks of 1.5 s, more than the pool's timeout, must wait for a permit, not in
    // the pool
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    List<FanOut.Task<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int value = i;
      tasks.add(counted(concurrent, peak, sleepThenReturn(1.5, value)));
    }
    WorkerPool pool = Hosts.pools(host).get(0);
    long timeouts = pool.stats().timeouts();
    List<Integer> results =
        host.submit(
                () -> {
                  try (Statement s =
                      host.injector().getInstance(Connection.class).createStatement()) {
                    s.execute("SELECT 1"); // the caller's own lease, held during the fan-out
                  }
                  return host.injector()
                      .getInstance(FanOut.class)
                      .run(tasks, Duration.ofSeconds(60));
                })
            .get();
    assertEquals(List.of(0, 1, 2, 3, 4, 5), results);
    assertTrue(peak.get() <= 3, "tasks and the caller's lease above the pool: " + peak.get());
    assertEquals(timeouts, pool.stats().timeouts(), "a task timed out waiting for the pool");
    Hosts.assertNothingBorrowed(host);
  }

  @Test
  void aTaskThatFansOutAgainHasItsLeaseCountedOnce() throws Exception {
    // pool of 4: 3 outer tasks hold 3 permits and 3 connections; each starts 2 inner tasks, which
    // take the last permit in turn (counting an outer task's lease again would leave none)
    FanOut fanOut = host.injector().getInstance(FanOut.class);
    List<FanOut.Task<Integer>> outer = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int value = i;
      outer.add(
          connection -> {
            List<Integer> inner =
                fanOut.run(
                    List.of(
                        sleepThenReturn(0.05, 10 * value), sleepThenReturn(0.05, 10 * value + 1)),
                    Duration.ofSeconds(20));
            return inner.get(0) + inner.get(1) + sleepThenReturn(0, 0).run(connection);
          });
    }
    assertEquals(
        List.of(1, 21, 41), host.submit(() -> fanOut.run(outer, Duration.ofSeconds(30))).get());
    Hosts.assertNothingBorrowed(host);
  }

  @Test
  void theFirstFailureCancelsTheRest() throws Exception {
    long started = System.nanoTime();
    ExecutionException error =
        assertThrows(
            ExecutionException.class,
            () ->
                host.submit(
                        () ->
                            host.injector()
                                .getInstance(FanOut.class)
                                .run(
                                    List.of(
                                        sleepThenReturn(20, 1),
                                        connection -> {
                                          throw new IllegalStateException("bad row");
                                        },
                                        sleepThenReturn(20, 3)),
                                    Duration.ofSeconds(60)))
                    .get());
    DiException failure = (DiException) error.getCause();
    assertEquals(ErrorId.FANOUT_FAILED, failure.id());
    assertEquals("bad row", failure.getCause().getMessage());
    assertTrue(
        System.nanoTime() - started < 15_000_000_000L, "the sleeping tasks were not cancelled");
    Hosts.assertNothingBorrowed(host);
  }

  /**
   * One task returns at once (on a pool already open), the other blocks until it is cancelled: the
   * deadline reports the one that finished, interrupts the other, and every lease comes back. The
   * blocked task never races the deadline; the deadline is only a bound on the quick one.
   */
  @Test
  void theDeadlineCancelsEverythingStillRunning() throws Exception {
    CountDownLatch neverReleased = new CountDownLatch(1);
    AtomicBoolean cancelled = new AtomicBoolean();
    FanOut.Task<Integer> blockedUntilCancelled =
        connection -> {
          try {
            neverReleased.await();
            return 2;
          } catch (InterruptedException e) {
            cancelled.set(true);
            throw e;
          }
        };
    ExecutionException error =
        assertThrows(
            ExecutionException.class,
            () ->
                host.submit(
                        () -> {
                          FanOut fanOut = host.injector().getInstance(FanOut.class);
                          fanOut.run(
                              List.of(sleepThenReturn(0, 0), sleepThenReturn(0, 0)),
                              Duration.ofSeconds(60)); // the pool is open
                          return fanOut.run(
                              List.of(sleepThenReturn(0, 1), blockedUntilCancelled),
                              Duration.ofSeconds(5));
                        })
                    .get());
    DiException failure = (DiException) error.getCause();
    assertEquals(ErrorId.FANOUT_DEADLINE, failure.id());
    assertTrue(failure.getMessage().contains("finished:   1 of 2"), failure.getMessage());
    assertTrue(cancelled.get(), "the task still running was interrupted");
    Hosts.assertNothingBorrowed(host);
  }
}
