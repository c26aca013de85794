package dev.workerdi.jdbc.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.jdbc.exceptions.CommunicationsException;
import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.jdbc.Lease;
import dev.workerdi.jdbc.WorkerPool;
import dev.workerdi.jdbc.support.Hosts;
import dev.workerdi.jdbc.support.Messages;
import dev.workerdi.jdbc.support.Sql;
import dev.workerdi.lifecycle.WorkerHost;
import dev.workerdi.testing.GaleraCluster;
import dev.workerdi.testing.GaleraNode;
import dev.workerdi.testing.GaleraTestCluster;
import dev.workerdi.testing.Golden;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code kill -9} of the node serving worker 1's pool while 500 coroutines write: each affected
 * coroutine fails at most once, with the library's {@code DI-341} naming the node (SQLState 08S01
 * and the driver's exception kept as its cause), and its next lease is on a survivor; every
 * acknowledged write is on both survivors; no lease is left out. The node restarts, rejoins by IST,
 * and worker 1's pool writes through it again.
 */
@ExtendWith(GaleraTestCluster.class)
class NodeLossTest {
  private static final int COROUTINES = 500;
  private static final int WRITES = 20;

  @Test
  void aKilledNodeLosesNoAcknowledgedWriteAndComesBack(GaleraCluster cluster) throws Exception {
    String db = cluster.createDatabase("nodeloss");
    try (Connection c = cluster.node(1).connect(db)) {
      Sql.exec(c, "CREATE TABLE w (id BIGINT PRIMARY KEY, worker INT, port INT)");
    }
    GaleraNode victim = cluster.node(2);
    WorkerHost host = Hosts.start("loss", ClusterHosts.settings(cluster, db, 8), 3);
    try {
      Load before = new Load(host, 0);
      List<CompletableFuture<Void>> running = before.start();
      before.awaitAcknowledged(COROUTINES * WRITES / 5);
      victim.kill();
      before.finish(running);
      assertTrue(
          before.failures.values().stream().allMatch(n -> n <= 1),
          "a coroutine failed twice: " + before.failures);
      for (SQLException e : before.errors) {
        assertTrue(
            e.getSQLState() != null && e.getSQLState().startsWith("08"),
            "not a connection error: " + e);
        DiException lost = Messages.unwrap(e);
        assertEquals(ErrorId.NODE_LOST, lost.id(), String.valueOf(e));
        assertTrue(lost.getMessage().contains("Node " + victim.address() + " "), lost.getMessage());
        assertInstanceOf(CommunicationsException.class, lost.getCause());
      }
      assertFalse(before.errors.isEmpty(), "no coroutine was using node 2 when it was killed");
      Golden.assertMatches(
          "jdbc/cluster_node_lost",
          before
              .errors
              .peek()
              .getMessage()
              .replace(victim.address(), "<node2>")
              .replaceAll(
                  "(?s)(Communications link failure).*?(\n  fix:)", "$1 <the driver's details>$2"));
      System.out.println(
          "node loss: "
              + before.failures.size()
              + " coroutine(s) failed once, "
              + before.acked.size()
              + " writes acknowledged; worker 1 wrote through ports "
              + before.ports(1));
      assertTrue(
          before.ports(1).contains(cluster.node(3).port()),
          "worker 1's leases did not move to node 3");
      for (GaleraNode survivor : List.of(cluster.node(1), cluster.node(3))) {
        survivor.awaitSynced(2, Duration.ofSeconds(60));
        Set<Long> rows = ids(survivor, db);
        assertTrue(rows.containsAll(before.acked), survivor + " lacks acknowledged writes");
        assertEquals(
            List.of(),
            ClusterHosts.running(survivor, db),
            "statements left running on " + survivor);
      }
      assertNothingOut(host);

      victim.start();
      cluster.awaitAllSynced();
      assertTrue(victim.joinedByIst(), "the node rejoined by a full SST:\n" + victim.logTail());
      assertTrue(
          ids(victim, db).containsAll(before.acked), "the rejoined node lacks acknowledged writes");
      Load after = new Load(host, 1);
      after.finish(after.start());
      assertEquals(Map.of(), after.failures, "writes failed after the node came back");
      assertTrue(
          after.ports(1).contains(victim.port()),
          "worker 1 never used node 2 again: " + after.ports(1));
      assertNothingOut(host);
    } finally {
      cluster.awaitAllSynced();
      ClusterHosts.stop(host);
    }
  }

  private static void assertNothingOut(WorkerHost host) throws Exception {
    for (WorkerPool pool : Hosts.pools(host)) {
      assertEquals(pool.stats().borrowed(), pool.stats().returned(), pool.name() + ": leases out");
      assertEquals(0, pool.state().active(), pool.name() + ": connections active");
    }
  }

  private static Set<Long> ids(GaleraNode node, String db) throws SQLException {
    Set<Long> ids = ConcurrentHashMap.newKeySet();
    try (Connection c = node.connect(db);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT id FROM w")) {
      while (rows.next()) {
        ids.add(rows.getLong(1));
      }
    }
    return ids;
  }

  /** 500 coroutines, each writing 20 rows, one lease per write; a failed write is retried once. */
  private static final class Load {
    final WorkerHost host;
    final int round;
    final Set<Long> acked = ConcurrentHashMap.newKeySet();
    final Map<Integer, Integer> failures = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<SQLException> errors = new ConcurrentLinkedQueue<>();
    final Map<Integer, Set<Integer>> ports = new ConcurrentHashMap<>();
    final AtomicInteger done = new AtomicInteger();

    Load(WorkerHost host, int round) {
      this.host = host;
      this.round = round;
    }

    List<CompletableFuture<Void>> start() {
      List<CompletableFuture<Void>> futures = new ArrayList<>();
      for (int i = 0; i < COROUTINES; i++) {
        int coroutine = i;
        futures.add(
            host.submit(
                i % 3,
                () -> {
                  WorkerPool pool = host.injector().getInstance(WorkerPool.class);
                  for (int k = 0; k < WRITES; k++) {
                    write(pool, coroutine, (long) round * 1_000_000 + coroutine * 1_000L + k);
                  }
                  return null;
                }));
      }
      return futures;
    }

    private void write(WorkerPool pool, int coroutine, long id) throws SQLException {
      for (int attempt = 1; ; attempt++) {
        try (Lease lease = pool.lease();
            Statement s = lease.connection().createStatement()) {
          int port = ClusterHosts.port(lease.connection());
          s.execute("INSERT INTO w VALUES (" + id + ", " + coroutine % 3 + ", " + port + ")");
          ports.computeIfAbsent(coroutine % 3, w -> ConcurrentHashMap.newKeySet()).add(port);
          acked.add(id);
          done.incrementAndGet();
          return;
        } catch (SQLIntegrityConstraintViolationException e) {
          if (attempt == 1) {
            throw e;
          }
          acked.add(id); // the first attempt was applied, only its answer was lost
          return;
        } catch (SQLException e) {
          errors.add(e);
          if (failures.merge(coroutine, 1, Integer::sum) > 1) {
            throw e;
          }
        }
      }
    }

    void awaitAcknowledged(int count) throws InterruptedException {
      while (done.get() < count) {
        Thread.sleep(5);
      }
    }

    void finish(List<CompletableFuture<Void>> futures) throws Exception {
      for (CompletableFuture<Void> future : futures) {
        future.get();
      }
    }

    Set<Integer> ports(int worker) {
      return ports.getOrDefault(worker, Set.of());
    }
  }
}
