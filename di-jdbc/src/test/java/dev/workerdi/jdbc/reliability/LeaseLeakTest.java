package dev.workerdi.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.OutputTap;
import dev.workerdi.testing.RealDatabase;
import dev.workerdi.testing.Secrets;
import dev.workerdi.testing.TestUser;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@value #COROUTINES} coroutines that misbehave with their leases: 45% take one by hand with
 * {@code WorkerPool.lease()} and forget it, 45% inject {@code Connection} and throw, 10% are
 * cancelled in the middle of a query. Afterwards the pools serve normally, every lease came back,
 * and each forgotten lease was reported exactly once, with the stack of the line that borrowed it.
 * The pools are fixed-size (HikariCP's and the library's default); with {@code minimumIdle=0} the
 * coroutines waiting when cancelled queries evict connections starve (see {@code KillFaultTest}).
 */
@RealDatabase
@ExtendWith(Secrets.class)
class LeaseLeakTest {
  private static final int COROUTINES = 10_000;
  private static final Pattern REPORT = Pattern.compile("\\[DI-303] Lease (\\S+) of coroutine");
  private static final Set<String> UNEXPECTED = ConcurrentHashMap.newKeySet();

  private enum Misuse {
    FORGET,
    THROW,
    CANCEL
  }

  private static Misuse misuse(int i) {
    int slot = i % 20;
    return slot < 9 ? Misuse.FORGET : slot < 18 ? Misuse.THROW : Misuse.CANCEL;
  }

