package dev.workerdi.jdbc.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat;
import dev.workerdi.core.DiException;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.RealDatabase;
import dev.workerdi.testing.Secrets;
import dev.workerdi.testing.TestUser;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code WorkerHost.stop} in the middle of a write load (short writes, and one in ten a transaction
 * still open when the drain ends): no acknowledged write is lost, every pool is closed (no
 * connection of the test user left on the server, leases refused), every lease came back, and no
 * thread of the host or its pools is left, virtual ones included (a JDK thread dump is searched).
 */
@RealDatabase
@ExtendWith(Secrets.class)
class ShutdownUnderLoadTest {
  private static final String HOST = "stopping";

  @Test
  void stopDuringHeavyLoadLosesNothingAndLeavesNothing(FreshDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      Sql.exec(c, "CREATE TABLE writes (id BIGINT PRIMARY KEY) ENGINE=InnoDB");
    }
    try (TestUser user = TestUser.create(db.server(), db.name())) {
      WorkerHost host = Hosts.start(HOST, Hosts.settings(db.jdbcUrl(), user, 4), 2);
      List<WorkerPool> pools = Hosts.pools(host);
      Load load = new Load(host, 32, number -> write(host, number));
      Hosts.await(20_000, () -> load.ok() >= 300);
      int inFlight = host.runningTasks();
      int threadsBefore = liveThreads(HOST + "-", "db-" + HOST + "-").size();
      long stopping = System.nanoTime();
      host.stop(Duration.ofMillis(200));
      long stopMillis = (System.nanoTime() - stopping) / 1_000_000;
      load.close();
      long connectionsGoneMillis = millisUntil(() -> user.connections() == 0);
      Set<Long> stored = new HashSet<>();
      try (Connection c = db.connect()) {
        stored.addAll(Sql.numbers(c, "SELECT id FROM writes"));
      }
      Set<Long> lost = new HashSet<>(load.acknowledged());
      lost.removeAll(stored);
      List<String> leftThreads = liveThreads(HOST + "-", "db-" + HOST + "-");
      System.out.println(
          "SHUTDOWN: stop with "
              + inFlight
              + " coroutines in flight ("
              + threadsBefore
              + " threads of the host and its pools) took "
              + stopMillis
              + " ms; load "
              + load
              + "; acknowledged "
              + load.acknowledged().size()
              + ", stored "
              + stored.size()
              + ", lost "
              + lost.size()
              + "; server connections of the user gone "
              + connectionsGoneMillis
              + " ms after stop; "
              + "threads left "
              + leftThreads);
      load.examples()
          .forEach(
              (kind, e) ->
                  System.out.println("SHUTDOWN: first " + kind + ": " + Secrets.stackTrace(e)));
      assertTrue(inFlight > 0, "writes were in flight when stop began");
      assertTrue(
          threadsBefore > inFlight,
          "the thread dump finds the host's threads while it runs: " + threadsBefore);
      assertEquals(Set.of(), lost, "acknowledged writes are missing");
      assertTrue(
          connectionsGoneMillis >= 0, "connections of the pools are still open on the server");
      assertEquals(List.of(), leftThreads, "threads of the host or its pools are still alive");
      for (WorkerPool pool : pools) {
        assertEquals(0, pool.state().total(), pool.name() + " still has connections");
        DiException refused =
            assertThrows(DiException.class, pool::lease, pool.name() + " lent after stop");
        System.out.println(
            "SHUTDOWN: a lease after stop is refused with "
                + refused.id().code()
                + " (HostStateMisuseTest pins the id it should have)");
      }
      Hosts.assertNothingBorrowed(pools);
    }
  }

  private static void write(WorkerHost host, long number) throws Exception {
    Connection c = host.injector().getInstance(Connection.class);
    boolean longTransaction = number % 10 == 0;
    c.setAutoCommit(!longTransaction);
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO writes VALUES (?)")) {
      insert.setLong(1, number);
      insert.executeUpdate();
    }
    if (longTransaction) {
      Sql.number(c, "SELECT SLEEP(1)");
      c.commit();
    }
  }

  /** How long until {@code condition} holds (polled), or -1 after 10 s. */
  private static long millisUntil(Check condition) throws Exception {
    long started = System.nanoTime();
    while (!condition.holds()) {
      if (System.nanoTime() - started > 10_000_000_000L) {
        return -1;
      }
      Thread.sleep(20);
    }
    return (System.nanoTime() - started) / 1_000_000;
  }

  @FunctionalInterface
  private interface Check {
    boolean holds() throws Exception;
  }

  /** Names of live threads, virtual ones included, that start with one of {@code prefixes}. */
  static List<String> liveThreads(String... prefixes) throws Exception {
    Path dump = Files.createTempFile("threads-", ".txt");
    Files.delete(dump);
    ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
        .dumpThreads(dump.toString(), ThreadDumpFormat.TEXT_PLAIN);
    String text = Files.readString(dump);
    Files.delete(dump);
    Matcher names = Pattern.compile("(?m)^#\\d+ \"([^\"]*)\"").matcher(text);
    List<String> found = new ArrayList<>();
    while (names.find()) {
      for (String prefix : prefixes) {
        if (names.group(1).startsWith(prefix)) {
          found.add(names.group(1));
        }
      }
    }
    return found;
  }
}