  @Test
  void forgottenThrownAndCancelledLeasesAllComeBack(FreshDatabase db) throws Exception {
    OutputTap tap = OutputTap.install();
    Map<String, Integer> outcomes = new TreeMap<>();
    int forgotten = 0;
    String log;
    long started = System.nanoTime();
    try (TestUser user = TestUser.create(db.server(), db.name());
        ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor()) {
      // 10,000 coroutines queue at once for 8 connections: the last ones wait for nearly all the
      // others, which
      // takes longer than the default 30 s connectionTimeout on a loaded machine; this test is
      // about leaks.
      WorkerHost host =
          Hosts.start(
              "leaky", Hosts.settings(db.jdbcUrl(), user, 4, "connectionTimeout", 600_000), 2);
      List<WorkerPool> pools = Hosts.pools(host);
      try {
        tap.startRecording();
        List<CompletableFuture<Long>> tasks = new ArrayList<>();
        List<Misuse> kinds = new ArrayList<>();
        for (int i = 0; i < COROUTINES; i++) {
          Misuse misuse = misuse(i);
          forgotten += misuse == Misuse.FORGET ? 1 : 0;
          CompletableFuture<Void> querying = new CompletableFuture<>();
          CompletableFuture<Long> task = host.submit(() -> run(host, misuse, querying));
          querying.thenRun(
              () -> canceller.schedule(() -> task.cancel(true), 20, TimeUnit.MILLISECONDS));
          tasks.add(task);
          kinds.add(misuse);
        }
        for (int i = 0; i < tasks.size(); i++) {
          String outcome = outcome(tasks.get(i));
          // A cancel that a loaded machine delivers after the 0.3 s query ended finds the task
          // completed: that is no leak, and the lease came back all the same.
          outcomes.merge(
              kinds.get(i) == Misuse.CANCEL && outcome.equals("completed")
                  ? "cancelled (or completed first)"
                  : outcome.equals("cancelled") ? "cancelled (or completed first)" : outcome,
              1,
              Integer::sum);
        }
        Hosts.await(10_000, () -> host.runningTasks() == 0);
        log = tap.stopRecording();
        long served = 0;
        for (int i = 0; i < 200; i++) {
          served +=
              host.submit(
                      () -> Sql.number(host.injector().getInstance(Connection.class), "SELECT 1"))
                  .get();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println(
            "LEAKS: "
                + COROUTINES
                + " misbehaving coroutines "
                + outcomes
                + " in "
                + millis
                + " ms; borrowed "
                + Hosts.sum(pools, p -> p.stats().borrowed())
                + ", returned "
                + Hosts.sum(pools, p -> p.stats().returned())
                + ", reclaimed "
                + Hosts.sum(pools, p -> p.stats().reclaimed())
                + ", evicted "
                + Hosts.sum(pools, p -> p.stats().evicted())
                + ", timeouts "
                + Hosts.sum(pools, p -> p.stats().timeouts())
                + "; afterwards "
                + served
                + " of 200 leases served");
        assertEquals(200, served, "the pools serve after the misuse");
        assertEquals(
            forgotten,
            Hosts.sum(pools, p -> p.stats().reclaimed()),
            "every forgotten lease reclaimed");
        assertEquals(0, Hosts.sum(pools, p -> p.stats().timeouts()), "no borrower waited in vain");
        Hosts.assertNothingBorrowed(pools);
      } finally {
        tap.stopRecording();
        host.stop(Duration.ofSeconds(10));
      }
    }
    assertEquals(
        Map.of(
            "cancelled (or completed first)",
            COROUTINES / 10,
            "completed",
            COROUTINES * 9 / 20,
            "threw",
            COROUTINES * 9 / 20),
        outcomes);
    assertReportedOnceWithStack(log, forgotten);
  }

  private static Long run(WorkerHost host, Misuse misuse, CompletableFuture<Void> querying)
      throws Exception {
    switch (misuse) {
      case FORGET -> {
        WorkerPool pool = host.injector().getInstance(WorkerPool.class);
        return Sql.connectionId(pool.lease().connection()); // never closed
      }
      case THROW -> {
        Sql.connectionId(host.injector().getInstance(Connection.class));
        throw new IllegalStateException("the task failed on purpose");
      }
      default -> {
        Connection c = host.injector().getInstance(Connection.class);
        querying.complete(null);
        return Sql.number(
            c, "SELECT SLEEP(30)"); // far longer than any scheduling delay: only the cancel ends it
      }
    }
  }

  private static String outcome(CompletableFuture<Long> task) throws InterruptedException {
    try {
      task.get(
          600,
          TimeUnit
              .SECONDS); // as long as the pools' connectionTimeout: a queue of 10,000 is slow on a
      // loaded machine
      return "completed";
    } catch (CancellationException e) {
      return "cancelled";
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IllegalStateException) {
        return "threw";
      }
      String kind = "failed: " + Load.kind(e);
      if (UNEXPECTED.add(
          kind)) { // the whole chain once: DI-301's cause carries HikariCP's last connection
        // failure
        System.out.println("LEAKS: first " + kind + ":\n" + Secrets.stackTrace(e.getCause()));
      }
      return kind;
    } catch (TimeoutException e) {
      return "hung";
    }
  }

  /**
   * One DI-303 report per forgotten lease, no lease named twice, each with the borrower's stack.
   */
  private static void assertReportedOnceWithStack(String log, int forgotten) {
    Set<String> leases = new HashSet<>();
    List<String> twice = new ArrayList<>();
    Matcher reports = REPORT.matcher(log);
    while (reports.find()) {
      if (!leases.add(reports.group(1))) {
        twice.add(reports.group(1));
      }
    }
    assertEquals(List.of(), twice, "leases reported more than once");
    assertEquals(forgotten, leases.size(), "one report per forgotten lease");
    int first = log.indexOf("[DI-303]");
    String report = log.substring(first, Math.min(log.length(), first + 4_000));
    assertTrue(report.contains("java.lang.Throwable: borrowed here"), report);
    assertTrue(
        report.contains("at dev.workerdi.jdbc.reliability.LeaseLeakTest.run(LeaseLeakTest.java:"),
        "the stack shows the line that borrowed: " + report);
    System.out.println(
        "LEAKS: "
            + leases.size()
            + " reports, e.g.:\n"
            + report.lines().limit(12).reduce((a, b) -> a + "\n" + b).orElse(""));
  }
}
